import { DOMAINS, DOMAIN_TITLES, type Domain, type Module } from '../bank/schema.js';
import { wilsonInterval } from './wilson.js';

export interface TopicTally {
  module: number;
  topic: string;
  domain: string;
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
}

export interface StatsView {
  answered: number;
  correct: number;
  percent: number | null;
  modules: ({ number: number; title: string } & Standing)[];
  domains: ({ domain: Domain; title: string } & Standing)[];
  weakestTopics: ({ module: number; topic: string; title: string } & Standing)[];
  exams: ExamRecord[];
  next: string | null;
}

/** A proportion is weak when even its optimistic bound misses the pass mark, or it clearly trails the learner's own average. */
export function standing(correct: number, answered: number, average: number | null): Standing {
  if (answered === 0) return { answered, correct, percent: null, low: null, high: null, weak: false };
  const [low, high] = wilsonInterval(correct, answered);
  const weak = high < 0.7 || (average !== null && answered >= 5 && high < average);
  return { answered, correct, percent: (100 * correct) / answered, low: 100 * low, high: 100 * high, weak };
}

/** Turn answer tallies into the stats screen's view; `--json` prints this object. */
export function buildStatsView(tallies: TopicTally[], exams: ExamRecord[], modules: Module[]): StatsView {
  const answered = sum(tallies, 'answered');
  const correct = sum(tallies, 'correct');
  const average = answered > 0 ? correct / answered : null;

  const moduleRows = modules.map((m) => {
    const rows = tallies.filter((t) => t.module === m.number);
    return { number: m.number, title: m.title, ...standing(sum(rows, 'correct'), sum(rows, 'answered'), average) };
  });
  const domainRows = DOMAINS.map((domain) => {
    const rows = tallies.filter((t) => t.domain === domain);
    return { domain, title: DOMAIN_TITLES[domain], ...standing(sum(rows, 'correct'), sum(rows, 'answered'), average) };
  });
  const topicRows = tallies
    .filter((t) => t.answered > 0)
    .map((t) => ({
      module: t.module,
      topic: t.topic,
      title: modules.find((m) => m.number === t.module)?.topics[t.topic]?.title ?? t.topic,
      ...standing(t.correct, t.answered, average),
    }))
    .sort(weakestFirst);

  const weakestModule = moduleRows.filter((m) => m.answered > 0).sort(weakestFirst)[0];
  return {
    answered,
    correct,
    percent: average === null ? null : 100 * average,
    modules: moduleRows,
    domains: domainRows,
    weakestTopics: topicRows.slice(0, 5),
    exams,
    next: weakestModule ? `mrso exam --mode practice --module ${weakestModule.number} --count 20` : null,
  };
}

/** Weakest first: lowest optimistic bound, then lowest percent, then most evidence. */
export function weakestFirst(a: Standing, b: Standing): number {
  return (a.high ?? 101) - (b.high ?? 101) || (a.percent ?? 101) - (b.percent ?? 101) || b.answered - a.answered;
}

function sum<K extends 'answered' | 'correct'>(rows: { [key in K]: number }[], key: K): number {
  return rows.reduce((s, r) => s + r[key], 0);
}
