import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, pickByBlueprint, withChoiceOrders, type DrawRequest } from '../../src/exam/draw.js';
import type { BankQuestion } from '../../src/bank/types.js';
import { seededRng } from '../../src/exam/rng.js';
import { syntheticBank } from '../helpers/bank.js';

/** The exam's draw: pick by blueprint, then each item's choice order from the same rng. */
function sampleByBlueprint(req: DrawRequest<BankQuestion>) {
  const { picked, shortfall } = pickByBlueprint(req);
  return { items: withChoiceOrders(picked, req.rng), shortfall };
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
});
