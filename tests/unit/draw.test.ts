import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, pickByBlueprint, withChoiceOrders, type DrawSource } from '../../src/exam/draw.js';
import type { Module } from '../../src/bank/schema.js';
import type { BankQuestion } from '../../src/bank/types.js';
import { seededRng, type Rng } from '../../src/exam/rng.js';
import { syntheticBank } from '../helpers/bank.js';

interface Sample {
  questions: BankQuestion[];
  modules: Module[];
  count: number;
  onlyModules: number[];
  history: Map<string, boolean>;
  rng: Rng;
  /** Another source than the questions' own (a damaged one). */
  source?: DrawSource;
}

/** The exam's draw: pick by blueprint, then each item's choice order from the same rng; and which ids were looked up. */
function sampleByBlueprint({ questions, modules, count, onlyModules, history, rng, source }: Sample) {
  const lookedUp: string[] = [];
  const { picked, shortfall } = pickByBlueprint({
    source: source ?? sourceOf(questions, modules),
    count,
    onlyModules,
    lastAnswers: (ids) => (lookedUp.push(...ids), ids.map((id) => history.get(id))),
    rng,
  });
  return { items: withChoiceOrders(picked.map((p) => questions[p]!), rng), shortfall, lookedUp };
}

function sourceOf(questions: BankQuestion[], modules: Module[]): DrawSource {
  return {
    modules,
    positionsOf: (module) => questions.flatMap((q, p) => (q.module === module ? [p] : [])),
    idAt: (p) => questions[p]?.id,
    moduleAt: (p) => questions[p]?.module,
  };
}

describe('blueprint draw', () => {
  it('splits a 100-item exam over modules in proportion to their weights', () => {
    const { modules, questions } = syntheticBank([50, 50, 50, 50], [40, 30, 20, 10]);
    const { items, shortfall } = sampleByBlueprint({ questions, modules, count: 100, onlyModules: [], history: new Map(), rng: seededRng('x') });
    const perModule = [1, 2, 3, 4].map((m) => items.filter((i) => i.question.module === m).length);
    expect(perModule).toEqual([40, 30, 20, 10]);
    expect(shortfall).toBe(0);
  });

  it('never repeats an item and always hands out exactly the count when the bank has enough', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 9 }), fc.integer({ min: 1, max: 120 }), fc.string(), (sizes, count, seed) => {
        const { modules, questions } = syntheticBank(sizes);
        const { items, shortfall } = sampleByBlueprint({ questions, modules, count, onlyModules: [], history: new Map(), rng: seededRng(seed) });
        const ids = items.map((i) => i.question.id);
        expect(new Set(ids).size).toBe(ids.length);
        const total = sizes.reduce((a, b) => a + b, 0);
        expect(items.length).toBe(Math.min(count, total));
        expect(shortfall).toBe(Math.max(0, count - total));
      }),
    );
  });

  it('gives what a small module cannot take to the others', () => {
    const quotas = allocate(
      [
        { key: 1, weight: 50, available: 3 },
        { key: 2, weight: 25, available: 100 },
        { key: 3, weight: 25, available: 100 },
      ],
      20,
    );
    expect([...quotas.values()]).toEqual([3, 9, 8]);
  });

  it('draws the same exam in the same order for the same seed, and another for another seed', () => {
    const { modules, questions } = syntheticBank([30, 30]);
    const draw = (seed: string) =>
      sampleByBlueprint({ questions, modules, count: 10, onlyModules: [], history: new Map(), rng: seededRng(seed) }).items.map((i) => `${i.question.id}:${i.choiceOrder.join('')}`);
    expect(draw('a')).toEqual(draw('a'));
    expect(draw('a')).not.toEqual(draw('b'));
  });

  it('prefers unseen items, then items last answered wrong, over items already answered right', () => {
    const { modules, questions } = syntheticBank([6]);
    const history = new Map([
      ['m1-t-001', true],
      ['m1-t-002', true],
      ['m1-t-003', false],
      ['m1-t-004', true],
    ]);
    const { items } = sampleByBlueprint({ questions, modules, count: 3, onlyModules: [], history, rng: seededRng('s') });
    expect(items.map((i) => i.question.id).sort()).toEqual(['m1-t-003', 'm1-t-005', 'm1-t-006']);
  });

  it('draws only from the modules asked for', () => {
    const { modules, questions } = syntheticBank([10, 10, 10]);
    const { items } = sampleByBlueprint({ questions, modules, count: 8, onlyModules: [2], history: new Map(), rng: seededRng('m') });
    expect(items.every((i) => i.question.module === 2)).toBe(true);
    expect(items).toHaveLength(8);
  });

  it('keeps the written choice order when shuffle is false and shuffles it otherwise', () => {
    const { modules, questions } = syntheticBank([40]);
    questions[0] = { ...questions[0]!, shuffle: false };
    const { items } = sampleByBlueprint({ questions, modules, count: 40, onlyModules: [], history: new Map(), rng: seededRng('c') });
    expect(items.find((i) => i.question.id === 'm1-t-001')!.choiceOrder).toEqual(['A', 'B', 'C', 'D']);
    expect(items.filter((i) => i.choiceOrder.join('') !== 'ABCD').length).toBeGreaterThan(30);
  });

  it('gives every item of a tier the same chance, first and last alike', () => {
    const { modules, questions } = syntheticBank([10]);
    const picks = new Map<string, number>();
    for (let seed = 0; seed < 3000; seed++) {
      for (const i of sampleByBlueprint({ questions, modules, count: 3, onlyModules: [], history: new Map(), rng: seededRng(String(seed)) }).items) {
        picks.set(i.question.id, (picks.get(i.question.id) ?? 0) + 1);
      }
    }
    // 900 expected each; the bounds are about five standard deviations wide.
    expect(picks.size).toBe(10);
    for (const count of picks.values()) expect(count).toBeGreaterThan(780);
    for (const count of picks.values()) expect(count).toBeLessThan(1020);
  });

  it('finds the few unseen items of a module seen almost whole, then the ones last answered wrong', () => {
    const { modules, questions } = syntheticBank([200]);
    const unseen = ['m1-t-007', 'm1-t-061', 'm1-t-118', 'm1-t-150', 'm1-t-199'];
    const wrong = ['m1-t-002', 'm1-t-100', 'm1-t-200'];
    const history = new Map(questions.filter((q) => !unseen.includes(q.id)).map((q) => [q.id, !wrong.includes(q.id)]));
    for (const seed of ['a', 'b', 'c']) {
      const five = sampleByBlueprint({ questions, modules, count: 5, onlyModules: [], history, rng: seededRng(seed) });
      expect(five.items.map((i) => i.question.id).sort()).toEqual(unseen);
      const eight = sampleByBlueprint({ questions, modules, count: 8, onlyModules: [], history, rng: seededRng(seed) });
      expect(eight.items.map((i) => i.question.id).sort()).toEqual([...unseen, ...wrong].sort());
    }
  });

  it('looks up only part of a large module that is mostly unseen', () => {
    const { modules, questions } = syntheticBank([1000]);
    const history = new Map(questions.slice(0, 100).map((q) => [q.id, true]));
    const { items, lookedUp } = sampleByBlueprint({ questions, modules, count: 10, onlyModules: [], history, rng: seededRng('x') });
    expect(items.every((i) => !history.has(i.question.id))).toBe(true);
    expect(lookedUp.length).toBeLessThan(100);
  });

  it('never draws a position a damaged source lists twice or under another module', () => {
    const { modules, questions } = syntheticBank([5, 5]);
    const honest = sourceOf(questions, modules);
    // Module 1 lists its own five, one of them again, and two of module 2's.
    const source: DrawSource = { ...honest, positionsOf: (m) => (m === 1 ? [0, 1, 2, 3, 4, 2, 5, 6] : honest.positionsOf(m)) };
    for (let seed = 0; seed < 50; seed++) {
      const { items } = sampleByBlueprint({ questions, modules, count: 10, onlyModules: [1], history: new Map(), rng: seededRng(String(seed)), source });
      expect(items.map((i) => i.question.id).sort()).toEqual(['m1-t-001', 'm1-t-002', 'm1-t-003', 'm1-t-004', 'm1-t-005']);
    }
  });
});
