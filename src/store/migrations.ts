import { LATER_MIGRATIONS } from './migrations-later.js';

/**
 * Numbered schema migrations, applied in order on PRAGMA user_version.
 * Never edit a shipped migration: add a new one.
 */
export const MIGRATIONS: string[] = [
  // 1: exam and practice attempts, the drawn items, and one row per answered item.
  `
  CREATE TABLE attempts (
    id            INTEGER PRIMARY KEY,
    mode          TEXT    NOT NULL CHECK (mode IN ('exam', 'practice')),
    status        TEXT    NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress', 'submitted', 'abandoned')),
    started_at    TEXT    NOT NULL,
    finished_at   TEXT,
    seed          TEXT    NOT NULL,
    params        TEXT    NOT NULL,
    time_limit_s  INTEGER,
    elapsed_ms    INTEGER NOT NULL DEFAULT 0,
    current_pos   INTEGER NOT NULL DEFAULT 0,
    score_correct INTEGER,
    score_total   INTEGER,
    passed        INTEGER
  );
  CREATE INDEX attempts_status ON attempts (status, started_at);

  CREATE TABLE attempt_items (
    attempt_id   INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    item_id      TEXT    NOT NULL,
    item_hash    TEXT    NOT NULL,
    choice_order TEXT    NOT NULL,
    PRIMARY KEY (attempt_id, position)
  ) WITHOUT ROWID;

  CREATE TABLE responses (
    attempt_id   INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    item_id      TEXT    NOT NULL,
    item_hash    TEXT    NOT NULL,
    module       INTEGER NOT NULL,
    topic        TEXT    NOT NULL,
    domain       TEXT    NOT NULL,
    choice_order TEXT    NOT NULL,
    response     TEXT,
    correct      INTEGER NOT NULL DEFAULT 0,
    flagged      INTEGER NOT NULL DEFAULT 0,
    time_ms      INTEGER NOT NULL DEFAULT 0,
    answered_at  TEXT    NOT NULL,
    PRIMARY KEY (attempt_id, position)
  ) WITHOUT ROWID;
  CREATE INDEX responses_item ON responses (item_id, answered_at);
  CREATE INDEX responses_topic ON responses (module, topic, correct);
  `,
  // 2: the append-only FSRS review log (flashcards and questions) and settings.
  `
  CREATE TABLE reviews (
    id           INTEGER PRIMARY KEY,
    item_id      TEXT    NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('card', 'question')),
    source       TEXT    NOT NULL CHECK (source IN ('cards', 'exam', 'practice')),
    rating       INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
    reviewed_at  TEXT    NOT NULL,
    elapsed_ms   INTEGER NOT NULL,
    retention    REAL    NOT NULL,
    state_before TEXT,
    state_after  TEXT    NOT NULL
  );
  CREATE INDEX reviews_item ON reviews (item_id, id);
  CREATE INDEX reviews_time ON reviews (reviewed_at);

  CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  // 3: completion records issued, so a bare code can be checked (it is recomputed from the answers each time).
  `
  CREATE TABLE records (
    code       TEXT PRIMARY KEY,
    attempt_id INTEGER NOT NULL REFERENCES attempts (id),
    name       TEXT NOT NULL,
    issued_at  TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  // 4: running totals kept by triggers, so reports read a few hundred rows instead of every answer.
  // (No INSERT OR IGNORE in the triggers: an outer upsert would override its conflict policy.)
  // An answer counts once it is final: practice answers at once, exam answers when the exam is submitted.
  `
  CREATE TABLE topic_day_stats (
    module   INTEGER NOT NULL,
    topic    TEXT    NOT NULL,
    domain   TEXT    NOT NULL,
    day      TEXT    NOT NULL,
    answered INTEGER NOT NULL DEFAULT 0,
    correct  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (module, topic, domain, day)
  ) WITHOUT ROWID;

  CREATE TABLE item_stats (
    item_id      TEXT PRIMARY KEY,
    module       INTEGER NOT NULL,
    answered     INTEGER NOT NULL DEFAULT 0,
    correct      INTEGER NOT NULL DEFAULT 0,
    last_at      TEXT    NOT NULL DEFAULT '',
    last_correct INTEGER NOT NULL DEFAULT 0
  ) WITHOUT ROWID;

  CREATE TRIGGER responses_count_insert AFTER INSERT ON responses
  WHEN NEW.response IS NOT NULL AND (SELECT mode = 'practice' OR status = 'submitted' FROM attempts WHERE id = NEW.attempt_id)
  BEGIN
    INSERT INTO topic_day_stats (module, topic, domain, day) SELECT NEW.module, NEW.topic, NEW.domain, substr(NEW.answered_at, 1, 10)
      WHERE NOT EXISTS (SELECT 1 FROM topic_day_stats WHERE module = NEW.module AND topic = NEW.topic AND domain = NEW.domain AND day = substr(NEW.answered_at, 1, 10));
    UPDATE topic_day_stats SET answered = answered + 1, correct = correct + NEW.correct
      WHERE module = NEW.module AND topic = NEW.topic AND domain = NEW.domain AND day = substr(NEW.answered_at, 1, 10);
    INSERT INTO item_stats (item_id, module) SELECT NEW.item_id, NEW.module WHERE NOT EXISTS (SELECT 1 FROM item_stats WHERE item_id = NEW.item_id);
    UPDATE item_stats SET answered = answered + 1, correct = correct + NEW.correct,
      last_correct = CASE WHEN NEW.answered_at >= last_at THEN NEW.correct ELSE last_correct END,
      last_at = max(last_at, NEW.answered_at)
      WHERE item_id = NEW.item_id;
  END;

  CREATE TRIGGER responses_count_update AFTER UPDATE ON responses
  WHEN (SELECT mode = 'practice' OR status = 'submitted' FROM attempts WHERE id = NEW.attempt_id)
  BEGIN
    UPDATE topic_day_stats SET answered = answered - 1, correct = correct - OLD.correct
      WHERE OLD.response IS NOT NULL AND module = OLD.module AND topic = OLD.topic AND domain = OLD.domain AND day = substr(OLD.answered_at, 1, 10);
    UPDATE item_stats SET answered = answered - 1, correct = correct - OLD.correct
      WHERE OLD.response IS NOT NULL AND item_id = OLD.item_id;
    INSERT INTO topic_day_stats (module, topic, domain, day) SELECT NEW.module, NEW.topic, NEW.domain, substr(NEW.answered_at, 1, 10)
      WHERE NEW.response IS NOT NULL AND NOT EXISTS (SELECT 1 FROM topic_day_stats WHERE module = NEW.module AND topic = NEW.topic AND domain = NEW.domain AND day = substr(NEW.answered_at, 1, 10));
    UPDATE topic_day_stats SET answered = answered + 1, correct = correct + NEW.correct
      WHERE NEW.response IS NOT NULL AND module = NEW.module AND topic = NEW.topic AND domain = NEW.domain AND day = substr(NEW.answered_at, 1, 10);
    INSERT INTO item_stats (item_id, module) SELECT NEW.item_id, NEW.module
      WHERE NEW.response IS NOT NULL AND NOT EXISTS (SELECT 1 FROM item_stats WHERE item_id = NEW.item_id);
    UPDATE item_stats SET answered = answered + 1, correct = correct + NEW.correct,
      last_correct = CASE WHEN NEW.answered_at >= last_at THEN NEW.correct ELSE last_correct END,
      last_at = max(last_at, NEW.answered_at)
      WHERE NEW.response IS NOT NULL AND item_id = NEW.item_id;
  END;

  CREATE TRIGGER attempts_count_on_submit AFTER UPDATE OF status ON attempts
  WHEN NEW.status = 'submitted' AND OLD.status <> 'submitted' AND NEW.mode = 'exam'
  BEGIN
    INSERT INTO topic_day_stats (module, topic, domain, day)
      SELECT DISTINCT r.module, r.topic, r.domain, substr(r.answered_at, 1, 10) FROM responses r WHERE r.attempt_id = NEW.id AND r.response IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM topic_day_stats t WHERE t.module = r.module AND t.topic = r.topic AND t.domain = r.domain AND t.day = substr(r.answered_at, 1, 10));
    UPDATE topic_day_stats SET
      answered = answered + (SELECT count(*) FROM responses r WHERE r.attempt_id = NEW.id AND r.response IS NOT NULL AND r.module = topic_day_stats.module AND r.topic = topic_day_stats.topic AND r.domain = topic_day_stats.domain AND substr(r.answered_at, 1, 10) = topic_day_stats.day),
      correct = correct + (SELECT coalesce(sum(r.correct), 0) FROM responses r WHERE r.attempt_id = NEW.id AND r.response IS NOT NULL AND r.module = topic_day_stats.module AND r.topic = topic_day_stats.topic AND r.domain = topic_day_stats.domain AND substr(r.answered_at, 1, 10) = topic_day_stats.day)
      WHERE (module, topic, domain, day) IN (SELECT module, topic, domain, substr(answered_at, 1, 10) FROM responses WHERE attempt_id = NEW.id AND response IS NOT NULL);
    INSERT INTO item_stats (item_id, module) SELECT DISTINCT r.item_id, r.module FROM responses r WHERE r.attempt_id = NEW.id AND r.response IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM item_stats i WHERE i.item_id = r.item_id);
    UPDATE item_stats SET
      answered = answered + (SELECT count(*) FROM responses r WHERE r.attempt_id = NEW.id AND r.response IS NOT NULL AND r.item_id = item_stats.item_id),
      correct = correct + (SELECT coalesce(sum(r.correct), 0) FROM responses r WHERE r.attempt_id = NEW.id AND r.response IS NOT NULL AND r.item_id = item_stats.item_id),
      last_correct = coalesce((SELECT r.correct FROM responses r WHERE r.attempt_id = NEW.id AND r.response IS NOT NULL AND r.item_id = item_stats.item_id AND r.answered_at >= item_stats.last_at ORDER BY r.answered_at DESC LIMIT 1), last_correct),
      last_at = max(last_at, coalesce((SELECT max(r.answered_at) FROM responses r WHERE r.attempt_id = NEW.id AND r.response IS NOT NULL AND r.item_id = item_stats.item_id), ''))
      WHERE item_id IN (SELECT item_id FROM responses WHERE attempt_id = NEW.id AND response IS NOT NULL);
  END;

  INSERT INTO topic_day_stats (module, topic, domain, day, answered, correct)
    SELECT r.module, r.topic, r.domain, substr(r.answered_at, 1, 10), count(*), sum(r.correct)
    FROM responses r JOIN attempts a ON a.id = r.attempt_id
    WHERE r.response IS NOT NULL AND (a.mode = 'practice' OR a.status = 'submitted')
    GROUP BY r.module, r.topic, r.domain, substr(r.answered_at, 1, 10);
  INSERT INTO item_stats (item_id, module, answered, correct, last_at, last_correct)
    SELECT r.item_id, r.module, count(*), sum(r.correct), max(r.answered_at),
      (SELECT r2.correct FROM responses r2 WHERE r2.item_id = r.item_id AND r2.response IS NOT NULL ORDER BY r2.answered_at DESC LIMIT 1)
    FROM responses r JOIN attempts a ON a.id = r.attempt_id
    WHERE r.response IS NOT NULL AND (a.mode = 'practice' OR a.status = 'submitted')
    GROUP BY r.item_id;
  `,  // 5: the mock-exam list (stats, cert) reads the newest submitted exams straight from an index.
  `
  CREATE INDEX attempts_finished ON attempts (mode, status, finished_at);
  `,
  // 6: per answer, whether the learner marked it as a guess (a right guess is not mastery: readiness and cards
  // read it), and the choices struck out on screen (the item's own letters, as a JSON list).
  `
  ALTER TABLE responses ADD COLUMN guess INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE responses ADD COLUMN struck TEXT NOT NULL DEFAULT '[]';
  `,
  ...LATER_MIGRATIONS,
];
