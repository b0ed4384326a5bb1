import { DOMAINS, DOMAIN_TITLES, type Domain } from '../bank/domains.js';
import type { Module } from '../bank/schema.js';
import {
  DEFAULT_MODEL,
  estimateFromTotals,
  overallAccuracy,
  shrunkAccuracy,
  totalFirstAnswers,
  type FirstAnswer,
  type FirstAnswerTotal,
  type FirstExposureReadiness,
} from './first-exposure.js';
import { wilsonInterval } from './wilson.js';
import { calibrationOfTotals, type Calibration } from './calibration.js';

/** Answers of one topic in one age bucket (0 = this week). */
export interface TopicBucket {
  module: number;
  topic: string;
  domain: string;
  weeksAgo: number;
  answered: number;
  correct: number;
}

export interface ExamRecord {
  id: number;
  finishedAt: string;
  correct: number;
  total: number;
  passed: boolean;
}

export interface Standing {
  answered: number;
  correct: number;
  percent: number | null;
  low: number | null;
  high: number | null;
  weak: boolean;
  /** Percent-point change: the last two weeks against earlier answers; null without 5 answers on each side. */
  trend: number | null;
  /** First answers (one per item) in this row: what the estimate reads. */
  firstAnswers: number;
  /** Estimated percent right on unseen items (first answers, shrunk toward your overall); null without any. */
  estimate: number | null;
  /** Its share of a 100-item exam by the blueprint. */
  examItems: number;
  /** Exam points lost here: examItems × (1 − estimated accuracy). The top row is where study pays most. */
  pointsLost: number;
}

export interface CardForecast {
  total: number;
  seen: number;
  dueToday: number;
  dueThisWeek: number;
  /** Cards lapsed 8 times or more (leeches): better rewritten or studied another way than drilled again. */
  leeches: number;
}

/** Readiness as `--json` documents it (the first fields since the start; later ones only added). */
export interface Readiness {
  enoughData: boolean;
  expected: number | null;
  low: number | null;
  high: number | null;
  passProbability: number | null;
  moreNeeded: number;
  thinModules: number[];
  method: string;
  /** The same estimate at the exam date (`mrso config set examDate`), wider; null without a date. */
  atExam: { date: string; daysAway: number; expected: number; low: number; high: number; passProbability: number } | null;
  /** What the estimate reads. */
  basis: { firstAnswers: number; formAnswers: number; formsTaken: number[]; formsUnused: number[]; modules: { module: number; firstAnswers: number; evidence: number }[] };
}

export interface StatsView {
  answered: number;
  correct: number;
  percent: number | null;
  modules: ({ number: number; title: string } & Standing)[];
  domains: ({ domain: Domain; title: string } & Standing)[];
  topics: ({ module: number; topic: string; title: string } & Standing)[];
  exams: (ExamRecord & { full: boolean })[];
  readiness: Readiness;
  sources: { document: string; misses: number }[];
  cards: CardForecast | null;
  next: string | null;
  /** One plain line: where study pays most. */
  advice: string | null;
  /** Percent right per confidence mark and a Brier score; null until an answer is marked a guess. */
  calibration: Calibration | null;
  /** --since, and the answers whatever their date; --module (empty: all), and the answers in every module: an empty filter says so. */
  since: string | null;
  answeredEver: number;
  onlyModules: number[];
  answeredInAllModules: number;
}

const RECENT_WEEKS = 2;
/** A row is weak when its estimated (or, without first answers, its plain) percent right is under the pass mark. */
export const WEAK_BELOW = 70;
/** …and it rests on at least this many answers. */
export const MIN_WEAK_ANSWERS = 5;
/** A full mock exam; shorter exams are charted as quizzes. */
export const FULL_EXAM_ITEMS = 100;
const EXAM_ITEMS = 100;

/** Answered, percent right with its Wilson interval, trend, and weak by the plain percent (first answers refine it in buildStatsView). */
export function standing(rows: TopicBucket[], average: number | null): Standing {
  void average;
  const answered = sum(rows, 'answered');
  const correct = sum(rows, 'correct');
  const recent = rows.filter((r) => r.weeksAgo < RECENT_WEEKS);
  const older = rows.filter((r) => r.weeksAgo >= RECENT_WEEKS);
  const rate = (xs: TopicBucket[]) => sum(xs, 'correct') / sum(xs, 'answered');
  const trend = sum(recent, 'answered') >= 5 && sum(older, 'answered') >= 5 ? 100 * (rate(recent) - rate(older)) : null;
  const none = { firstAnswers: 0, estimate: null, examItems: 0, pointsLost: 0 };
  if (answered === 0) return { answered, correct, percent: null, low: null, high: null, weak: false, trend: null, ...none };
  const [low, high] = wilsonInterval(correct, answered);
  const percent = (100 * correct) / answered;
  return { answered, correct, percent, low: 100 * low, high: 100 * high, weak: answered >= MIN_WEAK_ANSWERS && percent < WEAK_BELOW, trend, ...none };
}

export interface StatsInput extends Partial<Pick<StatsView, 'since' | 'answeredEver' | 'onlyModules' | 'answeredInAllModules'>> {
  buckets: TopicBucket[];
  exams: ExamRecord[];
  modules: Module[];
  sources?: { document: string; misses: number }[];
  cards?: CardForecast | null;
  /** Each item's first answer (see first-exposure.ts); without it, readiness has no data. */
  firstAnswers?: FirstAnswer[];
  /** The same already summed by group (the store sums them in SQL); used instead of `firstAnswers` when given. */
  firstAnswerTotals?: FirstAnswerTotal[];
  formsTaken?: number[];
  formsUnused?: number[];
  exam?: { date: string; daysAway: number } | null;
}

/** The stats report as data; the renderer draws it and `--json` prints it. */
export function buildStatsView(input: StatsInput): StatsView {
  const { buckets, modules } = input;
  const first = input.firstAnswerTotals ?? totalFirstAnswers(input.firstAnswers ?? []);
  const answered = sum(buckets, 'answered');
  const correct = sum(buckets, 'correct');
  const average = answered > 0 ? correct / answered : null;
  const overall = overallAccuracy(first) ?? average ?? 0.5;
  const totalWeight = modules.reduce((s, m) => s + m.weight, 0) || 1;
  const moduleItems = (m: Module) => (EXAM_ITEMS * m.weight) / totalWeight;
  const topicItems = (m: Module) => moduleItems(m) / Math.max(1, Object.keys(m.topics).length);

  const judged = (base: Standing, groups: FirstAnswerTotal[], items: number): Standing => {
    const acc = shrunkAccuracy(groups, overall);
    const estimate = acc === null ? null : 100 * acc;
    const count = groups.reduce((s, g) => s + g.count, 0);
    const weak = estimate !== null && count >= MIN_WEAK_ANSWERS ? estimate < WEAK_BELOW : base.weak;
    const known = acc ?? (base.percent === null ? overall : base.percent / 100);
    return { ...base, firstAnswers: count, estimate, weak, examItems: items, pointsLost: items * (1 - known) };
  };

  // Grouped once: the first answers' groups run to hundreds, and so do the rows' topics.
  const firstBy = new Map<string, FirstAnswerTotal[]>();
  const add = (key: string, a: FirstAnswerTotal) => {
    const list = firstBy.get(key);
    if (list) list.push(a);
    else firstBy.set(key, [a]);
  };
  for (const a of first) {
    add(`m${a.module}`, a);
    if (a.domain) add(`d${a.domain}`, a);
    if (a.topic) add(`t${a.module}/${a.topic}`, a);
  }
  const firstOf = (key: string) => firstBy.get(key) ?? [];
  const bucketsBy = new Map<string, TopicBucket[]>();
  for (const b of buckets) {
    for (const key of [`m${b.module}`, `d${b.domain}`, `t${b.module}/${b.topic}`]) {
      const list = bucketsBy.get(key);
      if (list) list.push(b);
      else bucketsBy.set(key, [b]);
    }
  }
  const bucketsOf = (key: string) => bucketsBy.get(key) ?? [];

  const moduleRows = modules
    .map((m) => ({
      number: m.number,
      title: m.title,
      ...judged(standing(bucketsOf(`m${m.number}`), average), firstOf(`m${m.number}`), moduleItems(m)),
    }))
    .sort(mostPointsLost);
  const domainItems = (d: Domain) =>
    modules.reduce((s, m) => s + Object.values(m.topics).filter((t) => t.domain === d).length * topicItems(m), 0);
  const domainRows = DOMAINS.map((domain) => ({
    domain,
    title: DOMAIN_TITLES[domain],
    ...judged(standing(bucketsOf(`d${domain}`), average), firstOf(`d${domain}`), domainItems(domain)),
  })).sort(mostPointsLost);
  const topicKeys = [...new Set(buckets.map((b) => `${b.module}/${b.topic}`))];
  const topicRows = topicKeys
    .map((key) => {
      const rows = bucketsOf(`t${key}`);
      const { module, topic } = rows[0]!;
      const m = modules.find((x) => x.number === module);
      const answers = firstOf(`t${key}`);
      return { module, topic, title: m?.topics[topic]?.title ?? topic, ...judged(standing(rows, average), answers, m ? topicItems(m) : 0) };
    })
    .sort(mostPointsLost);

  const estimate = estimateFromTotals(first, modules, {
    formTaken: (input.formsTaken ?? []).length > 0,
    daysToExam: input.exam?.daysAway ?? null,
    examDate: input.exam?.date ?? null,
  });
  return {
    answered,
    correct,
    percent: average === null ? null : 100 * average,
    modules: moduleRows,
    domains: domainRows,
    topics: topicRows,
    exams: input.exams.map((e) => ({ ...e, full: e.total >= FULL_EXAM_ITEMS })),
    readiness: readinessView(estimate, input.formsTaken ?? [], input.formsUnused ?? []),
    sources: input.sources ?? [],
    cards: input.cards ?? null,
    next: null,
    advice: adviceLine(moduleRows),
    calibration: calibrationOfTotals(first),
    since: input.since ?? null,
    answeredEver: input.answeredEver ?? answered,
    onlyModules: input.onlyModules ?? [],
    answeredInAllModules: input.answeredInAllModules ?? input.answeredEver ?? answered,
  };
}

export const READINESS_METHOD = `first answers only (one per item: a re-answered item measures memory of its key, not the exam), ${DEFAULT_MODEL.guessCredit === 1 ? 'a right guess counting as right (as the exam counts it; guesses land right on the exam as often)' : `a right guess counting ${DEFAULT_MODEL.guessCredit}`}; recency-weighted (half-life ${DEFAULT_MODEL.halfLifeWeeks} weeks) per-module accuracy shrunk toward your overall first-answer accuracy; variance widened for ability drift since the answers; beta-binomial per module over the blueprint, normal approximation`;

function readinessView(r: FirstExposureReadiness, formsTaken: number[], formsUnused: number[]): Readiness {
  return {
    enoughData: r.enoughData,
    expected: r.today?.expected ?? null,
    low: r.today?.low ?? null,
    high: r.today?.high ?? null,
    passProbability: r.today?.passProbability ?? null,
    moreNeeded: r.thin.reduce((s, x) => s + x.more, 0),
    thinModules: r.thin.map((x) => x.module),
    method: READINESS_METHOD,
    atExam: r.atExam,
    basis: {
      firstAnswers: r.firstAnswers,
      formAnswers: r.formAnswers,
      formsTaken,
      formsUnused,
      modules: r.modules.map((m) => ({ module: m.module, firstAnswers: m.answers, evidence: m.evidence })),
    },
  };
}

/** "Study module 7 next: it costs you about 4 points." — the module with the most exam points lost. */
export function adviceLine(rows: ({ number: number; title: string } & Standing)[]): string | null {
  if (!rows.some((r) => r.answered > 0)) return null;
  const top = [...rows].sort(mostPointsLost)[0]!;
  const points = Math.max(1, Math.round(top.pointsLost));
  const cost = `about ${points} point${points === 1 ? '' : 's'} of ${Math.round(top.examItems)}`;
  return top.answered === 0
    ? `Start module ${top.number} (${top.title}) next: you have not answered it yet, and it likely costs you ${cost}.`
    : `Study module ${top.number} (${top.title}) next: it costs you ${cost} on the exam.`;
}

/** Most exam points lost first (blueprint weight × (1 − estimated accuracy)); ties: lower percent, then more answers. */
export function mostPointsLost(a: Standing, b: Standing): number {
  return b.pointsLost - a.pointsLost || (a.percent ?? 101) - (b.percent ?? 101) || b.answered - a.answered;
}

/** Misses summed by the documents the missed items cite (each item counting once per document), most first. */
export function missesBySource(misses: { itemId: string; count: number }[], documentsOf: (itemId: string) => string[] | undefined): { document: string; misses: number }[] {
  const totals = new Map<string, number>();
  // Plain loops: thousands of missed items, in code that runs once.
  for (let i = 0; i < misses.length; i++) {
    const m = misses[i]!;
    const docs = documentsOf(m.itemId);
    if (!docs) continue;
    for (let k = 0; k < docs.length; k++) totals.set(docs[k]!, (totals.get(docs[k]!) ?? 0) + m.count);
  }
  return rankSources(totals);
}

/** Misses per document (as BankOutline.sumByDocument sums them), most first; ties by name. */
export function rankSources(totals: ReadonlyMap<string, number>): { document: string; misses: number }[] {
  return [...totals.entries()].map(([document, misses]) => ({ document, misses })).sort((a, b) => b.misses - a.misses || a.document.localeCompare(b.document));
}

function sum<K extends 'answered' | 'correct'>(rows: { [key in K]: number }[], key: K): number {
  return rows.reduce((s, r) => s + r[key], 0);
}
