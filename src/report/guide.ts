import { DOMAIN_TITLES } from '../bank/domains.js';
import type { Module } from '../bank/schema.js';
import type { Bank } from '../bank/types.js';
import type { Standing, StatsView } from './stats.js';

export interface GuideTopic {
  id: string;
  title: string;
  domain: string;
  questions: number;
  cards: number;
  standing: Standing | null;
}

export interface GuideModule {
  number: number;
  title: string;
  weight: number;
  summary: string | null;
  objectives: string[];
  topics: GuideTopic[];
}

/** The study guide as data: each module's objectives and outline with the learner's standing per topic. */
export function buildGuide(bank: Bank, stats: StatsView | null, only: number[]): GuideModule[] {
  return bank.modules
    .filter((m) => only.length === 0 || only.includes(m.number))
    .map((m: Module) => ({
      number: m.number,
      title: m.title,
      weight: m.weight,
      summary: m.summary ?? null,
      objectives: m.objectives,
      topics: Object.entries(m.topics).map(([id, t]) => {
        const s = stats?.topics.find((x) => x.module === m.number && x.topic === id) ?? null;
        return {
          id,
          title: t.title,
          domain: DOMAIN_TITLES[t.domain],
          questions: bank.questions.filter((q) => q.module === m.number && q.topic === id).length,
          cards: bank.cards.filter((c) => c.module === m.number && c.topic === id).length,
          standing: s,
        };
      }),
    }));
}
