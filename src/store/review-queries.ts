import type { Db } from './open.js';

/*
 * Review sets read through indexes, newest first, stopping once enough
 * items are found: `review --missed` on a million answers reads a few
 * hundred rows, not the whole log. Same rules as reviewSet
 * (src/report/review-sets.ts): only practice answers and submitted exams
 * count; an item leaves the set after RIGHT_IN_A_ROW answers right in a row
 * since its last miss (or flag); most recent miss (flag) first, then most
 * often missed, then by id.
 */

const COUNTS = "(a.mode = 'practice' OR a.status = 'submitted')";

/**
 * Up to `limit` items of the missed, flagged or confident-wrong set that
 * `wanted` accepts, in review order. Confident-wrong items come in the
 * missed set's order (most recent miss first); each one's run of right
 * answers counts from its last miss not marked a guess.
 */
export function reviewSetIds(db: Db, kind: 'missed' | 'flagged' | 'confident-wrong', limit: number, wanted: (id: string) => boolean, rightInARow = 2): string[] {
  const anchors = db.prepare(
    kind !== 'flagged'
      ? `SELECT r.item_id AS id, r.answered_at AS at FROM responses r INDEXED BY responses_misses_by_time JOIN attempts a ON a.id = r.attempt_id
         WHERE r.response IS NOT NULL AND r.correct = 0 AND ${COUNTS} ORDER BY r.answered_at DESC`
      : `SELECT r.item_id AS id, r.answered_at AS at FROM responses r INDEXED BY responses_flags_by_time JOIN attempts a ON a.id = r.attempt_id
         WHERE r.flagged = 1 AND ${COUNTS} ORDER BY r.answered_at DESC`,
  );
  const after = db.prepare(
    `SELECT r.correct FROM responses r INDEXED BY responses_item JOIN attempts a ON a.id = r.attempt_id
     WHERE r.item_id = ? AND r.answered_at > ? AND r.response IS NOT NULL AND ${COUNTS} ORDER BY r.answered_at, r.attempt_id, r.position`,
  ).pluck();
  // The item's running totals (kept by triggers over the same counted answers): answered less right is its misses,
  // one key lookup instead of a count over every answer to the item (~1 ms each on a million answers).
  const misses = db.prepare('SELECT answered - correct FROM item_stats WHERE item_id = ?').pluck();
  const lastSureMiss = db.prepare(
    `SELECT max(r.answered_at) FROM responses r INDEXED BY responses_item JOIN attempts a ON a.id = r.attempt_id
     WHERE r.item_id = ? AND r.response IS NOT NULL AND r.correct = 0 AND r.guess IS NOT 1 AND ${COUNTS}`,
  ).pluck();

  const seen = new Set<string>();
  const out: string[] = [];
  let group: { id: string; misses: number }[] = [];
  let groupAt: string | null = null;
  const flush = () => {
    group.sort((x, y) => y.misses - x.misses || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    for (const g of group) out.push(g.id);
    group = [];
  };
  for (const row of anchors.iterate() as Iterable<{ id: string; at: string }>) {
    // Items whose anchors share a time are ordered among themselves; stop only once a time is complete.
    if (row.at !== groupAt) {
      flush();
      if (out.length >= limit) break;
      groupAt = row.at;
    }
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    if (!wanted(row.id)) continue;
    // The first row met per item is its latest anchor; the run of right answers after it decides.
    const since = kind === 'confident-wrong' ? (lastSureMiss.get(row.id) as string | null) : row.at;
    if (since === null) continue;
    let run = 0;
    for (const correct of after.all(row.id, since) as number[]) run = correct === 1 ? run + 1 : 0;
    if (run >= rightInARow) continue;
    group.push({ id: row.id, misses: (misses.get(row.id) as number | undefined) ?? 0 });
  }
  flush();
  return out.slice(0, limit);
}
