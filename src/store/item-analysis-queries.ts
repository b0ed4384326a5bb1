import type { Db } from './open.js';
import type { ScoreSums } from '../report/item-analysis.js';

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

/**
 * Per item, how many counted answers and how many right, and its score sums
 * over the answers of closed scored attempts (migration 15), as flat lists in
 * item order: one row per item, no answer as given.
 */
export function itemSummaries(db: Db): { ids: string[]; answered: number[]; correct: number[]; scores: ScoreSums[] } {
  const columns = ['ids', 'answered', 'correct', 'scored', 'scored_right', 'band_right', 'band_wrong', 'band_squares'] as const;
  const row = db
    .prepare(
      `SELECT json_group_array(t.item_id) AS ids, json_group_array(t.answered) AS answered, json_group_array(t.correct) AS correct,
         json_group_array(coalesce(s.answered, 0)) AS scored, json_group_array(coalesce(s.correct, 0)) AS scored_right, json_group_array(coalesce(s.band_right, 0)) AS band_right,
         json_group_array(coalesce(s.band_wrong, 0)) AS band_wrong, json_group_array(coalesce(s.band_squares, 0)) AS band_squares
       FROM (SELECT item_id, sum(count) AS answered, sum(count * correct) AS correct FROM item_answer_counts WHERE count > 0 GROUP BY item_id) t
       LEFT JOIN item_score_sums s ON s.item_id = t.item_id`,
    )
    .get() as Record<(typeof columns)[number], string>;
  const [ids, answered, correct, scored, scoredRight, bandRight, bandWrong, bandSquares] = columns.map((c) => JSON.parse(row[c]) as unknown[]) as [string[], ...number[][]];
  const scores: ScoreSums[] = [];
  for (let k = 0; k < ids.length; k++) scores.push({ answered: scored![k]!, correct: scoredRight![k]!, bandRight: bandRight![k]!, bandWrong: bandWrong![k]!, bandSquares: bandSquares![k]! });
  return { ids, answered: answered!, correct: correct!, scores };
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
 * The answers of the scored attempts still open (practice going on, with at
 * least `minAnswers` answers): the store bands an attempt only once it is
 * closed, so the reader bands these and adds their answers itself. Each
 * answer as its item, its attempt's band (worked out here from the attempt's
 * counts, as the reader's scoreBand does) and whether it was right.
 * CROSS JOIN: the few open attempts first, then their answers by key (left
 * to itself, SQLite's planner may walk every answer first).
 */
export function openScoredAnswers(db: Db, minAnswers: number): { items: string[]; bands: number[]; correct: number[] } {
  const row = db
    .prepare(
      `SELECT json_group_array(r.item_id) AS items, json_group_array((100 * s.correct) / s.answered) AS bands, json_group_array(r.correct) AS correct
       FROM attempt_scores s CROSS JOIN responses r ON r.attempt_id = s.attempt_id
       WHERE s.band IS NULL AND s.answered >= ? AND r.response IS NOT NULL
         AND (SELECT a.status = 'in_progress' AND a.mode = 'practice' FROM attempts a WHERE a.id = s.attempt_id)`,
    )
    .get(minAnswers) as { items: string; bands: string; correct: string };
  return { items: JSON.parse(row.items) as string[], bands: JSON.parse(row.bands) as number[], correct: JSON.parse(row.correct) as number[] };
}
