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
 * right counts over every answer it holds: the test as taken, items since
 * removed from the bank included. Lowest score first (the split sorts them so).
 */
export function attemptScores(db: Db): AttemptScore[] {
  // A banded attempt is closed and counted: only the open ones need their attempt row.
  // Flat lists, one per column: JSON.parse reads them several times faster than a small array per row.
  const row = db
    .prepare(
      `SELECT json_group_array(attempt_id) AS ids, json_group_array(answered) AS answered, json_group_array(correct) AS correct, json_group_array(band) AS bands FROM (
         SELECT attempt_id, answered, correct, band FROM attempt_scores s
         WHERE answered > 0 AND (band IS NOT NULL OR (SELECT a.mode = 'practice' OR a.status = 'submitted' FROM attempts a WHERE a.id = s.attempt_id))
         ORDER BY correct * 1.0 / answered, attempt_id)`,
    )
    .get() as { ids: string; answered: string; correct: string; bands: string };
  const [ids, answered, correct, bands] = [row.ids, row.answered, row.correct, row.bands].map((list) => JSON.parse(list) as (number | null)[]);
  return ids!.map((id, k) => ({ id: id!, answered: answered![k]!, correct: correct![k]!, band: bands![k] ?? null }));
}

type Totals = { answered: number; correct: number };

/** 2^26: a pair of counts (answered, right) read as one number, answered * PAIR + right. */
const PAIR = 67_108_864;

/**
 * Per item, the answers given in the strong and in the weak attempts, exactly.
 * The bands wholly (or mostly) inside a group are summed from item_band_running,
 * the attempts of a mostly-inside band that fall outside the group taken off
 * and those of any other band inside it added from the log, as are attempts
 * without a band (still open). A band orders attempts as their scores do and
 * a group is the low or high end of the attempts by score, so its whole bands
 * are one run of bands from that end: a range for SQLite.
 */
export function groupTotals(
  db: Db,
  attempts: readonly AttemptScore[],
  groups: { strong: ReadonlySet<number>; weak: ReadonlySet<number> },
): Map<string, { strong: Totals; weak: Totals }> {
  const bands = new Map<number, number[]>();
  for (const a of attempts) {
    if (a.band === null) continue;
    const list = bands.get(a.band);
    if (list) list.push(a.id);
    else bands.set(a.band, [a.id]);
  }
  const ascending = [...bands.keys()].sort((x, y) => x - y);
  const fromLog: [number, number, number][] = [];
  const ranges = ([groups.strong, groups.weak] as const).map((group, grp) => {
    // Whole bands: a run from the group's end while most of each band is inside.
    const order = grp === 0 ? [...ascending].reverse() : ascending;
    let run = 0;
    while (run < order.length && bands.get(order[run]!)!.filter((id) => group.has(id)).length * 2 > bands.get(order[run]!)!.length) run++;
    order.forEach((band, k) => {
      for (const id of bands.get(band)!) {
        if (k < run && !group.has(id)) fromLog.push([id, grp, -1]);
        if (k >= run && group.has(id)) fromLog.push([id, grp, 1]);
      }
    });
    for (const a of attempts) if (a.band === null && group.has(a.id)) fromLog.push([a.id, grp, 1]);
    // [lo, hi]; an empty range when no band is whole.
    if (run === 0) return [1, 0];
    return grp === 0 ? [order[run - 1]!, order[0]!] : [order[0]!, order[run - 1]!];
  });
  const [[slo, shi], [wlo, whi]] = ranges as [[number, number], [number, number]];
  // Each group's whole bands [lo, hi] as two running sums (migration 14): at or below hi, minus below lo. Answered
  // and right in one number (answered * 2^26 + right: exact while an item has under 2^26 right answers; a difference
  // of two running sums keeps the form, as neither count falls): four seeks per item with a counted answer (the
  // answers of a banded attempt are all counted).
  const runningAt = (cmp: string, bound: string) =>
    `coalesce((SELECT answered * ${PAIR} + correct FROM item_band_running WHERE item_id = i.item_id AND band ${cmp} ${bound} ORDER BY band DESC LIMIT 1), 0)`;
  const whole = db
    .prepare(
      `SELECT json_group_array(item_id) AS items, json_group_array(strong) AS strong, json_group_array(weak) AS weak FROM (
         SELECT i.item_id, ${runningAt('<=', '@shi')} - ${runningAt('<', '@slo')} AS strong, ${runningAt('<=', '@whi')} - ${runningAt('<', '@wlo')} AS weak
         FROM (SELECT DISTINCT item_id FROM item_answer_counts WHERE count > 0) i)`,
    )
    .get({ slo, shi, wlo, whi }) as { items: string; strong: string; weak: string };
  const totals = new Map<string, { strong: Totals; weak: Totals }>();
  const wholeItems = JSON.parse(whole.items) as string[];
  const strong = JSON.parse(whole.strong) as number[];
  const weak = JSON.parse(whole.weak) as number[];
  const pair = (n: number): Totals => ({ answered: Math.floor(n / PAIR), correct: n % PAIR });
  for (let k = 0; k < wholeItems.length; k++) totals.set(wholeItems[k]!, { strong: pair(strong[k]!), weak: pair(weak[k]!) });
  if (fromLog.length === 0) return totals;
  // Each answer as it is, in two flat lists (a GROUP BY over tens of thousands of answers, or a JSON array per
  // answer, costs more than counting them here): its item, and (group * 2 + taken off) * 2 + right.
  const logged = db
    .prepare(
      `SELECT json_group_array(r.item_id) AS items, json_group_array((x.value ->> 1) * 2 + r.correct) AS codes
       FROM json_each(?) x JOIN responses r ON r.attempt_id = x.value ->> 0 WHERE r.response IS NOT NULL`,
    )
    .get(JSON.stringify(fromLog.map(([id, grp, sign]) => [id, grp * 2 + (sign < 0 ? 1 : 0)]))) as { items: string; codes: string };
  const items = JSON.parse(logged.items) as string[];
  const codes = JSON.parse(logged.codes) as number[];
  for (let k = 0; k < items.length; k++) {
    let t = totals.get(items[k]!);
    if (!t) totals.set(items[k]!, (t = { strong: { answered: 0, correct: 0 }, weak: { answered: 0, correct: 0 } }));
    const code = codes[k]!;
    const g = code >> 2 === 0 ? t.strong : t.weak;
    const sign = (code >> 1) & 1 ? -1 : 1;
    g.answered += sign;
    g.correct += sign * (code & 1);
  }
  return totals;
}
