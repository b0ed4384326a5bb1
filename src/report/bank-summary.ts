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

/** A count keyed by bank text: no prototype, so a topic named "constructor" is counted, not looked up on Object. */
function tally(keys: readonly string[] = []): Record<string, number> {
  const counts = Object.create(null) as Record<string, number>;
  for (const key of keys) counts[key] = 0;
  return counts;
}

const add = (counts: Record<string, number>, key: string) => (counts[key] = (counts[key] ?? 0) + 1);

export function summariseBank(dir: string, bank: Bank, issues: BankIssue[]): BankSummary {
  const byDomain = tally();
  for (const q of bank.questions) add(byDomain, q.domain);
  return {
    dir,
    questions: bank.questions.length,
    cards: bank.cards.length,
    errors: issues.filter((i) => i.severity === 'error').length,
    warnings: issues.filter((i) => i.severity === 'warning').length,
    byModule: bank.modules.map((m) => {
      const qs = bank.questions.filter((q) => q.module === m.number);
      const byType = tally(['single', 'truefalse', 'multi', 'numeric']);
      const byTopic = tally(Object.keys(m.topics));
      for (const q of qs) {
        add(byType, q.type);
        add(byTopic, q.topic);
      }
      return { module: m.number, title: m.title, questions: qs.length, cards: bank.cards.filter((c) => c.module === m.number).length, byType, byTopic };
    }),
    byDomain,
    issues,
  };
}
