import type { Db } from './open.js';

/*
 * The report queries (stats, review --weak): each reads the trigger-kept
 * running totals where it can. Called through HistoryStore's methods, which
 * map their errors; only the store holds the connection.
 */

import type { TopicBucket } from '../report/stats.js';

export type { TopicBucket };

/**
 * Answers per topic and age in whole weeks (practice, and submitted exams
 * only: an exam in progress can still change), from the trigger-kept daily totals.
 */
export function topicBucketsQuery(db: Db, opts: { now: string; since?: string; modules?: number[] }): TopicBucket[] {
  return db
    .prepare(
      `SELECT module, topic, domain,
              max(0, CAST((julianday(@now) - julianday(day || 'T12:00:00Z')) / 7 AS INTEGER)) AS weeksAgo,
              sum(answered) AS answered, sum(correct) AS correct
       FROM topic_day_stats
       WHERE answered > 0 AND (@since IS NULL OR day >= substr(@since, 1, 10))
         AND (@modules = '[]' OR module IN (SELECT value FROM json_each(@modules)))
       GROUP BY module, topic, domain, weeksAgo`,
    )
    .all({ now: opts.now, since: opts.since ?? null, modules: JSON.stringify(opts.modules ?? []) }) as TopicBucket[];
}

/** Wrong answers per item (for the re-read list), in parallel columns in ascending order of id; running totals unless a start date asks for the full log. */
export function missCountsQuery(db: Db, opts: { since?: string; modules?: number[] }): { ids: string[]; counts: number[] } {
  const modules = JSON.stringify(opts.modules ?? []);
  const perItem = opts.since
    ? `SELECT r.item_id AS itemId, count(*) AS count
       FROM responses r JOIN attempts a ON a.id = r.attempt_id
       WHERE r.response IS NOT NULL AND r.correct = 0 AND (a.mode = 'practice' OR a.status = 'submitted')
         AND r.answered_at >= @since
         AND (@modules = '[]' OR r.module IN (SELECT value FROM json_each(@modules)))
       GROUP BY r.item_id`
    : `SELECT item_id AS itemId, answered - correct AS count FROM item_stats
       WHERE answered > correct AND (@modules = '[]' OR module IN (SELECT value FROM json_each(@modules)))`;
  // One row of two JSON arrays (filled in step) rather than a row per item: better-sqlite3 builds an object per row.
  const row = db
    .prepare(`SELECT json_group_array(itemId) AS ids, json_group_array(count) AS counts FROM (${perItem} ORDER BY itemId)`)
    .get({ modules, ...(opts.since ? { since: opts.since } : {}) }) as { ids: string; counts: string };
  const ids = JSON.parse(row.ids) as string[];
  const counts = JSON.parse(row.counts) as number[];
  return { ids, counts };
}

/** Submitted mock exams, newest first. */
export function examRecordsQuery(db: Db, limit = 20): { id: number; finishedAt: string; correct: number; total: number; passed: boolean }[] {
  const rows = db
    .prepare(
      `SELECT id, finished_at, score_correct, score_total, passed FROM attempts
       WHERE mode = 'exam' AND status = 'submitted' ORDER BY finished_at DESC LIMIT ?`,
    )
    .all(limit) as { id: number; finished_at: string; score_correct: number; score_total: number; passed: number }[];
  return rows.map((r) => ({ id: r.id, finishedAt: r.finished_at, correct: r.score_correct, total: r.score_total, passed: r.passed === 1 }));
}
