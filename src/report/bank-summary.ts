import type { Bank, BankIssue } from '../bank/types.js';

/** What `mrso bank check` reports: counts per module, type, topic and domain, and every finding. */
export interface BankSummary {
  dir: string;
  questions: number;
  cards: number;
  errors: number;
  warnings: number;
  byModule: { module: number; title: string; questions: number; cards: number; byType: Record<string, number>; byTopic: Record<string, number> }[];
  byDomain: Record<string, number>;
  issues: BankIssue[];
}

export function summariseBank(dir: string, bank: Bank, issues: BankIssue[]): BankSummary {
  const byDomain: Record<string, number> = {};
  for (const q of bank.questions) byDomain[q.domain] = (byDomain[q.domain] ?? 0) + 1;
  return {
    dir,
    questions: bank.questions.length,
    cards: bank.cards.length,
    errors: issues.filter((i) => i.severity === 'error').length,
    warnings: issues.filter((i) => i.severity === 'warning').length,
    byModule: bank.modules.map((m) => {
      const qs = bank.questions.filter((q) => q.module === m.number);
      const byType: Record<string, number> = { single: 0, truefalse: 0, multi: 0, numeric: 0 };
      const byTopic: Record<string, number> = Object.fromEntries(Object.keys(m.topics).map((t) => [t, 0]));
      for (const q of qs) {
        byType[q.type] = (byType[q.type] ?? 0) + 1;
        byTopic[q.topic] = (byTopic[q.topic] ?? 0) + 1;
      }
      return { module: m.number, title: m.title, questions: qs.length, cards: bank.cards.filter((c) => c.module === m.number).length, byType, byTopic };
    }),
    byDomain,
    issues,
  };
}
