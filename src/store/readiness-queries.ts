import type { Db } from './open.js';

/** An item's first answered response: the one answer that measures the learner on an unseen item. */
export interface FirstExposureRow {
  itemId: string;
  answeredAt: string;
  correct: boolean;
  /** The learner marked this answer as a guess. */
  guess: boolean;
  module: number;
  topic: string;
  domain: string;
  /** The held-out form this answer was given on, taken as a form (`mrso exam --form N`); null otherwise. */
  form: number | null;
}

/**
 * Each item's first answered response (practice, and submitted exams: an
 * exam in progress can still change), from the trigger-kept item_first table
 * (migration 7): one row per item answered, never a pass over every answer.
 */
export function firstExposures(db: Db, opts: { modules?: number[] } = {}): FirstExposureRow[] {
  // One row of JSON rather than a row per item: better-sqlite3 builds an object per row.
  const row = db
    .prepare(
      `SELECT json_group_array(json_array(item_id, answered_at, correct, guess, module, topic, domain, form)) AS rows
       FROM item_first WHERE (@modules = '[]' OR module IN (SELECT value FROM json_each(@modules)))`,
    )
    .get({ modules: JSON.stringify(opts.modules ?? []) }) as { rows: string };
  const rows = JSON.parse(row.rows) as [string, string, number, number, number, string, string, unknown][];
  return rows.map(([itemId, answeredAt, correct, guess, module, topic, domain, form]) => ({
    itemId,
    answeredAt,
    correct: correct === 1,
    guess: guess === 1,
    module,
    topic,
    domain,
    form: typeof form === 'number' && Number.isInteger(form) ? form : null,
  }));
}

/** Numbers of the held-out forms taken as forms (a submitted exam whose params record `form: N`), each once. */
export function takenForms(db: Db): number[] {
  const rows = db
    .prepare(
      `SELECT DISTINCT json_extract(params, '$.form') AS form FROM attempts
       WHERE mode = 'exam' AND status = 'submitted' AND (CASE WHEN json_valid(params) THEN json_type(params, '$.form') = 'integer' ELSE 0 END)
       ORDER BY form`,
    )
    .all() as { form: number }[];
  return rows.map((r) => r.form);
}

/**
 * What readiness reads of each item's first answer, as parallel columns (one
 * JSON array each: numbers parse far faster than an object per row): module,
 * topic, domain, days before `now`, and flags (1 right, 2 marked a guess, 4 on
 * a held-out form taken as a form). Drill items (`drillIds`) are left out.
 */
export function firstAnswerColumns(
  db: Db,
  opts: { now: string; modules?: number[]; drillIds?: readonly string[] },
): { module: number[]; topic: string[]; domain: string[]; daysAgo: number[]; flags: number[] } {
  const row = db
    .prepare(
      `SELECT json_group_array(module) AS module, json_group_array(topic) AS topic, json_group_array(domain) AS domain,
              json_group_array(round(julianday(@now) - julianday(answered_at), 4)) AS daysAgo,
              json_group_array(correct + 2 * guess + 4 * (form IS NOT NULL)) AS flags
       FROM item_first
       WHERE (@modules = '[]' OR module IN (SELECT value FROM json_each(@modules)))
         AND (@drills = '[]' OR item_id NOT IN (SELECT value FROM json_each(@drills)))`,
    )
    .get({ now: opts.now, modules: JSON.stringify(opts.modules ?? []), drills: JSON.stringify(opts.drillIds ?? []) }) as Record<string, string>;
  return {
    module: JSON.parse(row['module']!) as number[],
    topic: JSON.parse(row['topic']!) as string[],
    domain: JSON.parse(row['domain']!) as string[],
    daysAgo: JSON.parse(row['daysAgo']!) as number[],
    flags: JSON.parse(row['flags']!) as number[],
  };
}
