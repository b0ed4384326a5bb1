import type { Module } from '../bank/schema.js';
import type { BankQuestion } from '../bank/types.js';
import { shuffled, type Rng } from './rng.js';

export interface DrawnItem {
  question: BankQuestion;
  /** The item's own letters in the order shown (empty for true/false). */
  choiceOrder: string[];
}

/** Whether an item's last answer was right; undefined for an item never answered. */
export interface LastAnswers {
  get(id: string): boolean | undefined;
}

/** What the draw needs of a question. */
export interface Candidate {
  id: string;
  module: number;
}

export interface DrawRequest<Q extends Candidate> {
  questions: readonly Q[];
  modules: Module[];
  count: number;
  /** Restrict to these modules; empty means all, by blueprint weight. */
  onlyModules: number[];
  history: LastAnswers;
  rng: Rng;
}

/** Questions as drawn: each with the order its choices are shown in, drawn from the same rng in turn. */
export function withChoiceOrders(questions: readonly BankQuestion[], rng: Rng): DrawnItem[] {
  return questions.map((question) => ({ question, choiceOrder: choiceOrderFor(question, rng) }));
}

/**
 * Pick an exam's questions, in the order shown: module quotas from the
 * blueprint weights (largest remainder), within a module unseen items first,
 * then items last answered wrong, then the rest, at random within each; no
 * item twice. Fewer items than asked is not an error: the caller reports
 * `shortfall`. Only ids and modules are read, so a bank can be drawn from
 * before its questions are parsed.
 */
export function pickByBlueprint<Q extends Candidate>(req: DrawRequest<Q>): { picked: Q[]; shortfall: number } {
  const modules = req.modules.filter((m) => req.onlyModules.length === 0 || req.onlyModules.includes(m.number));
  const tiers = new Map<number, Q[][]>(modules.map((m) => [m.number, [[], [], []]]));
  for (const q of req.questions) {
    const lastRight = req.history.get(q.id);
    tiers.get(q.module)?.[lastRight === undefined ? 0 : lastRight ? 2 : 1]!.push(q);
  }
  const quotas = allocate(
    modules.map((m) => ({ key: m.number, weight: m.weight, available: tiers.get(m.number)!.reduce((n, tier) => n + tier.length, 0) })),
    req.count,
  );
  const picked: Q[] = [];
  for (const [module, quota] of quotas) {
    let wanted = quota;
    for (const tier of tiers.get(module)!) {
      const take = Math.min(wanted, tier.length);
      picked.push(...randomFew(tier, take, req.rng));
      wanted -= take;
    }
  }
  return { picked: shuffled(picked, req.rng), shortfall: Math.max(0, req.count - picked.length) };
}

/** `count` items at random, in random order: the first steps of a Fisher–Yates shuffle (the array is reordered). */
function randomFew<T>(items: T[], count: number, rng: Rng): T[] {
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rng() * (items.length - i));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items.slice(0, count);
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
