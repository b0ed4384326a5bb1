import type { Db } from './open.js';

const COUNTED = "r.response IS NOT NULL AND (a.mode = 'practice' OR a.status = 'submitted')";

/*
 * What item analysis needs, counted by SQLite rather than handed over one
 * object per answer (a million answers took 12-28 s and 460-540 MB that way).
 * Rows are not filtered by the bank's ids in SQL (a per-row look-up in a
 * 10,000-id list cost more than the count itself): the few answers to items
 * no longer in the bank are counted separately and taken off.
 */

/** Ids answered (practice or submitted) that are not in the bank: usually none. */
function foreignIds(db: Db, bankIds: ReadonlySet<string>): string[] {
  return (db.prepare('SELECT item_id FROM item_stats').pluck().all() as string[]).filter((id) => !bankIds.has(id));
}

/** Each attempt's answered count and right count over the bank's items. */
export function attemptScores(db: Db, bankIds: ReadonlySet<string>): { id: number; answered: number; correct: number }[] {
  const perAttempt = (extra: string, params: Record<string, string>) => {
    const row = db
      .prepare(
        `SELECT json_group_array(json_array(id, n, c)) AS rows FROM (
           SELECT r.attempt_id AS id, count(*) AS n, sum(r.correct) AS c FROM responses r JOIN attempts a ON a.id = r.attempt_id
           WHERE ${COUNTED}${extra} GROUP BY r.attempt_id ORDER BY r.attempt_id)`,
      )
      .get(params) as { rows: string };
    return JSON.parse(row.rows) as [number, number, number][];
  };
  const all = perAttempt('', {});
  const foreign = foreignIds(db, bankIds);
  if (foreign.length > 0) {
    const off = new Map(perAttempt(' AND r.item_id IN (SELECT value FROM json_each(@foreign))', { foreign: JSON.stringify(foreign) }).map(([id, n, c]) => [id, [n, c] as const]));
    for (const row of all) {
      const o = off.get(row[0]);
      if (o) [row[1], row[2]] = [row[1] - o[0], row[2] - o[1]];
    }
  }
  return all.filter(([, n]) => n > 0).map(([id, answered, correct]) => ({ id, answered, correct }));
}

/** Per bank item: totals, totals within the strong and weak attempts, and each wrong response with its count. */
export function itemTotals(
  db: Db,
  bankIds: ReadonlySet<string>,
  groups: { strong: readonly number[]; weak: readonly number[] },
): { itemId: string; answered: number; correct: number; strong: { answered: number; correct: number }; weak: { answered: number; correct: number }; wrong: { response: string; count: number }[] }[] {
  // The groups go in a temporary table (allowed on a read-only connection): a keyed join, not a list test per row.
  db.exec('CREATE TEMP TABLE IF NOT EXISTS mrso_attempt_group (attempt_id INTEGER PRIMARY KEY, grp INTEGER NOT NULL); DELETE FROM temp.mrso_attempt_group;');
  const put = db.prepare('INSERT OR REPLACE INTO temp.mrso_attempt_group (attempt_id, grp) VALUES (?, ?)');
  db.transaction(() => {
    for (const id of groups.strong) put.run(id, 1);
    for (const id of groups.weak) put.run(id, 2);
  })();
  const totals = db
    .prepare(
      `SELECT json_group_array(json_array(item, n, c, sn, sc, wn, wc)) AS rows FROM (
         SELECT r.item_id AS item, count(*) AS n, sum(r.correct) AS c,
                sum(g.grp = 1) AS sn, sum(g.grp = 1 AND r.correct) AS sc, sum(g.grp = 2) AS wn, sum(g.grp = 2 AND r.correct) AS wc
         FROM responses r JOIN attempts a ON a.id = r.attempt_id LEFT JOIN temp.mrso_attempt_group g ON g.attempt_id = r.attempt_id
         WHERE ${COUNTED} GROUP BY r.item_id)`,
    )
    .get() as { rows: string };
  const wrong = db
    .prepare(
      `SELECT json_group_array(json_array(item, response, n)) AS rows FROM (
         SELECT r.item_id AS item, r.response AS response, count(*) AS n FROM responses r JOIN attempts a ON a.id = r.attempt_id
         WHERE ${COUNTED} AND r.correct = 0 GROUP BY r.item_id, r.response ORDER BY min(r.attempt_id * 1000000 + r.position))`,
    )
    .get() as { rows: string };
  db.exec('DELETE FROM temp.mrso_attempt_group');
  const picks = new Map<string, { response: string; count: number }[]>();
  for (const [item, response, count] of JSON.parse(wrong.rows) as [string, string, number][]) {
    const list = picks.get(item);
    if (list) list.push({ response, count });
    else picks.set(item, [{ response, count }]);
  }
  return (JSON.parse(totals.rows) as [string, number, number, number | null, number | null, number | null, number | null][])
    .filter(([itemId]) => bankIds.has(itemId))
    .map(([itemId, n, c, sn, sc, wn, wc]) => ({
      itemId,
      answered: n,
      correct: c,
      strong: { answered: sn ?? 0, correct: sc ?? 0 },
      weak: { answered: wn ?? 0, correct: wc ?? 0 },
      wrong: picks.get(itemId) ?? [],
    }));
}
