import type { MockForm } from '../bank/types.js';
import type { Module } from '../bank/schema.js';
import { addToTotal, DEFAULT_MODEL, emptyTotal, estimateFromFirstAnswers, type FirstAnswer, type FirstAnswerTotal, type FirstExposureReadiness, type ReadinessModel } from '../report/first-exposure.js';
import type { HistoryStore } from '../store/history.js';
import { unusedForms } from '../exam/held-out.js';
import { FIRST_TOTALS_HALF_LIFE_DAYS } from '../store/migration-13-first-answer-totals.js';

export interface ReadinessInput {
  answers: FirstAnswer[];
  formsTaken: number[];
  formsUnused: number[];
}

/**
 * What the first-exposure estimate reads of a history: each item's first
 * answer, dated against `now`, and the forms taken. `mrso stats` and the
 * readiness validation (scripts/readiness) both come through here.
 * `drillIds` names items that never count toward readiness (numeric items).
 */
export function readinessInput(store: Pick<HistoryStore, 'takenForms' | 'firstAnswerColumns'>, bank: { forms: readonly MockForm[] }, now: Date, opts: { modules?: number[]; drillIds?: readonly string[] } = {}): ReadinessInput {
  const taken = store.takenForms();
  const c = store.firstAnswerColumns({ now: now.toISOString(), modules: opts.modules ?? [], drillIds: opts.drillIds ?? [] });
  const answers: FirstAnswer[] = new Array(c.module.length);
  for (let i = 0; i < c.module.length; i++) {
    const flags = c.flags[i]!;
    answers[i] = { module: c.module[i]!, daysAgo: c.daysAgo[i]!, correct: (flags & 1) !== 0, guess: (flags & 2) !== 0, onForm: (flags & 4) !== 0, topic: c.topic[i]!, domain: c.domain[i]! };
  }
  return { answers, formsTaken: taken, formsUnused: unusedForms(bank.forms, taken) };
}

/**
 * What `mrso stats` reads of the same: the first answers summed by group
 * (module, topic, domain, right, guess, on a form) with the default model's
 * weights, from the store's running totals (migration 13): what
 * totalFirstAnswers gives over `readinessInput`'s answers, which a property
 * test holds them to. Should the model's half-life ever differ from the one
 * the totals are kept for, they are summed from the answers instead.
 */
export function readinessTotals(store: Pick<HistoryStore, 'takenForms' | 'firstAnswerColumns' | 'firstAnswerTotals'>, bank: { forms: readonly MockForm[] }, now: Date, opts: { modules?: number[]; drillIds?: readonly string[] } = {}): { totals: FirstAnswerTotal[]; formsTaken: number[]; formsUnused: number[] } {
  const taken = store.takenForms();
  const query = { modules: opts.modules ?? [], drillIds: opts.drillIds ?? [] };
  const totals = DEFAULT_MODEL.halfLifeWeeks * 7 === FIRST_TOTALS_HALF_LIFE_DAYS ? store.firstAnswerTotals({ nowMs: now.getTime(), ...query }) : totalsOfColumns(store.firstAnswerColumns({ now: now.toISOString(), ...query }));
  return { totals, formsTaken: taken, formsUnused: unusedForms(bank.forms, taken) };
}

/** First answers summed by group straight from the store's columns, without an object per answer. */
export function totalsOfColumns(c: ReturnType<HistoryStore['firstAnswerColumns']>, model: ReadinessModel = DEFAULT_MODEL): FirstAnswerTotal[] {
  const groups = new Map<string, FirstAnswerTotal>();
  for (let i = 0; i < c.module.length; i++) {
    const module = c.module[i]!;
    const topic = c.topic[i]!;
    const domain = c.domain[i]!;
    const flags = c.flags[i]!;
    const key = `${module}\u0000${flags}\u0000${topic}\u0000${domain}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = emptyTotal(module, topic, domain, (flags & 1) !== 0, (flags & 2) !== 0, (flags & 4) !== 0)));
    addToTotal(g, c.daysAgo[i]!, model);
  }
  return [...groups.values()];
}

/** The estimate `mrso stats` shows, from the history as read by `readinessInput`. */
export function readinessFrom(input: ReadinessInput, modules: readonly Module[], exam: { date: string; daysAway: number } | null, model?: ReadinessModel): FirstExposureReadiness {
  return estimateFromFirstAnswers(input.answers, modules, {
    ...(model ? { model } : {}),
    formTaken: input.formsTaken.length > 0,
    daysToExam: exam?.daysAway ?? null,
    examDate: exam?.date ?? null,
  });
}
