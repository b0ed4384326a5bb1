import type { Module } from '../bank/schema.js';
import { normalCdf } from './readiness.js';

/**
 * Readiness from first exposure. Only each item's first answer measures the
 * learner on an item they have not seen (as every item of the real exam is):
 * later answers to the same item measure memory of its key. So the estimate
 * reads one answer per item; re-answering memorised items cannot raise it.
 */

/** One item's first answer, with its age: what the estimator reads (the store's FirstExposureRow, dated). */
export interface FirstAnswer {
  module: number;
  /** Whole days (fractional allowed) between the answer and now. */
  daysAgo: number;
  correct: boolean;
  guess: boolean;
  /** Given on a held-out form taken as a form. */
  onForm: boolean;
  topic?: string;
  domain?: string;
}

export interface ModuleEvidence {
  module: number;
  /** First answers in this module. */
  answers: number;
  /** Their recency-weighted count. */
  evidence: number;
  /** Estimated accuracy on unseen items today (0..1), or null before any answer. */
  accuracy: number | null;
}

export interface ScoreEstimate {
  expected: number;
  low: number;
  high: number;
  passProbability: number;
}

export interface FirstExposureReadiness {
  enoughData: boolean;
  /** Today's estimate of a blueprint-weighted 100-item exam of unseen items; null without enough data. */
  today: ScoreEstimate | null;
  /** The same at the exam date (wider: ability drifts, up with study, down without); null without a date or data. */
  atExam: (ScoreEstimate & { date: string; daysAway: number }) | null;
  modules: ModuleEvidence[];
  /** Modules short of MIN_FIRST_ANSWERS first answers, and how many more each needs. */
  thin: { module: number; more: number }[];
  firstAnswers: number;
  formAnswers: number;
}

/** Tunable constants of the model (validated by `npm run validate-readiness`; see the README). */
export interface ReadinessModel {
  /** Answers lose half their weight every this many weeks. */
  halfLifeWeeks: number;
  /** Per-module accuracy is pulled toward the overall accuracy with the weight of this many answers. */
  shrinkAnswers: number;
  /** Ability drifts: the variance of accuracy grows by this much per week between an answer and the day estimated. */
  driftPerWeek: number;
  /** A right answer marked as a guess counts as this much of a right answer. */
  guessCredit: number;
  /** First answers each module needs (unless a held-out form was taken). */
  minFirstAnswers: number;
}

/**
 * Tuned with `npm run validate-readiness` (README, Validation). A right guess
 * counts as right: the share of guesses that land right is what to expect of
 * guesses on the exam (half credit under-predicted by about 3.5 points). A
 * projection along the learner's own trend was tried and dropped: it added
 * more noise than it removed bias.
 */
export const DEFAULT_MODEL: ReadinessModel = {
  halfLifeWeeks: 6,
  shrinkAnswers: 20,
  driftPerWeek: 0.0001,
  guessCredit: 1,
  minFirstAnswers: 8,
};

const EXAM_ITEMS = 100;
const PASS = 70;
const DAY_WEEKS = 1 / 7;

/**
 * First answers alike in module, topic, domain and marks, summed: what the
 * estimate and the stats rows read. A history's first answers run to
 * thousands; their groups to a few hundred. `weight` is the sum of each
 * answer's recency weight under the model's half-life (the caller sums with
 * the model it estimates with), `weightedWeeks` the sum of weight × age in weeks.
 */
export interface FirstAnswerTotal {
  module: number;
  topic?: string;
  domain?: string;
  correct: boolean;
  guess: boolean;
  onForm: boolean;
  count: number;
  weight: number;
  weightedWeeks: number;
}

/** A new, empty group of first answers. */
export function emptyTotal(module: number, topic: string | undefined, domain: string | undefined, correct: boolean, guess: boolean, onForm: boolean): FirstAnswerTotal {
  return { module, ...(topic !== undefined ? { topic } : {}), ...(domain !== undefined ? { domain } : {}), correct, guess, onForm, count: 0, weight: 0, weightedWeeks: 0 };
}

/** Add one first answer, `daysAgo` days old (one dated after now counts as given now), to its group. */
export function addToTotal(g: FirstAnswerTotal, daysAgo: number, model: ReadinessModel = DEFAULT_MODEL): void {
  const weeks = Math.max(0, daysAgo) * DAY_WEEKS;
  const w = Math.pow(0.5, weeks / model.halfLifeWeeks);
  g.count++;
  g.weight += w;
  g.weightedWeeks += w * weeks;
}

/** First answers summed by group, with the model's recency weights. */
export function totalFirstAnswers(answers: readonly FirstAnswer[], model: ReadinessModel = DEFAULT_MODEL): FirstAnswerTotal[] {
  const groups = new Map<string, FirstAnswerTotal>();
  for (const a of answers) {
    const key = JSON.stringify([a.module, a.topic ?? null, a.domain ?? null, a.correct, a.guess, a.onForm]);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = emptyTotal(a.module, a.topic, a.domain, a.correct, a.guess, a.onForm)));
    addToTotal(g, a.daysAgo, model);
  }
  return [...groups.values()];
}

/**
 * The learner's expected score on an unseen blueprint-weighted 100-item exam.
 * Per module: a recency-weighted proportion of first answers right (a right
 * guess counts half), shrunk toward the learner's overall first-answer
 * accuracy as a Beta posterior. The evidence is on average some weeks old and
 * ability drifts, so each module's variance grows with that age (a random
 * walk), and a shared drift term spans modules (a learner's ability moves as
 * a whole). The score is the sum of per-module beta-binomial counts,
 * approximated as normal; the pass probability has a continuity correction.
 */
export function estimateFromFirstAnswers(
  answers: readonly FirstAnswer[],
  modules: readonly Module[],
  opts: { formTaken?: boolean; daysToExam?: number | null; examDate?: string | null; model?: ReadinessModel } = {},
): FirstExposureReadiness {
  return estimateFromTotals(totalFirstAnswers(answers, opts.model ?? DEFAULT_MODEL), modules, opts);
}

/** The same estimate from first answers already summed by group (weighted with `opts.model`'s half-life). */
export function estimateFromTotals(
  totals: readonly FirstAnswerTotal[],
  modules: readonly Module[],
  opts: { formTaken?: boolean; daysToExam?: number | null; examDate?: string | null; model?: ReadinessModel } = {},
): FirstExposureReadiness {
  const model = opts.model ?? DEFAULT_MODEL;
  const per = modules.map((m) => {
    let n = 0;
    let k = 0;
    let age = 0;
    let count = 0;
    for (const g of totals) {
      if (g.module !== m.number) continue;
      count += g.count;
      n += g.weight;
      k += g.weight * creditOf(g, model);
      age += g.weightedWeeks;
    }
    return { module: m, count, n, k, age: n > 0 ? age / n : 0 };
  });
  let firstAnswers = 0;
  let formAnswers = 0;
  for (const g of totals) {
    firstAnswers += g.count;
    if (g.onForm) formAnswers += g.count;
  }
  const totalN = per.reduce((s, x) => s + x.n, 0);
  const overall = totalN > 0 ? per.reduce((s, x) => s + x.k, 0) / totalN : 0.5;
  const meanAge = totalN > 0 ? per.reduce((s, x) => s + x.age * x.n, 0) / totalN : 0;
  const moduleEvidence: ModuleEvidence[] = per.map((x) => ({
    module: x.module.number,
    answers: x.count,
    evidence: x.n,
    accuracy: x.count === 0 ? null : (x.k + model.shrinkAnswers * overall) / (x.n + model.shrinkAnswers),
  }));
  const thin = per
    .filter((x) => x.module.weight > 0 && x.count < model.minFirstAnswers)
    .map((x) => ({ module: x.module.number, more: model.minFirstAnswers - x.count }));
  const base = {
    modules: moduleEvidence,
    thin,
    firstAnswers,
    formAnswers,
  };
  const enoughData = firstAnswers > 0 && (thin.length === 0 || (opts.formTaken ?? false) && per.every((x) => x.module.weight === 0 || x.count > 0));
  if (!enoughData) return { enoughData: false, today: null, atExam: null, ...base };

  const totalWeight = modules.reduce((s, m) => s + m.weight, 0);
  const scoreAt = (extraWeeks: number): ScoreEstimate => {
    let mean = 0;
    let variance = 0;
    for (const x of per) {
      const items = (EXAM_ITEMS * x.module.weight) / totalWeight;
      if (items === 0) continue;
      const a = x.k + model.shrinkAnswers * overall;
      const b = x.n - x.k + model.shrinkAnswers * (1 - overall);
      const p = a / (a + b);
      const varP = (a * b) / ((a + b) ** 2 * (a + b + 1)) + model.driftPerWeek * (x.age + extraWeeks);
      mean += items * p;
      variance += items * p * (1 - p) + items * (items - 1) * varP;
    }
    // The shared part of the drift: a learner's ability moves as a whole, so module errors do not cancel.
    variance += EXAM_ITEMS * EXAM_ITEMS * model.driftPerWeek * (meanAge + extraWeeks);
    const sd = Math.sqrt(variance);
    return {
      expected: mean,
      low: Math.max(0, mean - 1.96 * sd),
      high: Math.min(EXAM_ITEMS, mean + 1.96 * sd),
      passProbability: 1 - normalCdf((PASS - 0.5 - mean) / sd),
    };
  };
  const days = opts.daysToExam ?? null;
  return {
    enoughData: true,
    today: scoreAt(0),
    atExam: days !== null && days > 0 && opts.examDate ? { ...scoreAt(days * DAY_WEEKS), date: opts.examDate, daysAway: Math.ceil(days) } : null,
    ...base,
  };
}

/** The credit a first answer earns: 1 right, `guessCredit` right by a marked guess, 0 wrong. */
export function creditOf(a: { correct: boolean; guess: boolean }, model: ReadinessModel = DEFAULT_MODEL): number {
  return a.correct ? (a.guess ? model.guessCredit : 1) : 0;
}

/** Recency-weighted first-answer accuracy over all groups (0..1), or null without any answer. */
export function overallAccuracy(totals: readonly FirstAnswerTotal[], model: ReadinessModel = DEFAULT_MODEL): number | null {
  const { n, k } = weighted(totals, model);
  return n > 0 ? k / n : null;
}

/**
 * A row's (module, domain, topic) accuracy on unseen items: the
 * recency-weighted first answers of its groups shrunk toward `overall`, as
 * the readiness model reads a module. Null without any first answer.
 */
export function shrunkAccuracy(totals: readonly FirstAnswerTotal[], overall: number, model: ReadinessModel = DEFAULT_MODEL): number | null {
  if (!totals.some((g) => g.count > 0)) return null;
  const { n, k } = weighted(totals, model);
  return (k + model.shrinkAnswers * overall) / (n + model.shrinkAnswers);
}

function weighted(totals: readonly FirstAnswerTotal[], model: ReadinessModel): { n: number; k: number } {
  let n = 0;
  let k = 0;
  for (const g of totals) {
    n += g.weight;
    k += g.weight * creditOf(g, model);
  }
  return { n, k };
}
