import type { Module } from '../bank/schema.js';
import type { BankQuestion } from '../bank/types.js';
import { shuffled, type Rng } from './rng.js';

export interface DrawnItem {
  question: BankQuestion;
  /** The item's own letters in the order shown (empty for true/false). */
  choiceOrder: string[];
}

export interface ItemHistory {
  seen: number;
  lastCorrect: boolean;
}

export interface DrawRequest {
  questions: BankQuestion[];
  modules: Module[];
  count: number;
  /** Restrict to these modules; empty means all, by blueprint weight. */
  onlyModules: number[];
  history: Map<string, ItemHistory>;
  rng: Rng;
}

/**
 * Draw an exam: module quotas from the blueprint weights (largest remainder),
 * within a module unseen items first, then items last answered wrong, then
 * the rest; no item twice. Fewer items than asked is not an error: the
 * caller reports `shortfall`.
 */
export function sampleByBlueprint(req: DrawRequest): { items: DrawnItem[]; shortfall: number } {
  const modules = req.modules.filter((m) => req.onlyModules.length === 0 || req.onlyModules.includes(m.number));
  const pools = new Map<number, BankQuestion[]>();
  for (const m of modules) {
    pools.set(m.number, prioritised(req.questions.filter((q) => q.module === m.number), req.history, req.rng));
  }
  const quotas = allocate(
    modules.map((m) => ({ key: m.number, weight: m.weight, available: pools.get(m.number)!.length })),
    req.count,
  );
  const picked: BankQuestion[] = [];
  for (const [module, quota] of quotas) picked.push(...pools.get(module)!.slice(0, quota));
  const items = shuffled(picked, req.rng).map((question) => ({ question, choiceOrder: choiceOrderFor(question, req.rng) }));
  return { items, shortfall: Math.max(0, req.count - items.length) };
}

function prioritised(questions: BankQuestion[], history: Map<string, ItemHistory>, rng: Rng): BankQuestion[] {
  const tier = (q: BankQuestion): number => {
    const h = history.get(q.id);
    if (!h) return 0;
    return h.lastCorrect ? 2 : 1;
  };
  const tiers: BankQuestion[][] = [[], [], []];
  for (const q of shuffled(questions, rng)) tiers[tier(q)]!.push(q);
  return tiers.flat();
}

/**
 * Split `count` over weighted groups by the largest-remainder method, never
 * giving a group more than it has; what a small group cannot take goes to
 * the others in proportion to their weights.
 */
export function allocate(groups: { key: number; weight: number; available: number }[], count: number): Map<number, number> {
  const result = new Map(groups.map((g) => [g.key, 0]));
  let remaining = Math.min(count, groups.reduce((s, g) => s + g.available, 0));
  let open = groups.filter((g) => g.available > 0 && g.weight > 0);
  if (open.length === 0) open = groups.filter((g) => g.available > 0);
  while (remaining > 0 && open.length > 0) {
    const weight = open.reduce((s, g) => s + (g.weight || 1), 0);
    const shares = open.map((g) => {
      const exact = (remaining * (g.weight || 1)) / weight;
      return { g, whole: Math.floor(exact), rest: exact - Math.floor(exact) };
    });
    let handed = shares.reduce((s, x) => s + x.whole, 0);
    for (const x of [...shares].sort((a, b) => b.rest - a.rest || a.g.key - b.g.key)) {
      if (handed >= remaining) break;
      x.whole++;
      handed++;
    }
    for (const x of shares) {
      const room = x.g.available - result.get(x.g.key)!;
      const give = Math.min(room, x.whole);
      result.set(x.g.key, result.get(x.g.key)! + give);
      remaining -= give;
    }
    open = open.filter((g) => result.get(g.key)! < g.available);
  }
  return result;
}

export function choiceOrderFor(q: BankQuestion, rng: Rng): string[] {
  if (q.type === 'truefalse') return [];
  const letters = q.choices.map((_, i) => String.fromCharCode(65 + i));
  return q.shuffle ? shuffled(letters, rng) : letters;
}
