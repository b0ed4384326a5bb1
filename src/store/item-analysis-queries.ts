import type { Db } from './open.js';
import { addToGroups, emptyGroupSums, STRONG, WEAK, type GroupSums, type Split } from '../report/item-analysis.js';

/*
 * What item analysis needs, read from the running aggregates of migration 12
 * (migration-12-item-analysis.ts) instead of the whole answer log: about a
 * hundred times less to read on a history of a million answers. Rows come
 * back as one JSON text per query (better-sqlite3 builds an object per row).
 */

/** Per item, each counted answer as given (stored JSON), whether it was right, and how often. */
export function itemAnswerCounts(db: Db): { itemId: string; correct: boolean; response: string; count: number }[] {
  const row = db
    .prepare('SELECT json_group_array(json_array(item_id, correct, response, count)) AS rows FROM item_answer_counts WHERE count > 0')
    .get() as { rows: string };
  return (JSON.parse(row.rows) as [string, number, string, number][]).map(([itemId, correct, response, count]) => ({ itemId, correct: correct !== 0, response, count }));
}

/** Per item, how many counted answers and how many right, as flat lists in item order (no answer as given). */
export function itemAnswerTotals(db: Db): { ids: string[]; answered: number[]; correct: number[] } {
  const row = db
    .prepare(
      `SELECT json_group_array(item_id) AS ids, json_group_array(answered) AS answered, json_group_array(correct) AS correct FROM (
         SELECT item_id, sum(count) AS answered, sum(count * correct) AS correct FROM item_answer_counts WHERE count > 0 GROUP BY item_id)`,
    )
    .get() as { ids: string; answered: string; correct: string };
  return { ids: JSON.parse(row.ids) as string[], answered: JSON.parse(row.answered) as number[], correct: JSON.parse(row.correct) as number[] };
}

/** The counted wrong answers to these items, each as given (stored JSON) and how often. */
export function wrongAnswersOf(db: Db, ids: readonly string[]): { itemId: string; response: string; count: number }[] {
  if (ids.length === 0) return [];
  const row = db
    .prepare(
      `SELECT json_group_array(json_array(c.item_id, c.response, c.count)) AS rows
       FROM json_each(?) x JOIN item_answer_counts c ON c.item_id = x.value AND c.correct = 0 WHERE c.count > 0`,
    )
    .get(JSON.stringify(ids)) as { rows: string };
  return (JSON.parse(row.rows) as [string, string, number][]).map(([itemId, response, count]) => ({ itemId, response, count }));
}

/**
 * The counted attempts (practice, or a submitted exam) with at least
 * `minAnswers` answers, by score band: the closed ones counted per band
 * (their band is kept), the open ones (practice still going) one by one with
 * their counts, so that the reader can band them and read their answers.
 * Every answer an attempt holds counts: the test as taken, items since
 * removed from the bank included.
 */
export function scoreBands(db: Db, minAnswers: number): { bands: [number, number][]; open: { id: number; answered: number; correct: number }[] } {
  // A closed attempt has a band once it has 5 answers (migration 12): fewer are filtered here.
  const bands = db.prepare('SELECT json_group_array(json_array(band, n)) AS rows FROM (SELECT band, count(*) AS n FROM attempt_scores WHERE band IS NOT NULL AND answered >= ? GROUP BY band)').get(minAnswers) as { rows: string };
  const open = db
    .prepare(
      `SELECT json_group_array(json_array(attempt_id, answered, correct)) AS rows FROM attempt_scores s
       WHERE band IS NULL AND answered >= ? AND (SELECT a.status = 'in_progress' AND a.mode = 'practice' FROM attempts a WHERE a.id = s.attempt_id)`,
    )
    .get(minAnswers) as { rows: string };
  return {
    bands: JSON.parse(bands.rows) as [number, number][],
    open: (JSON.parse(open.rows) as [number, number, number][]).map(([id, answered, correct]) => ({ id, answered, correct })),
  };
}

/**
 * Per item, the answers in each group's whole bands and in its edge band
 * (report/item-analysis.ts), as whole counts: the closed attempts' from
 * item_band_stats in one pass over the bands the groups reach, the open
 * attempts' (each with the band the reader gave it) from the log.
 */
export function groupSums(db: Db, split: Split, open: readonly { id: number; band: number }[]): Map<string, GroupSums> {
  const sums = new Map<string, GroupSums>();
  // One query per group over its bands, each summing them all and its edge band apart: two conditions a row,
  // not eight in one pass over both (~30% less time). Whole bands = all minus the edge.
  for (const [at, bands, edge] of [[WEAK, 'band <= @edge', split.weak.band], [STRONG, 'band >= @edge', split.strong.band]] as const) {
    const row = db
      .prepare(
        `SELECT json_group_array(json_array(item_id, answered, correct, edge_answered, edge_correct)) AS rows FROM (
           SELECT item_id, sum(answered) AS answered, sum(correct) AS correct,
             coalesce(sum(CASE WHEN band = @edge THEN answered END), 0) AS edge_answered, coalesce(sum(CASE WHEN band = @edge THEN correct END), 0) AS edge_correct
           FROM item_band_stats WHERE ${bands} GROUP BY item_id)`,
      )
      .get({ edge }) as { rows: string };
    for (const [itemId, answered, correct, edgeAnswered, edgeCorrect] of JSON.parse(row.rows) as [string, number, number, number, number][]) {
      let item = sums.get(itemId);
      if (!item) sums.set(itemId, (item = emptyGroupSums()));
      item[at] = answered - edgeAnswered;
      item[at + 1] = correct - edgeCorrect;
      item[at + 2] = edgeAnswered;
      item[at + 3] = edgeCorrect;
    }
  }
  if (open.length === 0) return sums;
  // Each answer of an open attempt as it is, in two flat lists: its item, and band * 2 + right.
  const logged = db
    .prepare(
      `SELECT json_group_array(r.item_id) AS items, json_group_array((x.value ->> 1) * 2 + r.correct) AS codes
       FROM json_each(?) x JOIN responses r ON r.attempt_id = x.value ->> 0 WHERE r.response IS NOT NULL`,
    )
    .get(JSON.stringify(open.map((a) => [a.id, a.band]))) as { items: string; codes: string };
  const items = JSON.parse(logged.items) as string[];
  const codes = JSON.parse(logged.codes) as number[];
  for (let k = 0; k < items.length; k++) {
    let item = sums.get(items[k]!);
    if (!item) sums.set(items[k]!, (item = emptyGroupSums()));
    addToGroups(item, split, codes[k]! >> 1, 1, codes[k]! & 1);
  }
  return sums;
}
