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
 * exam in progress can still change), through the item_stats list of items
 * answered and the (item_id, answered_at) index: one index seek per item,
 * never a pass over every answer.
 */
export function firstExposures(db: Db, opts: { modules?: number[] } = {}): FirstExposureRow[] {
  const row = db
    .prepare(
      `SELECT json_group_array(json_array(r.item_id, r.answered_at, r.correct, r.guess, r.module, r.topic, r.domain,
                json_extract(a.params, '$.form'))) AS rows
       FROM item_stats s
       JOIN responses r ON (r.attempt_id, r.position) = (
         SELECT r2.attempt_id, r2.position FROM responses r2 JOIN attempts a2 ON a2.id = r2.attempt_id
         WHERE r2.item_id = s.item_id AND r2.response IS NOT NULL AND (a2.mode = 'practice' OR a2.status = 'submitted')
         ORDER BY r2.answered_at, r2.attempt_id, r2.position LIMIT 1)
       JOIN attempts a ON a.id = r.attempt_id
       WHERE s.answered > 0 AND (@modules = '[]' OR s.module IN (SELECT value FROM json_each(@modules)))`,
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
       WHERE mode = 'exam' AND status = 'submitted' AND json_valid(params) AND json_type(params, '$.form') = 'integer'
       ORDER BY form`,
    )
    .all() as { form: number }[];
  return rows.map((r) => r.form);
}
