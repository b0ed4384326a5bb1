import { MIGRATION_12_ITEM_ANALYSIS } from './migration-12-item-analysis.js';
import { MIGRATION_13_FIRST_ANSWER_TOTALS } from './migration-13-first-answer-totals.js';
import { MIGRATION_14_ITEM_BAND_RUNNING } from './migration-14-item-band-running.js';
import { MIGRATION_15_ITEM_SCORE_SUMS } from './migration-15-item-score-sums.js';

/**
 * Migrations 7 onwards (see migrations.ts): the exam room's claims, the
 * review and miss indexes, cards set aside, quarter-hour totals for local
 * days, each item's first answer for readiness, then (in files of their own)
 * item-analysis totals, first-answer totals, running band sums and (15)
 * per-item score sums in their place. Never edit one: add a new one.
 */
export const LATER_MIGRATIONS: string[] = [
  // 7: which running mrso holds an unfinished attempt (one process at a time may run it). A claim names the
  // process id and its start time, so a claim left by a killed process (or a reused pid) counts as free.
  `
  CREATE TABLE attempt_claims (
    attempt_id    INTEGER PRIMARY KEY REFERENCES attempts (id) ON DELETE CASCADE,
    pid           INTEGER NOT NULL,
    process_start TEXT    NOT NULL,
    claimed_at    TEXT    NOT NULL
  );
  `,
  // 8 (#14, scale): review sets read misses and flags newest first through these indexes, and stop once they
  // have enough; cards --missed reads each item's latest miss from a trigger-kept table.
  `
  CREATE INDEX responses_misses_by_time ON responses (answered_at, item_id) WHERE response IS NOT NULL AND correct = 0;
  CREATE INDEX responses_flags_by_time ON responses (answered_at, item_id) WHERE flagged = 1;

  -- Each item's latest wrong answer, kept by triggers: cards --missed reads it instead of grouping the whole log.
  CREATE TABLE item_misses (
    item_id      TEXT PRIMARY KEY,
    last_miss_at TEXT NOT NULL
  ) WITHOUT ROWID;
  INSERT INTO item_misses (item_id, last_miss_at)
    SELECT item_id, max(answered_at) FROM responses WHERE response IS NOT NULL AND correct = 0 GROUP BY item_id;
  CREATE TRIGGER responses_miss_insert AFTER INSERT ON responses
  WHEN NEW.response IS NOT NULL AND NEW.correct = 0
  BEGIN
    INSERT INTO item_misses (item_id, last_miss_at) VALUES (NEW.item_id, NEW.answered_at)
      ON CONFLICT (item_id) DO UPDATE SET last_miss_at = max(last_miss_at, excluded.last_miss_at);
  END;
  -- A changed or removed answer: that item's latest miss is looked up again (a few rows, through responses_item).
  CREATE TRIGGER responses_miss_update AFTER UPDATE OF item_id, response, correct, answered_at ON responses
  BEGIN
    DELETE FROM item_misses WHERE item_id IN (OLD.item_id, NEW.item_id);
    INSERT INTO item_misses (item_id, last_miss_at)
      SELECT item_id, max(answered_at) FROM responses WHERE item_id IN (OLD.item_id, NEW.item_id) AND response IS NOT NULL AND correct = 0 GROUP BY item_id;
  END;
  CREATE TRIGGER responses_miss_delete AFTER DELETE ON responses
  BEGIN
    DELETE FROM item_misses WHERE item_id = OLD.item_id;
    INSERT INTO item_misses (item_id, last_miss_at)
      SELECT item_id, max(answered_at) FROM responses WHERE item_id = OLD.item_id AND response IS NOT NULL AND correct = 0 GROUP BY item_id;
  END;
  `,
  // 9: cards set aside by the learner: buried until a time (the next learning day), or suspended until unsuspended.
  // Separate from the review log, which only ever records ratings.
  `
  CREATE TABLE card_flags (
    item_id      TEXT PRIMARY KEY,
    buried_until TEXT,
    suspended    INTEGER NOT NULL DEFAULT 0
  ) WITHOUT ROWID;
  `,
  // 10: answers per topic per UTC quarter-hour, kept by triggers like topic_day_stats (migration 4), so trends and
  // --since can sum any local learning day (every real time zone's offset is a whole number of quarter-hours)
  // without reading every answer and without rewriting anything when the time zone or rollover hour changes.
  // Keyed by time first: reports read whole UTC days from topic_day_stats and only the quarters of the few UTC
  // days that a learning-day boundary cuts through from here.
  // The key is the first 15 characters of answered_at plus the quarter: 'YYYY-MM-DDTHH:' || '00'/'15'/'30'/'45'.
  `
  CREATE TABLE topic_quarter_stats (
    module   INTEGER NOT NULL,
    topic    TEXT    NOT NULL,
    domain   TEXT    NOT NULL,
    quarter  TEXT    NOT NULL,
    answered INTEGER NOT NULL DEFAULT 0,
    correct  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (quarter, module, topic, domain)
  ) WITHOUT ROWID;

  CREATE TRIGGER responses_quarter_insert AFTER INSERT ON responses
  WHEN NEW.response IS NOT NULL AND (SELECT mode = 'practice' OR status = 'submitted' FROM attempts WHERE id = NEW.attempt_id)
  BEGIN
    INSERT INTO topic_quarter_stats (module, topic, domain, quarter, answered, correct)
      VALUES (NEW.module, NEW.topic, NEW.domain, substr(NEW.answered_at, 1, 14) || printf('%02d', (CAST(substr(NEW.answered_at, 15, 2) AS INTEGER) / 15) * 15), 1, NEW.correct)
      ON CONFLICT (quarter, module, topic, domain) DO UPDATE SET answered = answered + 1, correct = correct + excluded.correct;
  END;

  CREATE TRIGGER responses_quarter_update AFTER UPDATE ON responses
  WHEN (SELECT mode = 'practice' OR status = 'submitted' FROM attempts WHERE id = NEW.attempt_id)
  BEGIN
    UPDATE topic_quarter_stats SET answered = answered - 1, correct = correct - OLD.correct
      WHERE OLD.response IS NOT NULL AND module = OLD.module AND topic = OLD.topic AND domain = OLD.domain
        AND quarter = substr(OLD.answered_at, 1, 14) || printf('%02d', (CAST(substr(OLD.answered_at, 15, 2) AS INTEGER) / 15) * 15);
    INSERT INTO topic_quarter_stats (module, topic, domain, quarter, answered, correct)
      SELECT NEW.module, NEW.topic, NEW.domain, substr(NEW.answered_at, 1, 14) || printf('%02d', (CAST(substr(NEW.answered_at, 15, 2) AS INTEGER) / 15) * 15), 1, NEW.correct
      WHERE NEW.response IS NOT NULL
      ON CONFLICT (quarter, module, topic, domain) DO UPDATE SET answered = answered + 1, correct = correct + excluded.correct;
  END;

  CREATE TRIGGER attempts_quarter_on_submit AFTER UPDATE OF status ON attempts
  WHEN NEW.status = 'submitted' AND OLD.status <> 'submitted' AND NEW.mode = 'exam'
  BEGIN
    INSERT INTO topic_quarter_stats (module, topic, domain, quarter, answered, correct)
      SELECT r.module, r.topic, r.domain, substr(r.answered_at, 1, 14) || printf('%02d', (CAST(substr(r.answered_at, 15, 2) AS INTEGER) / 15) * 15), count(*), sum(r.correct)
      FROM responses r WHERE r.attempt_id = NEW.id AND r.response IS NOT NULL
      GROUP BY 1, 2, 3, 4
      ON CONFLICT (quarter, module, topic, domain) DO UPDATE SET answered = answered + excluded.answered, correct = correct + excluded.correct;
  END;

  INSERT INTO topic_quarter_stats (module, topic, domain, quarter, answered, correct)
    SELECT r.module, r.topic, r.domain, substr(r.answered_at, 1, 14) || printf('%02d', (CAST(substr(r.answered_at, 15, 2) AS INTEGER) / 15) * 15), count(*), sum(r.correct)
    FROM responses r JOIN attempts a ON a.id = r.attempt_id
    WHERE r.response IS NOT NULL AND (a.mode = 'practice' OR a.status = 'submitted')
    GROUP BY 1, 2, 3, 4;
  `,
  // 11: each item's first counted answer (practice, or a submitted exam), kept by triggers: readiness reads only
  // first exposure (a re-answered item measures memory of its key), and a few thousand rows read faster than an
  // index seek per item into a million answers. Recomputed for an item from its answers whenever one changes.
  `
  CREATE TABLE item_first (
    item_id     TEXT    PRIMARY KEY,
    attempt_id  INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    answered_at TEXT    NOT NULL,
    correct     INTEGER NOT NULL,
    guess       INTEGER NOT NULL,
    module      INTEGER NOT NULL,
    topic       TEXT    NOT NULL,
    domain      TEXT    NOT NULL,
    form        INTEGER
  ) WITHOUT ROWID;

  CREATE TRIGGER responses_first_insert AFTER INSERT ON responses
  WHEN NEW.response IS NOT NULL AND (SELECT mode = 'practice' OR status = 'submitted' FROM attempts WHERE id = NEW.attempt_id)
  BEGIN
    DELETE FROM item_first WHERE item_id = NEW.item_id AND (answered_at, attempt_id, position) > (NEW.answered_at, NEW.attempt_id, NEW.position);
    INSERT INTO item_first (item_id, attempt_id, position, answered_at, correct, guess, module, topic, domain, form)
      SELECT NEW.item_id, NEW.attempt_id, NEW.position, NEW.answered_at, NEW.correct, NEW.guess, NEW.module, NEW.topic, NEW.domain,
        (SELECT CASE WHEN json_valid(params) THEN CASE WHEN json_type(params, '$.form') = 'integer' THEN json_extract(params, '$.form') END END FROM attempts WHERE id = NEW.attempt_id)
      WHERE NOT EXISTS (SELECT 1 FROM item_first WHERE item_id = NEW.item_id);
  END;

  CREATE TRIGGER responses_first_update AFTER UPDATE ON responses
  WHEN (SELECT mode = 'practice' OR status = 'submitted' FROM attempts WHERE id = NEW.attempt_id)
  BEGIN
    DELETE FROM item_first WHERE item_id IN (OLD.item_id, NEW.item_id);
    INSERT INTO item_first (item_id, attempt_id, position, answered_at, correct, guess, module, topic, domain, form)
      SELECT r.item_id, r.attempt_id, r.position, r.answered_at, r.correct, r.guess, r.module, r.topic, r.domain,
            (SELECT CASE WHEN json_valid(a.params) THEN CASE WHEN json_type(a.params, '$.form') = 'integer' THEN json_extract(a.params, '$.form') END END FROM attempts a WHERE a.id = r.attempt_id)
          FROM responses r WHERE (r.attempt_id, r.position) = (
            SELECT r2.attempt_id, r2.position FROM responses r2 JOIN attempts a2 ON a2.id = r2.attempt_id
            WHERE r2.item_id = OLD.item_id AND r2.response IS NOT NULL AND (a2.mode = 'practice' OR a2.status = 'submitted')
            ORDER BY r2.answered_at, r2.attempt_id, r2.position LIMIT 1);
    INSERT INTO item_first (item_id, attempt_id, position, answered_at, correct, guess, module, topic, domain, form)
      SELECT r.item_id, r.attempt_id, r.position, r.answered_at, r.correct, r.guess, r.module, r.topic, r.domain,
            (SELECT CASE WHEN json_valid(a.params) THEN CASE WHEN json_type(a.params, '$.form') = 'integer' THEN json_extract(a.params, '$.form') END END FROM attempts a WHERE a.id = r.attempt_id)
          FROM responses r WHERE (r.attempt_id, r.position) = (
            SELECT r2.attempt_id, r2.position FROM responses r2 JOIN attempts a2 ON a2.id = r2.attempt_id
            WHERE r2.item_id = NEW.item_id AND r2.response IS NOT NULL AND (a2.mode = 'practice' OR a2.status = 'submitted')
            ORDER BY r2.answered_at, r2.attempt_id, r2.position LIMIT 1)
      AND NOT EXISTS (SELECT 1 FROM item_first WHERE item_id = NEW.item_id);
  END;

  CREATE TRIGGER attempts_first_on_submit AFTER UPDATE OF status ON attempts
  WHEN NEW.status = 'submitted' AND OLD.status <> 'submitted' AND NEW.mode = 'exam'
  BEGIN
    DELETE FROM item_first WHERE EXISTS (SELECT 1 FROM responses r WHERE r.attempt_id = NEW.id AND r.item_id = item_first.item_id AND r.response IS NOT NULL
      AND (r.answered_at, r.attempt_id, r.position) < (item_first.answered_at, item_first.attempt_id, item_first.position));
    INSERT INTO item_first (item_id, attempt_id, position, answered_at, correct, guess, module, topic, domain, form)
      SELECT r.item_id, r.attempt_id, r.position, r.answered_at, r.correct, r.guess, r.module, r.topic, r.domain,
        CASE WHEN json_valid(NEW.params) THEN CASE WHEN json_type(NEW.params, '$.form') = 'integer' THEN json_extract(NEW.params, '$.form') END END
      FROM responses r WHERE r.attempt_id = NEW.id AND r.response IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM item_first f WHERE f.item_id = r.item_id)
        -- An item shown twice in one exam: its earliest answer only.
        AND NOT EXISTS (SELECT 1 FROM responses r3 WHERE r3.attempt_id = NEW.id AND r3.item_id = r.item_id AND r3.response IS NOT NULL
          AND (r3.answered_at < r.answered_at OR (r3.answered_at = r.answered_at AND r3.position < r.position)));
  END;

  INSERT INTO item_first (item_id, attempt_id, position, answered_at, correct, guess, module, topic, domain, form)
    SELECT r.item_id, r.attempt_id, r.position, r.answered_at, r.correct, r.guess, r.module, r.topic, r.domain,
      (SELECT CASE WHEN json_valid(a.params) THEN CASE WHEN json_type(a.params, '$.form') = 'integer' THEN json_extract(a.params, '$.form') END END FROM attempts a WHERE a.id = r.attempt_id)
    FROM item_stats s JOIN responses r ON (r.attempt_id, r.position) = (
      SELECT r2.attempt_id, r2.position FROM responses r2 JOIN attempts a2 ON a2.id = r2.attempt_id
      WHERE r2.item_id = s.item_id AND r2.response IS NOT NULL AND (a2.mode = 'practice' OR a2.status = 'submitted')
      ORDER BY r2.answered_at, r2.attempt_id, r2.position LIMIT 1)
    WHERE s.answered > 0;
  `,
  // 12: item-analysis totals (per-item answers, attempt scores, score bands) for `mrso bank items`.
  MIGRATION_12_ITEM_ANALYSIS,
  // 13: first answers summed per group and 64-day span, so readiness reads a few dozen rows.
  MIGRATION_13_FIRST_ANSWER_TOTALS,
  // 14: running sums of the score bands per item, so bank items reads a group's totals in a few seeks.
  MIGRATION_14_ITEM_BAND_RUNNING,
  // 15: running sums per item for the point-biserial discrimination; migration 14's band sums go.
  MIGRATION_15_ITEM_SCORE_SUMS,
];
