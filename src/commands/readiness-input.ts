import type { MockForm } from '../bank/types.js';
import type { Module } from '../bank/schema.js';
import { estimateFromFirstAnswers, type FirstAnswer, type FirstExposureReadiness, type ReadinessModel } from '../report/first-exposure.js';
import { firstExposures, takenForms } from '../store/readiness-queries.js';
import type { Db } from '../store/open.js';
import { unusedForms } from '../exam/held-out.js';

const DAY_MS = 86_400_000;

export interface ReadinessInput {
  answers: FirstAnswer[];
  formsTaken: number[];
  formsUnused: number[];
}

/**
 * What the first-exposure estimate reads of a history: each item's first
 * answer, dated against `now`, and the forms taken. `mrso stats` and the
 * readiness validation (scripts/readiness) both come through here.
 * `isDrill` names items that never count toward readiness (numeric items).
 */
export function readinessInput(db: Db, bank: { forms: readonly MockForm[] }, now: Date, opts: { modules?: number[]; isDrill?: (id: string) => boolean } = {}): ReadinessInput {
  const taken = takenForms(db);
  const answers = firstExposures(db, { modules: opts.modules ?? [] })
    .filter((r) => !opts.isDrill?.(r.itemId))
    .map((r) => ({
      module: r.module,
      daysAgo: (now.getTime() - Date.parse(r.answeredAt)) / DAY_MS,
      correct: r.correct,
      guess: r.guess,
      onForm: r.form !== null,
      topic: r.topic,
      domain: r.domain,
    }));
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
