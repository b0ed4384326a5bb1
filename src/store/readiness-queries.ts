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
