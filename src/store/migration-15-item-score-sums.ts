/*
 * Migration 15 (#14, scale): `mrso bank items` measures discrimination by
 * the point-biserial correlation (report/item-analysis.ts), which needs only
 * five running sums per item over the answers of scored (banded) attempts:
 * how many, how many right, the bands of the right and of the wrong ones
 * summed, and the squares of the bands summed. item_score_sums keeps them,
 * by triggers on migration 12's item_band_stats (so every path that moves
 * answers between bands keeps them too, with no change to that migration),
 * and the report reads one row per item.
 *
 * Migration 14's running sums over bands (for the 27% groups) are read by
 * nothing any more, and their triggers cost a submitted exam an update per
 * later band of each of its items: they go.
 */
/** The SET list taking a row of item_band_stats off the sums (the update and delete triggers). */
const TAKE_OFF_OLD = `answered = answered - OLD.answered, correct = correct - OLD.correct,
   band_right = band_right - OLD.band * OLD.correct, band_wrong = band_wrong - OLD.band * (OLD.answered - OLD.correct),
   band_squares = band_squares - OLD.band * OLD.band * OLD.answered`;

/** Add the new row of item_band_stats to the sums (the insert and update triggers). */
const insertNew = `INSERT INTO item_score_sums (item_id, answered, correct, band_right, band_wrong, band_squares)
    VALUES (NEW.item_id, NEW.answered, NEW.correct, NEW.band * NEW.correct, NEW.band * (NEW.answered - NEW.correct), NEW.band * NEW.band * NEW.answered)
    ON CONFLICT (item_id) DO UPDATE SET answered = answered + excluded.answered, correct = correct + excluded.correct,
      band_right = band_right + excluded.band_right, band_wrong = band_wrong + excluded.band_wrong, band_squares = band_squares + excluded.band_squares`;

export const MIGRATION_15_ITEM_SCORE_SUMS = `
  DROP TRIGGER item_band_running_insert;
  DROP TRIGGER item_band_running_update;
  DROP TRIGGER item_band_running_delete;
  DROP TABLE item_band_running;

  CREATE TABLE item_score_sums (
    item_id      TEXT    PRIMARY KEY,
    answered     INTEGER NOT NULL,
    correct      INTEGER NOT NULL,
    band_right   INTEGER NOT NULL,
    band_wrong   INTEGER NOT NULL,
    band_squares INTEGER NOT NULL
  ) WITHOUT ROWID;

  CREATE TRIGGER item_score_sums_insert AFTER INSERT ON item_band_stats
  BEGIN
    ${insertNew};
  END;

  CREATE TRIGGER item_score_sums_update AFTER UPDATE ON item_band_stats
  BEGIN
    UPDATE item_score_sums SET ${TAKE_OFF_OLD} WHERE item_id = OLD.item_id;
    ${insertNew};
  END;

  CREATE TRIGGER item_score_sums_delete AFTER DELETE ON item_band_stats
  BEGIN
    UPDATE item_score_sums SET ${TAKE_OFF_OLD} WHERE item_id = OLD.item_id;
  END;

  INSERT INTO item_score_sums (item_id, answered, correct, band_right, band_wrong, band_squares)
    SELECT item_id, sum(answered), sum(correct), sum(band * correct), sum(band * (answered - correct)), sum(band * band * answered) FROM item_band_stats GROUP BY item_id;
`;
