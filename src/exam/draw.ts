import type { Module } from '../bank/schema.js';
import type { BankQuestion } from '../bank/types.js';
import { shuffled, type Rng } from './rng.js';

export interface DrawnItem {
  question: BankQuestion;
  /** The item's own letters in the order shown (empty for true/false). */
  choiceOrder: string[];
}

/** For each id, whether its last answer was right; undefined for an item never answered. */
export type LastAnswersOf = (ids: readonly string[]) => (boolean | undefined)[];

/** What the draw needs of the bank: each module's questions by position (bank order), and what is at a position. */
export interface DrawSource {
  modules: Module[];
  positionsOf(module: number): readonly number[];
  idAt(position: number): string | undefined;
  moduleAt(position: number): number | undefined;
}

export interface DrawRequest {
  source: DrawSource;
  count: number;
  /** Restrict to these modules; empty means all, by blueprint weight. */
  onlyModules: number[];
  /** Asked a batch of ids at a time, as the draw goes: most of a large bank is never looked up. */
  lastAnswers: LastAnswersOf;
  rng: Rng;
}

/** Questions as drawn: each with the order its choices are shown in, drawn from the same rng in turn. */
export function withChoiceOrders(questions: readonly BankQuestion[], rng: Rng): DrawnItem[] {
  return questions.map((question) => ({ question, choiceOrder: choiceOrderFor(question, rng) }));
}

/**
 * Pick an exam's questions (their positions), in the order shown: module
 * quotas from the blueprint weights (largest remainder), within a module
 * unseen items first, then items last answered wrong, then the rest, at
 * random within each; no item twice. Fewer items than asked is not an error:
 * the caller reports `shortfall`. Only ids and modules are read, so a bank
 * can be drawn from before its questions are parsed.
 */
export function pickByBlueprint(req: DrawRequest): { picked: number[]; shortfall: number } {
  const { source } = req;
  const modules = source.modules.filter((m) => req.onlyModules.length === 0 || req.onlyModules.includes(m.number));
  const quotas = allocate(
    modules.map((m) => ({ key: m.number, weight: m.weight, available: source.positionsOf(m.number).length })),
    req.count,
  );
  const picked: number[] = [];
  for (const [module, quota] of quotas) if (quota > 0) picked.push(...pickInModule(req, module, quota));
  return { picked: shuffled(picked, req.rng), shortfall: Math.max(0, req.count - picked.length) };
}

/**
 * `quota` of a module's items, by tier (unseen, last wrong, last right) and at
 * random within each. The items are visited in random order (a Fisher–Yates
 * shuffle taken a step at a time) in growing batches, each batch's last
 * answers looked up at once, until `quota` unseen items are found or the
 * module is visited whole. The first unseen items of a random order are a
 * random few of them, so the result is as if every item had been looked up.
 */
function pickInModule(req: DrawRequest, module: number, quota: number): number[] {
  const order = req.source.positionsOf(module).slice();
  const tiers: number[][] = [[], [], []];
  const met = new Set<number>();
  let visited = 0;
  for (let batch = Math.max(16, 2 * quota); visited < order.length && tiers[0]!.length < quota; batch *= 2) {
    const end = Math.min(order.length, visited + batch);
    for (let i = visited; i < end; i++) {
      const j = i + Math.floor(req.rng() * (order.length - i));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    // A position listed twice, or under another module, is a damaged source: skipped, never drawn.
    const positions = order.slice(visited, end).filter((p) => !met.has(p) && met.add(p) && req.source.moduleAt(p) === module);
    const last = req.lastAnswers(positions.map((p) => req.source.idAt(p)!));
    positions.forEach((p, k) => tiers[last[k] === undefined ? 0 : last[k] ? 2 : 1]!.push(p));
    visited = end;
  }
  return tiers.flat().slice(0, quota);
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
  if (q.type === 'truefalse' || q.type === 'numeric') return [];
  const letters = q.choices.map((_, i) => String.fromCharCode(65 + i));
  return q.shuffle ? shuffled(letters, rng) : letters;
}
