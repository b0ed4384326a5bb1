/*
 * Migration 12 (#14, scale): what `mrso bank items` reads, kept by triggers so
 * it never groups the whole answer log.
 *
 * - item_answer_counts: per item, each counted answer as given (right or
 *   wrong) and how often. An answer counts once final (migration 4's rule):
 *   practice at once, an exam's once it is submitted. Totals and wrong picks
 *   both come from here.
 * - attempt_scores: per attempt, its answered and right counts (every answer
 *   given; the reader keeps the counted attempts), and its score band once the
 *   attempt is closed (submitted or abandoned), counted, and has 5+ answers:
 *   band = (100 * correct) / answered, an integer 0-100 that orders attempts
 *   as their scores do.
 * - item_band_stats: per item and band, the answers of the closed attempts in
 *   that band. The discrimination index needs each item's answers within the
 *   top and bottom 27% of attempts by score; the reader finds the split
 *   exactly over attempt_scores, takes the bands wholly inside a group from
 *   here, and reads only the attempts of a band cut by the split (and the few
 *   still open) from the log, so the index stays exact.
 *
 * A closed attempt's answers can still change in principle (a late write, a
 * status moved by hand): every change re-bands the attempt through the
 * attempt_band_moves view, whose INSTEAD OF trigger moves its answers from the
 * old band to the new one. An attempt being deleted takes its answers out
 * first (BEFORE DELETE: the cascade to its responses runs with the attempt row
 * already gone).
 */

/** The band an attempt belongs in now (NULL: open, not counted, or under 5 answers). */
const bandOf = (id: string) =>
  `(SELECT CASE WHEN a.status <> 'in_progress' AND (a.mode = 'practice' OR a.status = 'submitted') AND s.answered >= 5
     THEN (100 * s.correct) / s.answered END FROM attempt_scores s JOIN attempts a ON a.id = s.attempt_id WHERE s.attempt_id = ${id})`;
const storedBand = (id: string) => `(SELECT band FROM attempt_scores WHERE attempt_id = ${id})`;
const counted = (id: string) => `(SELECT mode = 'practice' OR status = 'submitted' FROM attempts WHERE id = ${id})`;

export const MIGRATION_12_ITEM_ANALYSIS = `
  CREATE TABLE item_answer_counts (
    item_id  TEXT    NOT NULL,
    correct  INTEGER NOT NULL,
    response TEXT    NOT NULL,
    count    INTEGER NOT NULL,
    PRIMARY KEY (item_id, correct, response)
  ) WITHOUT ROWID;

  CREATE TABLE attempt_scores (
    attempt_id INTEGER PRIMARY KEY,
    answered   INTEGER NOT NULL DEFAULT 0,
    correct    INTEGER NOT NULL DEFAULT 0,
    band       INTEGER
  );

  -- Keyed by item first: the reader sums each item's bands in one pass, no sort.
  CREATE TABLE item_band_stats (
    item_id  TEXT    NOT NULL,
    band     INTEGER NOT NULL,
    answered INTEGER NOT NULL,
    correct  INTEGER NOT NULL,
    PRIMARY KEY (item_id, band)
  ) WITHOUT ROWID;

  -- A procedure: INSERT INTO attempt_band_moves VALUES (id) puts that attempt's answers in the band it belongs in now.
  CREATE VIEW attempt_band_moves (attempt_id) AS SELECT NULL WHERE 0;
  CREATE TRIGGER attempt_band_move INSTEAD OF INSERT ON attempt_band_moves
  WHEN ${storedBand('NEW.attempt_id')} IS NOT ${bandOf('NEW.attempt_id')}
  BEGIN
    UPDATE item_band_stats SET answered = answered - x.n, correct = correct - x.c
      FROM (SELECT r.item_id, count(*) AS n, sum(r.correct) AS c FROM responses r WHERE r.attempt_id = NEW.attempt_id AND r.response IS NOT NULL GROUP BY r.item_id) AS x
      WHERE item_band_stats.band = ${storedBand('NEW.attempt_id')} AND item_band_stats.item_id = x.item_id;
    UPDATE attempt_scores SET band = ${bandOf('NEW.attempt_id')} WHERE attempt_id = NEW.attempt_id;
    INSERT INTO item_band_stats (item_id, band, answered, correct)
      SELECT r.item_id, s.band, count(*), sum(r.correct) FROM responses r JOIN attempt_scores s ON s.attempt_id = r.attempt_id
      WHERE r.attempt_id = NEW.attempt_id AND r.response IS NOT NULL AND s.band IS NOT NULL GROUP BY r.item_id
      ON CONFLICT (item_id, band) DO UPDATE SET answered = answered + excluded.answered, correct = correct + excluded.correct;
  END;

  CREATE TRIGGER responses_analysis_insert AFTER INSERT ON responses
  WHEN NEW.response IS NOT NULL
  BEGIN
    INSERT INTO attempt_scores (attempt_id, answered, correct) VALUES (NEW.attempt_id, 1, NEW.correct)
      ON CONFLICT (attempt_id) DO UPDATE SET answered = answered + 1, correct = correct + excluded.correct;
    INSERT INTO item_answer_counts (item_id, correct, response, count) SELECT NEW.item_id, NEW.correct, NEW.response, 1 WHERE ${counted('NEW.attempt_id')}
      ON CONFLICT (item_id, correct, response) DO UPDATE SET count = count + 1;
    INSERT INTO item_band_stats (item_id, band, answered, correct) SELECT NEW.item_id, ${storedBand('NEW.attempt_id')}, 1, NEW.correct
      WHERE ${storedBand('NEW.attempt_id')} IS NOT NULL
      ON CONFLICT (item_id, band) DO UPDATE SET answered = answered + 1, correct = correct + excluded.correct;
    INSERT INTO attempt_band_moves VALUES (NEW.attempt_id);
  END;

  CREATE TRIGGER responses_analysis_update AFTER UPDATE ON responses
  WHEN OLD.response IS NOT NEW.response OR OLD.correct IS NOT NEW.correct OR OLD.item_id IS NOT NEW.item_id OR OLD.attempt_id IS NOT NEW.attempt_id
  BEGIN
    UPDATE attempt_scores SET answered = answered - 1, correct = correct - OLD.correct WHERE OLD.response IS NOT NULL AND attempt_id = OLD.attempt_id;
    INSERT INTO attempt_scores (attempt_id, answered, correct) SELECT NEW.attempt_id, 1, NEW.correct WHERE NEW.response IS NOT NULL
      ON CONFLICT (attempt_id) DO UPDATE SET answered = answered + 1, correct = correct + excluded.correct;
    UPDATE item_answer_counts SET count = count - 1
      WHERE OLD.response IS NOT NULL AND ${counted('OLD.attempt_id')} AND item_id = OLD.item_id AND correct = OLD.correct AND response = OLD.response;
    INSERT INTO item_answer_counts (item_id, correct, response, count) SELECT NEW.item_id, NEW.correct, NEW.response, 1
      WHERE NEW.response IS NOT NULL AND ${counted('NEW.attempt_id')}
      ON CONFLICT (item_id, correct, response) DO UPDATE SET count = count + 1;
    UPDATE item_band_stats SET answered = answered - 1, correct = correct - OLD.correct
      WHERE OLD.response IS NOT NULL AND band = ${storedBand('OLD.attempt_id')} AND item_id = OLD.item_id;
    INSERT INTO item_band_stats (item_id, band, answered, correct) SELECT NEW.item_id, ${storedBand('NEW.attempt_id')}, 1, NEW.correct
      WHERE NEW.response IS NOT NULL AND ${storedBand('NEW.attempt_id')} IS NOT NULL
      ON CONFLICT (item_id, band) DO UPDATE SET answered = answered + 1, correct = correct + excluded.correct;
    INSERT INTO attempt_band_moves SELECT OLD.attempt_id UNION SELECT NEW.attempt_id;
  END;

  CREATE TRIGGER responses_analysis_delete AFTER DELETE ON responses
  WHEN OLD.response IS NOT NULL
  BEGIN
    UPDATE attempt_scores SET answered = answered - 1, correct = correct - OLD.correct WHERE attempt_id = OLD.attempt_id;
    UPDATE item_answer_counts SET count = count - 1
      WHERE ${counted('OLD.attempt_id')} AND item_id = OLD.item_id AND correct = OLD.correct AND response = OLD.response;
    UPDATE item_band_stats SET answered = answered - 1, correct = correct - OLD.correct
      WHERE band = ${storedBand('OLD.attempt_id')} AND item_id = OLD.item_id;
    INSERT INTO attempt_band_moves VALUES (OLD.attempt_id);
  END;

  -- An attempt closed, submitted or reopened: its answers start or stop counting, and it may take or leave a band.
  CREATE TRIGGER attempts_analysis_status AFTER UPDATE OF status, mode ON attempts
  WHEN OLD.status IS NOT NEW.status OR OLD.mode IS NOT NEW.mode
  BEGIN
    UPDATE item_answer_counts SET count = count - (SELECT count(*) FROM responses r WHERE r.attempt_id = NEW.id AND r.response IS NOT NULL
        AND r.item_id = item_answer_counts.item_id AND r.correct = item_answer_counts.correct AND r.response = item_answer_counts.response)
      WHERE (OLD.mode = 'practice' OR OLD.status = 'submitted') AND NOT (NEW.mode = 'practice' OR NEW.status = 'submitted')
        AND item_id IN (SELECT item_id FROM responses WHERE attempt_id = NEW.id AND response IS NOT NULL);
    INSERT INTO item_answer_counts (item_id, correct, response, count)
      SELECT r.item_id, r.correct, r.response, count(*) FROM responses r
      WHERE r.attempt_id = NEW.id AND r.response IS NOT NULL AND (NEW.mode = 'practice' OR NEW.status = 'submitted') AND NOT (OLD.mode = 'practice' OR OLD.status = 'submitted')
      GROUP BY 1, 2, 3
      ON CONFLICT (item_id, correct, response) DO UPDATE SET count = count + excluded.count;
    INSERT INTO attempt_band_moves VALUES (NEW.id);
  END;

  CREATE TRIGGER attempts_analysis_delete BEFORE DELETE ON attempts
  BEGIN
    UPDATE item_answer_counts SET count = count - (SELECT count(*) FROM responses r WHERE r.attempt_id = OLD.id AND r.response IS NOT NULL
        AND r.item_id = item_answer_counts.item_id AND r.correct = item_answer_counts.correct AND r.response = item_answer_counts.response)
      WHERE (OLD.mode = 'practice' OR OLD.status = 'submitted') AND item_id IN (SELECT item_id FROM responses WHERE attempt_id = OLD.id AND response IS NOT NULL);
    UPDATE item_band_stats SET answered = answered - x.n, correct = correct - x.c
      FROM (SELECT r.item_id, count(*) AS n, sum(r.correct) AS c FROM responses r WHERE r.attempt_id = OLD.id AND r.response IS NOT NULL GROUP BY r.item_id) AS x
      WHERE item_band_stats.band = ${storedBand('OLD.id')} AND item_band_stats.item_id = x.item_id;
    DELETE FROM attempt_scores WHERE attempt_id = OLD.id;
  END;

  INSERT INTO attempt_scores (attempt_id, answered, correct)
    SELECT attempt_id, count(*), sum(correct) FROM responses WHERE response IS NOT NULL GROUP BY attempt_id;
  UPDATE attempt_scores SET band = CASE WHEN a.status <> 'in_progress' AND (a.mode = 'practice' OR a.status = 'submitted') AND attempt_scores.answered >= 5
    THEN (100 * attempt_scores.correct) / attempt_scores.answered END FROM attempts a WHERE a.id = attempt_scores.attempt_id;
  -- Counted row by row into the small tables: a GROUP BY over a million answers sorts them all (several times slower).
  INSERT INTO item_answer_counts (item_id, correct, response, count)
    SELECT r.item_id, r.correct, r.response, 1 FROM responses r JOIN attempts a ON a.id = r.attempt_id
    WHERE r.response IS NOT NULL AND (a.mode = 'practice' OR a.status = 'submitted')
    ON CONFLICT (item_id, correct, response) DO UPDATE SET count = count + 1;
  INSERT INTO item_band_stats (item_id, band, answered, correct)
    SELECT r.item_id, s.band, 1, r.correct FROM responses r JOIN attempt_scores s ON s.attempt_id = r.attempt_id
    WHERE r.response IS NOT NULL AND s.band IS NOT NULL
    ON CONFLICT (item_id, band) DO UPDATE SET answered = answered + 1, correct = correct + excluded.correct;
`;
