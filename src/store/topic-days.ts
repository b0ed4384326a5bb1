import type { Db } from './open.js';

type Bucket = { module: number; topic: string; domain: string; weeksAgo: number; answered: number; correct: number };

const DAY_MS = 86_400_000;
/** 'YYYY-MM-DDTHH:MM', the form of topic_quarter_stats.quarter: instants on quarter-hours compare as strings. */
const quarterKey = (instant: number) => new Date(instant).toISOString().slice(0, 16);
const dayKeyUtc = (instant: number) => new Date(instant).toISOString().slice(0, 10);
const isUtcMidnight = (instant: number) => instant % DAY_MS === 0;
/** The first UTC date wholly on or after `instant`. */
const ceilDay = (instant: number) => dayKeyUtc(Math.ceil(instant / DAY_MS) * DAY_MS);

/**
 * Answers per topic and age in whole weeks of the learner's days. The caller
 * does the day arithmetic (src/days.ts) and passes where each week of
 * learning days began, newest first (`weekStarts[k]` begins the week k weeks
 * ago), and the start of the --since day. Whole UTC days come from the small
 * per-day totals (migration 4); a UTC day that a boundary cuts through is
 * read by the quarter-hour (migration 8): every learning day begins on a
 * quarter-hour, in every zone in use.
 */
export function topicWeekBuckets(db: Db, opts: { weekStarts: Date[]; since?: Date; modules?: number[] }): Bucket[] {
  const starts = opts.weekStarts.map((d) => d.getTime());
  const since = opts.since?.getTime() ?? null;
  const cuts = [...starts, ...(since === null ? [] : [since])].filter((t) => !isUtcMidnight(t));
  const cutDays = [...new Set(cuts.map(dayKeyUtc))];
  // One comparison per week back, newest first (most answers are recent); older than the last start: the last week.
  const bucketOf = (column: string, key: (t: number) => string) => {
    const cases = starts.slice(0, -1).map((start, k) => `WHEN ${column} >= '${key(start)}' THEN ${k}`);
    return cases.length ? `CASE ${cases.join(' ')} ELSE ${cases.length} END` : '0';
  };
  const cutRanges = cutDays.map((d) => `(quarter >= '${d}T00:00' AND quarter < '${dayKeyUtc(Date.parse(`${d}T00:00:00Z`) + DAY_MS)}T00:00')`);
  const modules = `(@modules = '[]' OR module IN (SELECT value FROM json_each(@modules)))`;
  const sql = `
    SELECT module, topic, domain, weeksAgo, sum(answered) AS answered, sum(correct) AS correct FROM (
      SELECT module, topic, domain, ${bucketOf('day', ceilDay)} AS weeksAgo, answered, correct
      FROM topic_day_stats
      WHERE answered > 0 AND ${modules} ${cutDays.length ? `AND day NOT IN (${cutDays.map((d) => `'${d}'`).join(', ')})` : ''}
        ${since === null ? '' : `AND day >= '${ceilDay(since)}'`}
      ${
        cutRanges.length
          ? `UNION ALL
      SELECT module, topic, domain, ${bucketOf('quarter', quarterKey)} AS weeksAgo, answered, correct
      FROM topic_quarter_stats
      WHERE (${cutRanges.join(' OR ')}) AND answered > 0 AND ${modules} ${since === null ? '' : `AND quarter >= '${quarterKey(since)}'`}`
          : ''
      }
    )
    GROUP BY module, topic, domain, weeksAgo`;
  return db.prepare(sql).all({ modules: JSON.stringify(opts.modules ?? []) }) as Bucket[];
}

/** The UTC date of the first answer that counts, from the small per-day totals: bounds how many weeks back to look. */
export function firstAnswerDay(db: Db): string | null {
  const row = db.prepare('SELECT min(day) AS day FROM topic_day_stats WHERE answered > 0').get() as { day: string | null };
  return row.day;
}

/** Answers and right answers per module, from the per-day totals (for the dashboard's stand-in weakest module). */
export function moduleTotals(db: Db): Map<number, { answered: number; correct: number }> {
  const rows = db.prepare('SELECT module, sum(answered) AS answered, sum(correct) AS correct FROM topic_day_stats GROUP BY module').all() as { module: number; answered: number; correct: number }[];
  return new Map(rows.map((r) => [r.module, { answered: r.answered, correct: r.correct }]));
}

/** Minutes (UTC, 'YYYY-MM-DDTHH:MM') with any study since `since`: answers by the quarter-hour, and card ratings. */
export function studyTimes(db: Db, since: Date): string[] {
  const from = quarterKey(since.getTime());
  const rows = db
    .prepare(`SELECT DISTINCT quarter AS t FROM topic_quarter_stats WHERE quarter >= @from UNION SELECT DISTINCT substr(reviewed_at, 1, 16) FROM reviews WHERE reviewed_at >= @from`)
    .all({ from }) as { t: string }[];
  return rows.map((r) => r.t);
}
