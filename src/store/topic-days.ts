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
 * per-day totals (migration 4). A UTC day that a boundary cuts through is
 * counted there for one side of the cut, and the quarter-hours of the other
 * side, the shorter one, are moved across from migration 10's table (every
 * learning day begins on a quarter-hour, in every zone in use).
 */
export function topicWeekBuckets(db: Db, opts: { weekStarts: Date[]; since?: Date; modules?: number[] }): Bucket[] {
  const starts = opts.weekStarts.map((d) => d.getTime());
  const since = opts.since?.getTime() ?? null;
  const bucketAt = (t: number) => {
    const k = starts.findIndex((s) => t >= s);
    return k === -1 ? starts.length - 1 : Math.min(k, starts.length - 1);
  };
  // One comparison per week back, newest first (most answers are recent); older than the last start: the last week.
  const bucketOf = (column: string, key: (t: number) => string) => {
    const cases = starts.slice(0, -1).map((start, k) => `WHEN ${column} >= '${key(start)}' THEN ${k}`);
    return cases.length ? `CASE ${cases.join(' ')} ELSE ${cases.length} END` : '0';
  };
  const cutsByDay = new Map<string, Set<number>>();
  for (const t of [...starts, ...(since === null ? [] : [since])]) {
    if (isUtcMidnight(t)) continue;
    const day = dayKeyUtc(t);
    cutsByDay.set(day, (cutsByDay.get(day) ?? new Set()).add(t));
  }
  const excludedDays: string[] = [];
  const overrides: string[] = [];
  const moves: string[] = [];
  const q = (t: number) => `'${quarterKey(t)}'`;
  for (const [day, cuts] of cutsByDay) {
    const dayStart = Date.parse(`${day}T00:00:00Z`);
    const dayEnd = dayStart + DAY_MS;
    const sinceFilter = since === null ? '' : ` AND quarter >= ${q(since)}`;
    if (cuts.size > 1) {
      // Rare (since and a week start on one UTC day at different hours): read the whole day by the quarter.
      excludedDays.push(day);
      moves.push(`SELECT module, topic, domain, ${bucketOf('quarter', quarterKey)}, answered, correct FROM topic_quarter_stats WHERE quarter >= ${q(dayStart)} AND quarter < ${q(dayEnd)}${sinceFilter}`);
      continue;
    }
    const cut = [...cuts][0]!;
    const beforeShorter = cut - dayStart <= dayEnd - cut;
    const [lo, hi] = beforeShorter ? [dayStart, cut] : [cut, dayEnd];
    // The other side stays in the day's total, in its own week; unless --since cuts it off.
    const restAt = beforeShorter ? cut : dayStart;
    const restCounts = since === null || restAt >= since;
    if (restCounts) {
      if (beforeShorter) overrides.push(`WHEN '${day}' THEN ${bucketAt(restAt)}`);
      moves.push(`SELECT module, topic, domain, ${bucketAt(restAt)}, -answered, -correct FROM topic_quarter_stats WHERE quarter >= ${q(lo)} AND quarter < ${q(hi)}`);
    } else excludedDays.push(day);
    moves.push(`SELECT module, topic, domain, ${bucketOf('quarter', quarterKey)}, answered, correct FROM topic_quarter_stats WHERE quarter >= ${q(lo)} AND quarter < ${q(hi)}${sinceFilter}`);
  }
  const dayBucket = overrides.length ? `CASE day ${overrides.join(' ')} ELSE ${bucketOf('day', ceilDay)} END` : bucketOf('day', ceilDay);
  const modules = `(@modules = '[]' OR module IN (SELECT value FROM json_each(@modules)))`;
  // Days from the one --since falls in (its part before --since is taken out above, or the day is excluded).
  const firstDay = since === null ? null : dayKeyUtc(since);
  const sql = `
    SELECT module, topic, domain, weeksAgo, sum(answered) AS answered, sum(correct) AS correct FROM (
      SELECT module, topic, domain, ${dayBucket} AS weeksAgo, answered, correct
      FROM topic_day_stats
      WHERE answered > 0 AND ${modules} ${excludedDays.length ? `AND day NOT IN (${excludedDays.map((d) => `'${d}'`).join(', ')})` : ''}
        ${firstDay === null ? '' : `AND day >= '${firstDay}'`}
      ${moves.map((m) => `UNION ALL ${m} AND ${modules}`).join('\n      ')}
    )
    GROUP BY module, topic, domain, weeksAgo
    HAVING sum(answered) > 0`;
  return db.prepare(sql).all({ modules: JSON.stringify(opts.modules ?? []) }) as Bucket[];
}

/** The UTC date of the first answer that counts, from the small per-day totals: bounds how many weeks back to look. */
export function firstAnswerDay(db: Db): string | null {
  const row = db.prepare('SELECT min(day) AS day FROM topic_day_stats WHERE answered > 0').get() as { day: string | null };
  return row.day;
}


/** Minutes (UTC, 'YYYY-MM-DDTHH:MM') with any study since `since`: answers by the quarter-hour, and card ratings. */
export function studyTimes(db: Db, since: Date): string[] {
  const from = quarterKey(since.getTime());
  const rows = db
    .prepare(`SELECT DISTINCT quarter AS t FROM topic_quarter_stats WHERE quarter >= @from UNION SELECT DISTINCT substr(reviewed_at, 1, 16) FROM reviews WHERE reviewed_at >= @from`)
    .all({ from }) as { t: string }[];
  return rows.map((r) => r.t);
}
