import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { estimateReadiness, normalCdf } from '../../src/report/readiness.js';
import { buildStatsView, missesBySource, standing } from '../../src/report/stats.js';
import { documentsCited } from '../../src/bank/outline.js';
import { reviewSet } from '../../src/report/review-sets.js';
import { analyseItems, pointBiserial } from '../../src/report/item-analysis.js';
import { firstBy } from '../../src/report/item-report.js';
import type { Module } from '../../src/bank/schema.js';

const mod = (number: number, weight: number): Module => ({ number, title: `M${number}`, weight, objectives: ['o'], topics: { t: { title: 'T', domain: 'clinical' } } });

describe('readiness', () => {
  it('matches a hand-computed case: 40 of 50 right in one module', () => {
    const r = estimateReadiness([{ module: 1, weeksAgo: 0, answered: 50, correct: 40 }], [mod(1, 100)]);
    expect(r.enoughData).toBe(true);
    expect(r.expected).toBeCloseTo(80, 6);
    // var = 100·0.8·0.2 + 100·99·(48·12 / (60²·61)) = 41.967; sd = 6.478
    expect(r.low).toBeCloseTo(80 - 1.96 * Math.sqrt(41.967), 2);
    expect(r.high).toBeCloseTo(80 + 1.96 * Math.sqrt(41.967), 2);
    expect(r.passProbability).toBeCloseTo(1 - normalCdf((69.5 - 80) / Math.sqrt(41.967)), 6);
    expect(r.passProbability).toBeCloseTo(0.9475, 3);
  });

  it('weighs recent answers more: a month-old bucket counts half', () => {
    const recentGood = estimateReadiness(
      [
        { module: 1, weeksAgo: 0, answered: 40, correct: 36 },
        { module: 1, weeksAgo: 4, answered: 40, correct: 20 },
      ],
      [mod(1, 100)],
    );
    // Weighted: (36 + 10) / (40 + 20) = 0.767, above the unweighted 0.7.
    expect(recentGood.expected).toBeCloseTo(100 * ((36 + 10) / 60), 6);
  });

  it('says plainly when there is too little data, and how much more is needed where', () => {
    const r = estimateReadiness([{ module: 1, weeksAgo: 0, answered: 30, correct: 20 }, { module: 2, weeksAgo: 0, answered: 3, correct: 3 }], [mod(1, 50), mod(2, 30), mod(3, 20)]);
    expect(r.enoughData).toBe(false);
    expect(r.expected).toBeNull();
    expect(r.thinModules).toEqual([2, 3]);
    expect(r.moreNeeded).toBe(5 + 8);
  });

  it('has a normal CDF accurate to 1e-6 at known points', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
  });
});

describe('standing and the stats view', () => {
  it('marks a topic weak when its percent right is under 70% with 5+ answers, and shows a trend when both sides have 5 answers', () => {
    const s = standing(
      [
        { module: 1, topic: 't', domain: 'clinical', weeksAgo: 0, answered: 10, correct: 8 },
        { module: 1, topic: 't', domain: 'clinical', weeksAgo: 3, answered: 10, correct: 2 },
      ],
      null,
    );
    expect(s.percent).toBe(50);
    expect(s.weak).toBe(true);
    expect(s.trend).toBeCloseTo(60, 6);
    expect(standing([{ module: 1, topic: 't', domain: 'clinical', weeksAgo: 0, answered: 20, correct: 6 }], null).weak).toBe(true);
    // 4 answers are too few to call a topic weak, and 74% is not weak.
    expect(standing([{ module: 1, topic: 't', domain: 'clinical', weeksAgo: 0, answered: 4, correct: 0 }], null).weak).toBe(false);
    expect(standing([{ module: 1, topic: 't', domain: 'clinical', weeksAgo: 0, answered: 50, correct: 37 }], null).weak).toBe(false);
  });

  it('sorts modules and topics by exam points lost', () => {
    const view = buildStatsView({
      buckets: [
        { module: 1, topic: 't', domain: 'clinical', weeksAgo: 0, answered: 20, correct: 18 },
        { module: 2, topic: 't', domain: 'rf-field', weeksAgo: 0, answered: 20, correct: 7 },
      ],
      exams: [],
      modules: [mod(1, 50), mod(2, 50)],
    });
    expect(view.modules.map((m) => m.number)).toEqual([2, 1]);
    expect(view.topics[0]).toMatchObject({ module: 2, weak: true });
  });

  it('sums misses by the cited document, ignoring the section after the dash', () => {
    const refs: Record<string, string[]> = {
      a: ['IEC 60601-2-33:2022 — 201.12', 'ACR Manual on MR Safety (2024)'],
      b: ['IEC 60601-2-33:2022 — 201.8'],
      // Two sections of one document: the item's misses count once for it.
      c: ['ACR Manual on MR Safety (2024) — zones', 'ACR Manual on MR Safety (2024) — screening'],
    };
    expect(missesBySource([{ itemId: 'a', count: 3 }, { itemId: 'b', count: 4 }, { itemId: 'c', count: 2 }, { itemId: 'gone', count: 9 }], (id) => refs[id] && documentsCited(refs[id]))).toEqual([
      { document: 'IEC 60601-2-33:2022', misses: 7 },
      { document: 'ACR Manual on MR Safety (2024)', misses: 5 },
    ]);
  });
});

describe('review sets', () => {
  const e = (itemId: string, day: number, correct: boolean, flagged = false, answered = true) => ({ itemId, answered, correct, flagged, answeredAt: `2026-01-${String(day).padStart(2, '0')}` });

  it('keeps a missed item until it is answered right twice in a row, most recent miss first', () => {
    const trail = [e('a', 1, false), e('a', 2, true), e('a', 3, true), e('b', 2, false), e('b', 4, true), e('c', 5, false), e('c', 6, false)];
    expect(reviewSet(trail, 'missed').map((c) => c.itemId)).toEqual(['c', 'b']);
    expect(reviewSet(trail, 'missed')[0]!.misses).toBe(2);
  });

  it('collects items flagged in exams, answered or not', () => {
    const trail = [e('x', 1, true, true), e('y', 2, false, true, false), e('z', 3, true)];
    expect(reviewSet(trail, 'flagged').map((c) => c.itemId)).toEqual(['y', 'x']);
  });
});

describe('item analysis', () => {
  it('flags an item that attempts scoring higher miss more often, and counts wrong picks', () => {
    const responses = [];
    // 20 attempts of 6 items; attempt a answers easy item i right when a >= 4i, so higher a = stronger.
    for (let a = 0; a < 20; a++) {
      for (let i = 0; i < 5; i++) responses.push({ attemptId: a, itemId: `easy${i}`, choice: a >= i * 4 ? 'A' : 'B', correct: a >= i * 4 });
      // The suspect item: strong attempts get it wrong, weak ones right.
      responses.push({ attemptId: a, itemId: 'suspect', choice: a >= 10 ? 'C' : 'A', correct: a < 10 });
    }
    const analysis = analyseItems(responses);
    const suspect = analysis.find((x) => x.itemId === 'suspect')!;
    expect(suspect.discrimination).toBeLessThan(0);
    expect(suspect.flag).toMatch(/attempts that get it right score lower than those that miss it/);
    expect(suspect.wrongPicks).toEqual([{ choice: 'C', count: 10 }]);
    expect(analysis[0]!.itemId).toBe('suspect');
    expect(analysis.find((x) => x.itemId === 'easy3')!.discrimination).toBeGreaterThan(0);
  });

  it('gives the point-biserial correlation between the answer and the attempt score, worked by hand', () => {
    // Ten attempts of five answers to five items. Attempts 0-4 get only item a right (score 20%); attempts 5-9 get
    // every item but a right (80%). Item a: right at 20% five times, wrong at 80% five times.
    const responses = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      const strong = attempt >= 5;
      for (const item of ['a', 'b', 'c', 'd', 'e']) {
        const correct = item === 'a' ? !strong : strong;
        responses.push({ attemptId: attempt, itemId: item, choice: correct ? 'A' : 'B', correct });
      }
    }
    const byId = new Map(analyseItems(responses).map((x) => [x.itemId, x]));
    // Right answers and scores perfectly opposed: r = -1 for a, +1 for the others (scores 20 and 80, half each).
    expect(byId.get('a')!.discrimination).toBeCloseTo(-1, 12);
    expect(byId.get('b')!.discrimination).toBeCloseTo(1, 12);
    // By the formula: n = 10, Σx = 5, ΣxS = 5 × 20 = 100, ΣS = 500, ΣS² = 5 × 400 + 5 × 6400 = 34000:
    // (10 × 100 - 5 × 500) / √(5 × 5 × (10 × 34000 - 500²)) = -1500 / √(25 × 90000) = -1.
    expect(pointBiserial({ answered: 10, correct: 5, bandRight: 100, bandWrong: 400, bandSquares: 34000 })).toBeCloseTo(-1, 12);
    // Too few answers, or no spread in right and wrong, gives none.
    expect(pointBiserial({ answered: 9, correct: 4, bandRight: 80, bandWrong: 400, bandSquares: 30000 })).toBeNull();
    expect(pointBiserial({ answered: 10, correct: 10, bandRight: 500, bandWrong: 0, bandSquares: 25000 })).toBeNull();
  });
});

describe('item analysis of a select-all item', () => {
  it('reports missed keyed options and wrongly chosen options, never a keyed option as a wrong pick', () => {
    // Key A, B, E (like m6-quench-016): learners who answer "A,B" miss E; "A,B,C,E" wrongly adds C.
    const key = ['A', 'B', 'E'];
    const responses = [
      { attemptId: 1, itemId: 'm6-quench-016', choice: 'A,B', correct: false, key },
      { attemptId: 2, itemId: 'm6-quench-016', choice: 'A,B', correct: false, key },
      { attemptId: 3, itemId: 'm6-quench-016', choice: 'A,B,C,E', correct: false, key },
      { attemptId: 4, itemId: 'm6-quench-016', choice: 'A,B,E', correct: true, key },
    ];
    const [item] = analyseItems(responses, 1);
    expect(item!.wrongPicks).toEqual([{ choice: 'C', count: 1 }]);
    expect(item!.missedOptions).toEqual([{ choice: 'E', count: 2 }]);
    for (const k of key) expect(item!.wrongPicks.map((p) => p.choice)).not.toContain(k);
  });
});

describe('the first items of a report', () => {
  it('are the first of a stable sort, ties in their order, for any list and any count', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ key: fc.integer({ min: 0, max: 5 }), at: fc.nat() })), fc.integer({ min: 0, max: 12 }), (list, limit) => {
        const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
        expect(firstBy(list, byKey, limit)).toEqual([...list].sort(byKey).slice(0, limit));
      }),
      { numRuns: 300 },
    );
  });
});
