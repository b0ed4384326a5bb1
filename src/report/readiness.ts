import type { Module } from '../bank/schema.js';

/** Answers of one module in one age bucket (weeks ago). */
export interface Bucket {
  module: number;
  weeksAgo: number;
  answered: number;
  correct: number;
}

export interface Readiness {
  enoughData: boolean;
  /** Expected score on a blueprint-weighted 100-item exam, in percent. */
  expected: number | null;
  low: number | null;
  high: number | null;
  passProbability: number | null;
  /** Answers still needed before the estimate means something, and where. */
  moreNeeded: number;
  thinModules: number[];
  method: string;
}

/** Answers lose half their weight every 4 weeks: recent practice says more about today. */
export const HALF_LIFE_WEEKS = 4;
/** A module needs this much recency-weighted evidence before the estimate is shown. */
export const MIN_MODULE_EVIDENCE = 8;
/** Per-module accuracy is pulled toward the learner's overall accuracy with the weight of this many answers. */
export const SHRINK_ANSWERS = 10;
const EXAM_ITEMS = 100;
const PASS = 70;

/**
 * Readiness for a 100-item exam drawn by the blueprint weights. Each module's
 * accuracy is a recency-weighted proportion, shrunk toward the learner's
 * overall accuracy, with a Beta posterior for its uncertainty; the exam score
 * is the sum of beta-binomial counts per module, approximated as normal.
 */
export function estimateReadiness(buckets: Bucket[], modules: Module[]): Readiness {
  const weight = (weeksAgo: number) => Math.pow(0.5, weeksAgo / HALF_LIFE_WEEKS);
  const per = modules.map((m) => {
    const own = buckets.filter((b) => b.module === m.number);
    return {
      module: m,
      n: own.reduce((s, b) => s + weight(b.weeksAgo) * b.answered, 0),
      k: own.reduce((s, b) => s + weight(b.weeksAgo) * b.correct, 0),
    };
  });
  const totalN = per.reduce((s, x) => s + x.n, 0);
  const overall = totalN > 0 ? per.reduce((s, x) => s + x.k, 0) / totalN : 0.5;
  const thin = per.filter((x) => x.module.weight > 0 && x.n < MIN_MODULE_EVIDENCE);
  const moreNeeded = Math.ceil(thin.reduce((s, x) => s + (MIN_MODULE_EVIDENCE - x.n), 0));
  const method = `recency-weighted (half-life ${HALF_LIFE_WEEKS} weeks) per-module accuracy, shrunk toward your overall accuracy, beta-binomial per module over the blueprint, normal approximation`;
  if (thin.length > 0) {
    return { enoughData: false, expected: null, low: null, high: null, passProbability: null, moreNeeded, thinModules: thin.map((x) => x.module.number), method };
  }
  const totalWeight = modules.reduce((s, m) => s + m.weight, 0);
  let mean = 0;
  let variance = 0;
  for (const x of per) {
    const items = (EXAM_ITEMS * x.module.weight) / totalWeight;
    // Beta posterior: shrinkage prior centred on the overall accuracy.
    const a = x.k + SHRINK_ANSWERS * overall;
    const b = x.n - x.k + SHRINK_ANSWERS * (1 - overall);
    const p = a / (a + b);
    const varP = (a * b) / ((a + b) ** 2 * (a + b + 1));
    mean += items * p;
    variance += items * p * (1 - p) + items * (items - 1) * varP;
  }
  const sd = Math.sqrt(variance);
  return {
    enoughData: true,
    expected: mean,
    low: Math.max(0, mean - 1.96 * sd),
    high: Math.min(EXAM_ITEMS, mean + 1.96 * sd),
    passProbability: 1 - normalCdf((PASS - 0.5 - mean) / sd),
    moreNeeded: 0,
    thinModules: [],
    method,
  };
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26, error under 1.5e-7). */
export function normalCdf(z: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(z) / Math.SQRT2);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(z * z) / 2);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
