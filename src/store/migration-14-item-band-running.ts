/*
 * Migration 14 (#14, scale): running sums of migration 12's score bands, so
 * that `mrso bank items` reads each item's strong and weak totals in a few
 * seeks instead of summing every band of every item.
 *
 * item_band_running holds, for each row of item_band_stats, that item's
 * answers and right answers over every band up to and including this one.
 * A group of whole bands is then one row (the weak group: the last row at or
 * below its top band) or a difference of two (the strong group: the item's
 * last row minus the last row below the group's lowest band).
 *
 * Kept by triggers on item_band_stats itself, so every path of migration 12
 * (an answer, a re-banding, a deletion) keeps it without a change to that
 * shipped migration. A change to one band adds its difference to that row and
 * every higher band of the item: at most one row per band (about a hundred),
 * and only when a closed attempt's answers move: an answer to an open
 * attempt (the app's path) has no band and touches nothing here.
 */
/** The item's running sum of `column` over the bands below NEW.band (0 below its lowest). */
const below = (column: 'answered' | 'correct') =>
  `coalesce((SELECT ${column} FROM item_band_running WHERE item_id = NEW.item_id AND band < NEW.band ORDER BY band DESC LIMIT 1), 0)`;

export const MIGRATION_14_ITEM_BAND_RUNNING = `
  CREATE TABLE item_band_running (
    item_id  TEXT    NOT NULL,
    band     INTEGER NOT NULL,
    answered INTEGER NOT NULL,
    correct  INTEGER NOT NULL,
    PRIMARY KEY (item_id, band)
  ) WITHOUT ROWID;

  CREATE TRIGGER item_band_running_insert AFTER INSERT ON item_band_stats
  BEGIN
    INSERT INTO item_band_running (item_id, band, answered, correct) SELECT NEW.item_id, NEW.band, ${below('answered')}, ${below('correct')};
    UPDATE item_band_running SET answered = answered + NEW.answered, correct = correct + NEW.correct
      WHERE item_id = NEW.item_id AND band >= NEW.band;
  END;

  CREATE TRIGGER item_band_running_update AFTER UPDATE ON item_band_stats
  BEGIN
    UPDATE item_band_running SET answered = answered - OLD.answered, correct = correct - OLD.correct
      WHERE item_id = OLD.item_id AND band >= OLD.band;
    DELETE FROM item_band_running WHERE item_id = OLD.item_id AND band = OLD.band AND (OLD.item_id IS NOT NEW.item_id OR OLD.band IS NOT NEW.band);
    INSERT INTO item_band_running (item_id, band, answered, correct) SELECT NEW.item_id, NEW.band, ${below('answered')}, ${below('correct')}
      WHERE OLD.item_id IS NOT NEW.item_id OR OLD.band IS NOT NEW.band;
    UPDATE item_band_running SET answered = answered + NEW.answered, correct = correct + NEW.correct
      WHERE item_id = NEW.item_id AND band >= NEW.band;
  END;

  CREATE TRIGGER item_band_running_delete AFTER DELETE ON item_band_stats
  BEGIN
    UPDATE item_band_running SET answered = answered - OLD.answered, correct = correct - OLD.correct
      WHERE item_id = OLD.item_id AND band >= OLD.band;
    DELETE FROM item_band_running WHERE item_id = OLD.item_id AND band = OLD.band;
  END;

  INSERT INTO item_band_running (item_id, band, answered, correct)
    SELECT item_id, band, sum(answered) OVER running, sum(correct) OVER running FROM item_band_stats
    WINDOW running AS (PARTITION BY item_id ORDER BY band);
`;
