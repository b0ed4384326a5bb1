import type { Db } from './open.js';

/*
 * What item analysis needs, read from the running aggregates of migration 12
 * (migration-12-item-analysis.ts) instead of the whole answer log: about a
 * hundred times less to read on a history of a million answers. Rows come
 * back as one JSON text per query (better-sqlite3 builds an object per row).
 */

/** One counted attempt: answered and right over the bank's items, and its score band (null while open or under 5 answers). */
export interface AttemptScore {
  id: number;
  answered: number;
  correct: number;
  band: number | null;
}

/** Per item, each counted answer as given (stored JSON), whether it was right, and how often. */
export function itemAnswerCounts(db: Db): { itemId: string; correct: boolean; response: string; count: number }[] {
  const row = db
    .prepare('SELECT json_group_array(json_array(item_id, correct, response, count)) AS rows FROM item_answer_counts WHERE count > 0')
    .get() as { rows: string };
  return (JSON.parse(row.rows) as [string, number, string, number][]).map(([itemId, correct, response, count]) => ({ itemId, correct: correct !== 0, response, count }));
}

/**
 * Each counted attempt (practice, or a submitted exam) with its answered and
 * right counts. Answers to `foreignIds` (items no longer in the bank: usually
 * none) are taken off, as the split is over the bank's items.
 */
export function attemptScores(db: Db, foreignIds: readonly string[]): AttemptScore[] {
  const row = db
    .prepare(
      `SELECT json_group_array(json_array(s.attempt_id, s.answered, s.correct, s.band)) AS rows
       FROM attempt_scores s JOIN attempts a ON a.id = s.attempt_id
       WHERE s.answered > 0 AND (a.mode = 'practice' OR a.status = 'submitted')`,
    )
    .get() as { rows: string };
  const all = (JSON.parse(row.rows) as [number, number, number, number | null][]).map(([id, answered, correct, band]) => ({ id, answered, correct, band }));
  if (foreignIds.length === 0) return all;
  // Through the responses_item index: a few rows per foreign item.
  const off = db
    .prepare(
      `SELECT json_group_object(attempt_id, json_array(n, c)) AS rows FROM (
         SELECT attempt_id, count(*) AS n, sum(correct) AS c FROM responses
         WHERE item_id IN (SELECT value FROM json_each(?)) AND response IS NOT NULL GROUP BY attempt_id)`,
    )
    .get(JSON.stringify(foreignIds)) as { rows: string };
  const byAttempt = JSON.parse(off.rows) as Record<string, [number, number]>;
  for (const a of all) {
    const o = byAttempt[a.id];
    if (o) [a.answered, a.correct] = [a.answered - o[0], a.correct - o[1]];
  }
  return all;
}

type Totals = { answered: number; correct: number };

/**
 * Per item, the answers given in the strong and in the weak attempts, exactly.
 * A band whose closed attempts all fall in a group is read whole from
 * item_band_stats; a band the split cuts through is read whole and the
 * attempts outside the group taken off (or the ones inside added, whichever
 * are fewer) from the log; attempts without a band (still open) come from the
 * log too.
 */
export function groupTotals(
  db: Db,
  attempts: readonly AttemptScore[],
  groups: { strong: ReadonlySet<number>; weak: ReadonlySet<number> },
): Map<string, { strong: Totals; weak: Totals }> {
  const wholeBands: [number, number][] = [];
  const fromLog: [number, number, number][] = [];
  const bands = new Map<number, number[]>();
  for (const a of attempts) {
    if (a.band === null) continue;
    const list = bands.get(a.band);
    if (list) list.push(a.id);
    else bands.set(a.band, [a.id]);
  }
  [groups.strong, groups.weak].forEach((group, grp) => {
    for (const [band, ids] of bands) {
      const inside = ids.filter((id) => group.has(id));
      if (inside.length === 0) continue;
      if (inside.length * 2 <= ids.length) {
        for (const id of inside) fromLog.push([id, grp, 1]);
      } else {
        wholeBands.push([band, grp]);
        for (const id of ids) if (!group.has(id)) fromLog.push([id, grp, -1]);
      }
    }
    for (const a of attempts) if (a.band === null && group.has(a.id)) fromLog.push([a.id, grp, 1]);
  });
  const row = db
    .prepare(
      `SELECT json_group_array(json_array(item, grp, n, c)) AS rows FROM (
         SELECT item, grp, sum(n) AS n, sum(c) AS c FROM (
           SELECT b.item_id AS item, w.value ->> 1 AS grp, b.answered AS n, b.correct AS c
           FROM json_each(@bands) w JOIN item_band_stats b ON b.band = w.value ->> 0
           UNION ALL
           SELECT r.item_id, x.value ->> 1, x.value ->> 2, (x.value ->> 2) * r.correct
           FROM json_each(@attempts) x JOIN responses r ON r.attempt_id = x.value ->> 0
           WHERE r.response IS NOT NULL)
         GROUP BY item, grp)`,
    )
    .get({ bands: JSON.stringify(wholeBands), attempts: JSON.stringify(fromLog) }) as { rows: string };
  const totals = new Map<string, { strong: Totals; weak: Totals }>();
  for (const [item, grp, n, c] of JSON.parse(row.rows) as [string, number, number, number][]) {
    let t = totals.get(item);
    if (!t) totals.set(item, (t = { strong: { answered: 0, correct: 0 }, weak: { answered: 0, correct: 0 } }));
    t[grp === 0 ? 'strong' : 'weak'] = { answered: n, correct: c };
  }
  return totals;
}
