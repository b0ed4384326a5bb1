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
];
