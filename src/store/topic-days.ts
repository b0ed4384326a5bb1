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
  const last = Math.max(0, starts.length - 1);
  const bucketAt = (t: number) => {
    const k = starts.findIndex((s) => t >= s);
    return k === -1 ? last : Math.min(k, last);
  };
  // The week a key (a day or a quarter) falls in, by comparing it with each week's first key, newest first.
  const bucketOfKey = (firstKeys: string[]) => (key: string) => {
    for (let k = 0; k < last; k++) if (key >= firstKeys[k]!) return k;
    return last;
  };
  const bucketOfDay = bucketOfKey(starts.map(ceilDay));
  const bucketOfQuarter = bucketOfKey(starts.map(quarterKey));
  const cutsByDay = new Map<string, Set<number>>();
  for (const t of [...starts, ...(since === null ? [] : [since])]) {
    if (isUtcMidnight(t)) continue;
    const day = dayKeyUtc(t);
    cutsByDay.set(day, (cutsByDay.get(day) ?? new Set()).add(t));
  }
  const excludedDays = new Set<string>();
  const dayOverrides = new Map<string, number>();
  // Quarter-hour ranges [from, to) read once each: their sums leave the day's week (`out`) and join another (`into`).
  // `into` null: a whole day read by the quarter, each quarter to its own week, from --since on.
  const moves: { from: string; to: string; out: number | null; into: number | null; byQuarter: boolean }[] = [];
  const sinceKey = since === null ? null : quarterKey(since);
  for (const [day, cuts] of cutsByDay) {
    const dayStart = Date.parse(`${day}T00:00:00Z`);
    const dayEnd = dayStart + DAY_MS;
    if (cuts.size > 1) {
      // Rare (since and a week start on one UTC day at different hours): read the whole day by the quarter.
      excludedDays.add(day);
      moves.push({ from: quarterKey(dayStart), to: quarterKey(dayEnd), out: null, into: null, byQuarter: true });
      continue;
    }
    const cut = [...cuts][0]!;
    const beforeShorter = cut - dayStart <= dayEnd - cut;
    const [lo, hi] = beforeShorter ? [dayStart, cut] : [cut, dayEnd];
    // The other side stays in the day's total, in its own week; unless --since cuts it off.
    const restAt = beforeShorter ? cut : dayStart;
    const restCounts = since === null || restAt >= since;
    if (restCounts && beforeShorter) dayOverrides.set(day, bucketAt(restAt));
    if (!restCounts) excludedDays.add(day);
    // One side of the day's one cut lies in one week, and wholly on one side of --since (if --since is in this day, it is the cut).
    moves.push({ from: quarterKey(lo), to: quarterKey(hi), out: restCounts ? bucketAt(restAt) : null, into: since === null || lo >= since ? bucketAt(lo) : null, byQuarter: false });
  }
  const modules = JSON.stringify(opts.modules ?? []);
  const inModules = `(@modules = '[]' OR module IN (SELECT value FROM json_each(@modules)))`;
  // Days from the one --since falls in (its part before --since is taken out above, or the day is excluded).
  const firstDay = since === null ? '' : dayKeyUtc(since);
  // Columns as one row of JSON arrays: better-sqlite3 builds an object per row; the weeks are found here, not in a CASE per row.
  const days = db
    .prepare(
      `SELECT json_group_array(module) AS module, json_group_array(topic) AS topic, json_group_array(domain) AS domain, json_group_array(day) AS key,
              json_group_array(answered) AS answered, json_group_array(correct) AS correct
       FROM topic_day_stats WHERE answered > 0 AND day >= @firstDay AND ${inModules}`,
    )
    .get({ modules, firstDay }) as Columns;
  const totals = new Map<string, Bucket>();
  const add = (c: Parsed, i: number, week: number, sign: number) => {
    const module = c.module[i]!;
    const topic = c.topic[i]!;
    const domain = c.domain[i]!;
    const id = `${module}\u0000${week}\u0000${topic}\u0000${domain}`;
    let b = totals.get(id);
    if (!b) totals.set(id, (b = { module, topic, domain, weeksAgo: week, answered: 0, correct: 0 }));
    b.answered += sign * c.answered[i]!;
    b.correct += sign * c.correct[i]!;
  };
  const d = parse(days);
  const weekOfDay = new Map<string, number | null>();
  for (let i = 0; i < d.key.length; i++) {
    const day = d.key[i]!;
    let week = weekOfDay.get(day);
    if (week === undefined) weekOfDay.set(day, (week = excludedDays.has(day) ? null : (dayOverrides.get(day) ?? bucketOfDay(day))));
    if (week !== null) add(d, i, week, 1);
  }
  if (moves.length > 0) {
    // Each range summed per topic in SQL (a few dozen rows each), through the quarter key; a whole day read by the quarter
    // comes back per quarter. One statement of constant text, the ranges passed in: [from, to (excluded), by quarter].
    const ranges = moves.map((m) => [m.byQuarter && sinceKey !== null && sinceKey > m.from ? sinceKey : m.from, m.to, m.byQuarter ? 1 : 0]);
    const quarters = db
      .prepare(
        `SELECT json_group_array(move) AS move, json_group_array(module) AS module, json_group_array(topic) AS topic, json_group_array(domain) AS domain,
                json_group_array(key) AS key, json_group_array(answered) AS answered, json_group_array(correct) AS correct
         FROM (SELECT r.key AS move, q.module, q.topic, q.domain, CASE WHEN json_extract(r.value, '$[2]') = 1 THEN q.quarter ELSE '' END AS key,
                      sum(q.answered) AS answered, sum(q.correct) AS correct
               FROM json_each(@ranges) r JOIN topic_quarter_stats q
                 ON q.quarter >= json_extract(r.value, '$[0]') AND q.quarter < json_extract(r.value, '$[1]')
               WHERE (@modules = '[]' OR q.module IN (SELECT value FROM json_each(@modules)))
               GROUP BY r.key, q.module, q.topic, q.domain, key)`,
      )
      .get({ modules, ranges: JSON.stringify(ranges) }) as Columns & { move: string };
    const q = parse(quarters);
    const move = JSON.parse(quarters.move) as number[];
    for (let i = 0; i < q.key.length; i++) {
      const m = moves[move[i]!]!;
      if (m.byQuarter) add(q, i, bucketOfQuarter(q.key[i]!), 1);
      else {
        if (m.out !== null) add(q, i, m.out, -1);
        if (m.into !== null) add(q, i, m.into, 1);
      }
    }
  }
  const order = (a: Bucket, b: Bucket) => a.module - b.module || compare(a.topic, b.topic) || compare(a.domain, b.domain) || a.weeksAgo - b.weeksAgo;
  return [...totals.values()].filter((b) => b.answered > 0).sort(order);
}

type Columns = { module: string; topic: string; domain: string; key: string; answered: string; correct: string };
type Parsed = { module: number[]; topic: string[]; domain: string[]; key: string[]; answered: number[]; correct: number[] };
const parse = (c: Columns): Parsed => ({
  module: JSON.parse(c.module) as number[],
  topic: JSON.parse(c.topic) as string[],
  domain: JSON.parse(c.domain) as string[],
  key: JSON.parse(c.key) as string[],
  answered: JSON.parse(c.answered) as number[],
  correct: JSON.parse(c.correct) as number[],
});
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

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
