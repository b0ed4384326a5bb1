import type { Db } from './open.js';

/**
 * Answers per topic and age in whole weeks of the learner's days, from the
 * trigger-kept quarter-hour totals (migration 8). The caller passes the
 * learning-day arithmetic: today's day number, the rollover hour, and the
 * UTC offsets in force over the stored range (src/days.ts offsetSegments).
 */
export function topicWeekBuckets(
  db: Db,
  opts: { today: number; startsAt: number; segments: { startMs: number; offsetMs: number }[]; sinceDay?: number; modules?: number[] },
): { module: number; topic: string; domain: string; weeksAgo: number; answered: number; correct: number }[] {
  const segments = JSON.stringify(opts.segments.map((s) => [new Date(s.startMs).toISOString().slice(0, 16), s.offsetMs / 60_000]));
  return db
    .prepare(
      `WITH seg AS (
         SELECT json_extract(value, '$[0]') AS s, coalesce(lead(json_extract(value, '$[0]')) OVER (ORDER BY key), '9999') AS e, json_extract(value, '$[1]') AS off
         FROM json_each(@segments)
       ),
       days AS (
         SELECT t.module, t.topic, t.domain, t.answered, t.correct,
                CAST(floor(julianday(t.quarter || ':00') - 2440587.5 + (coalesce(seg.off, 0) - @startsAt * 60) / 1440.0) AS INTEGER) AS day
         FROM topic_quarter_stats t LEFT JOIN seg ON t.quarter >= seg.s AND t.quarter < seg.e
         WHERE t.answered > 0 AND (@modules = '[]' OR t.module IN (SELECT value FROM json_each(@modules)))
       )
       SELECT module, topic, domain, max(0, (CAST(@today AS INTEGER) - day) / 7) AS weeksAgo, sum(answered) AS answered, sum(correct) AS correct
       FROM days WHERE @sinceDay IS NULL OR day >= CAST(@sinceDay AS INTEGER)
       GROUP BY module, topic, domain, weeksAgo`,
    )
    .all({ segments, startsAt: opts.startsAt, today: opts.today, sinceDay: opts.sinceDay ?? null, modules: JSON.stringify(opts.modules ?? []) }) as {
    module: number;
    topic: string;
    domain: string;
    weeksAgo: number;
    answered: number;
    correct: number;
  }[];
}

/** The earliest stored quarter-hour, to bound the offsets a query needs. */
export function firstAnswerQuarter(db: Db): number | null {
  const row = db.prepare('SELECT min(quarter) AS q FROM topic_quarter_stats').get() as { q: string | null };
  return row.q === null ? null : Date.parse(`${row.q}:00Z`);
}
