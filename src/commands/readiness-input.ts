import type { MockForm } from '../bank/types.js';
import type { Module } from '../bank/schema.js';
import { estimateFromFirstAnswers, type FirstAnswer, type FirstExposureReadiness, type ReadinessModel } from '../report/first-exposure.js';
import type { HistoryStore } from '../store/history.js';
import { unusedForms } from '../exam/held-out.js';

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

/** The estimate `mrso stats` shows, from the history as read by `readinessInput`. */
export function readinessFrom(input: ReadinessInput, modules: readonly Module[], exam: { date: string; daysAway: number } | null, model?: ReadinessModel): FirstExposureReadiness {
  return estimateFromFirstAnswers(input.answers, modules, {
    ...(model ? { model } : {}),
    formTaken: input.formsTaken.length > 0,
    daysToExam: exam?.daysAway ?? null,
    examDate: exam?.date ?? null,
  });
}
