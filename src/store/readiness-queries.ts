import type { Db } from './open.js';
import type { FirstAnswerTotal } from '../report/first-exposure.js';

import { DAYS, FIRST_TOTALS_HALF_LIFE_DAYS, GROWTH, SPAN } from './migration-13-first-answer-totals.js';
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
              json_group_array(julianday(@now) - julianday(answered_at)) AS daysAgo,
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

/**
 * Each item's first answer summed by group (module, topic, domain, right,
 * marked a guess, on a held-out form) with its recency weight for a
 * half-life of six weeks as of `nowMs`, from migration 13's per-span running
 * totals: the same figures as adding up firstAnswerColumns' answers one by
 * one (first-exposure.ts, addToTotal), without a row per item. Answers dated
 * after `nowMs` count as given now, and drill items not at all: both are
 * read from item_first (a few rows) and taken out of the totals.
 */
export function firstAnswerTotals(db: Db, opts: { nowMs: number; modules?: number[]; drillIds?: readonly string[] }): FirstAnswerTotal[] {
  const modules = JSON.stringify(opts.modules ?? []);
  const inModules = `(@modules = '[]' OR module IN (SELECT value FROM json_each(@modules)))`;
  const spans = db
    .prepare(`SELECT span, module, topic, domain, correct, guess, on_form, answers, growth, growth_days FROM first_answer_totals WHERE answers <> 0 AND ${inModules}`)
    .raw()
    .all({ modules }) as [number, number, string, string, number, number, number, number, number, number][];
  const now = new Date(opts.nowMs).toISOString();
  const term = (sql: string) => sql.replaceAll('X.', '');
  const outliers = db
    .prepare(
      `SELECT ${term(SPAN)}, module, topic, domain, correct, guess, form IS NOT NULL, ${term(GROWTH)}, ${term(GROWTH)} * ${term(DAYS)},
              item_id IN (SELECT value FROM json_each(@drills))
       FROM item_first WHERE (answered_at > @now OR item_id IN (SELECT value FROM json_each(@drills))) AND ${inModules}`,
    )
    .raw()
    .all({ modules, now, drills: JSON.stringify(opts.drillIds ?? []) }) as [number, number, string, string, number, number, number, number, number, number][];
  const nowDays = opts.nowMs / 86_400_000;
  const groups = new Map<string, FirstAnswerTotal>();
  const groupOf = (module: number, topic: string, domain: string, correct: number, guess: number, onForm: number) => {
    const key = `${module}\u0000${correct}${guess}${onForm}\u0000${topic}\u0000${domain}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { module, topic, domain, correct: correct === 1, guess: guess === 1, onForm: onForm === 1, count: 0, weight: 0, weightedWeeks: 0 }));
    return g;
  };
  const addSpan = (sign: 1 | -1, [span, module, topic, domain, correct, guess, onForm, answers, growth, growthDays]: [number, number, string, string, number, number, number, number, number, number]) => {
    const g = groupOf(module, topic, domain, correct, guess, onForm);
    // 0.5^((D - f) / H) = 0.5^(D / H) × 2^(f / H), D the span's days to now; its age in weeks is (D - f) / 7.
    const days = nowDays - span;
    const factor = Math.pow(0.5, days / FIRST_TOTALS_HALF_LIFE_DAYS);
    g.count += sign * answers;
    g.weight += sign * factor * growth;
    g.weightedWeeks += (sign * factor * (days * growth - growthDays)) / 7;
  };
  for (const row of spans) addSpan(1, row);
  for (const [span, module, topic, domain, correct, guess, onForm, growth, growthDays, drill] of outliers) {
    addSpan(-1, [span, module, topic, domain, correct, guess, onForm, 1, growth, growthDays]);
    // An answer dated after now counts as given now: full weight, no age.
    if (drill !== 1) {
      const g = groupOf(module, topic, domain, correct, guess, onForm);
      g.count += 1;
      g.weight += 1;
    }
  }
  return [...groups.values()].filter((g) => g.count > 0);
}
