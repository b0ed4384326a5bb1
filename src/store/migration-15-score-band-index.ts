/*
 * Migration 15 (#14, scale): `mrso bank items` now shares the attempts tied
 * on the band a 27% cut falls in (report/item-analysis.ts), so it reads whole
 * bands only: each item's bands in one pass over item_band_stats, and how
 * many attempts each band holds. Migration 14's running sums (kept so that a
 * group's totals took a few seeks) are read by nothing any more, and their
 * triggers cost a submitted exam an update per later band of each of its
 * items: both go. Counting attempts per band reads this index alone.
 */
export const MIGRATION_15_SCORE_BAND_INDEX = `
  DROP TRIGGER item_band_running_insert;
  DROP TRIGGER item_band_running_update;
  DROP TRIGGER item_band_running_delete;
  DROP TABLE item_band_running;
  CREATE INDEX attempt_scores_by_band ON attempt_scores (band, answered) WHERE band IS NOT NULL;
`;
