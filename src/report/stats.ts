import { DOMAINS, DOMAIN_TITLES, type Domain } from '../bank/domains.js';
import type { Module } from '../bank/schema.js';
import { estimateReadiness, type Readiness } from './readiness.js';
import { wilsonInterval } from './wilson.js';

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
}

export interface CardForecast {
  total: number;
  seen: number;
  dueToday: number;
  dueThisWeek: number;
}

export interface StatsView {
  answered: number;
  correct: number;
  percent: number | null;
  modules: ({ number: number; title: string } & Standing)[];
  domains: ({ domain: Domain; title: string } & Standing)[];
  topics: ({ module: number; topic: string; title: string } & Standing)[];
  exams: ExamRecord[];
  readiness: Readiness;
  sources: { document: string; misses: number }[];
  cards: CardForecast | null;
  next: string | null;
}

const RECENT_WEEKS = 2;

/** Weak when even the optimistic bound misses the pass mark, or (with 5+ answers) trails the learner's own average. */
export function standing(rows: TopicBucket[], average: number | null): Standing {
  const answered = sum(rows, 'answered');
  const correct = sum(rows, 'correct');
  const recent = rows.filter((r) => r.weeksAgo < RECENT_WEEKS);
  const older = rows.filter((r) => r.weeksAgo >= RECENT_WEEKS);
  const rate = (xs: TopicBucket[]) => sum(xs, 'correct') / sum(xs, 'answered');
  const trend = sum(recent, 'answered') >= 5 && sum(older, 'answered') >= 5 ? 100 * (rate(recent) - rate(older)) : null;
  if (answered === 0) return { answered, correct, percent: null, low: null, high: null, weak: false, trend: null };
  const [low, high] = wilsonInterval(correct, answered);
  const weak = high < 0.7 || (average !== null && answered >= 5 && high < average);
  return { answered, correct, percent: (100 * correct) / answered, low: 100 * low, high: 100 * high, weak, trend };
}

export interface StatsInput {
  buckets: TopicBucket[];
  exams: ExamRecord[];
  modules: Module[];
  sources?: { document: string; misses: number }[];
  cards?: CardForecast | null;
}

/** The stats report as data; the renderer draws it and `--json` prints it. */
export function buildStatsView(input: StatsInput): StatsView {
  const { buckets, modules } = input;
  const answered = sum(buckets, 'answered');
  const correct = sum(buckets, 'correct');
  const average = answered > 0 ? correct / answered : null;

  const moduleRows = modules
    .map((m) => ({ number: m.number, title: m.title, ...standing(buckets.filter((b) => b.module === m.number), average) }))
    .sort(weakestFirst);
  const domainRows = DOMAINS.map((domain) => ({ domain, title: DOMAIN_TITLES[domain], ...standing(buckets.filter((b) => b.domain === domain), average) })).sort(weakestFirst);
  const topicKeys = [...new Set(buckets.map((b) => `${b.module}/${b.topic}`))];
  const topicRows = topicKeys
    .map((key) => {
      const rows = buckets.filter((b) => `${b.module}/${b.topic}` === key);
      const { module, topic } = rows[0]!;
      return { module, topic, title: modules.find((m) => m.number === module)?.topics[topic]?.title ?? topic, ...standing(rows, average) };
    })
    .sort(weakestFirst);

  const weakestModule = moduleRows.find((m) => m.answered > 0);
  return {
    answered,
    correct,
    percent: average === null ? null : 100 * average,
    modules: moduleRows,
    domains: domainRows,
    topics: topicRows,
    exams: input.exams,
    readiness: estimateReadiness(
      buckets.map((b) => ({ module: b.module, weeksAgo: b.weeksAgo, answered: b.answered, correct: b.correct })),
      modules,
    ),
    sources: input.sources ?? [],
    cards: input.cards ?? null,
    next: weakestModule ? `mrso exam --mode practice --module ${weakestModule.number} --count 20` : null,
  };
}

/** Weakest first: lowest optimistic bound, then lowest percent, then most evidence; unanswered last. */
export function weakestFirst(a: Standing, b: Standing): number {
  return (a.high ?? 101) - (b.high ?? 101) || (a.percent ?? 101) - (b.percent ?? 101) || b.answered - a.answered;
}

/** Misses summed by the documents the missed items cite (each item counting once per document), most first. */
export function missesBySource(misses: { itemId: string; count: number }[], documentsOf: (itemId: string) => string[] | undefined): { document: string; misses: number }[] {
  const totals = new Map<string, number>();
  for (const m of misses) {
    for (const doc of documentsOf(m.itemId) ?? []) totals.set(doc, (totals.get(doc) ?? 0) + m.count);
  }
  return [...totals.entries()].map(([document, misses]) => ({ document, misses })).sort((a, b) => b.misses - a.misses || a.document.localeCompare(b.document));
}

function sum<K extends 'answered' | 'correct'>(rows: { [key in K]: number }[], key: K): number {
  return rows.reduce((s, r) => s + r[key], 0);
}
