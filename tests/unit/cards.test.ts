import { describe, expect, it } from 'vitest';
import { buildQueue, interleave, newAllowance, planStudy, type StudyRequest } from '../../src/cards/queue.js';
import { UTC_DAYS, dayNumber } from '../../src/days.js';
import { isNew, newMemory, rate, replay, recallAt, type MemoryState } from '../../src/cards/scheduler.js';
import { State } from 'ts-fsrs';
import { ratingForAnswer } from '../../src/cards/from-answers.js';

const DAY = 86_400_000;
const t0 = new Date('2026-03-01T09:00:00Z');
const items = Array.from({ length: 10 }, (_, i) => ({ id: `c${i}`, kind: 'card' as const, module: 1, topic: 't' }));

const base = (over: Partial<StudyRequest>): StudyRequest => ({ items, memory: new Map(), now: t0, days: UTC_DAYS, retention: 0.9, newPerDay: 20, maxPerDay: 200, introducedToday: 0, reviewedToday: 0, ...over });

function reviewed(ratings: (1 | 2 | 3 | 4)[], start = t0, gapMs = DAY): MemoryState {
  let m = newMemory(start);
  ratings.forEach((r, i) => (m = rate(m, r, new Date(start.getTime() + i * gapMs), 0.9, UTC_DAYS)));
  return m;
}

describe('flashcard queue', () => {
  it('shows due cards most overdue first, then new cards mixed in, within the new-card limit', () => {
    const memory = new Map<string, MemoryState>([
      ['c0', { ...reviewed([3]), due: new Date(t0.getTime() - 2 * DAY).toISOString() }],
      ['c1', { ...reviewed([3]), due: new Date(t0.getTime() - 5 * DAY).toISOString() }],
      ['c2', { ...reviewed([3]), due: new Date(t0.getTime() + 3 * DAY).toISOString() }],
    ]);
    const q = buildQueue(base({ memory, newPerDay: 3 }));
    expect(q.due.map((i) => i.id)).toEqual(['c1', 'c0']);
    expect(q.fresh.map((i) => i.id)).toEqual(['c3', 'c4', 'c5']);
    expect(q.order).toHaveLength(5);
    expect(q.order[0]!.id).not.toBe('c3');
  });

  it('shows no new cards once the day\'s allowance is used, and respects --limit', () => {
    const q = buildQueue(base({ newPerDay: 5, introducedToday: 5 }));
    expect(q.order).toEqual([]);
    expect(buildQueue(base({ maxPerDay: 4 })).order).toHaveLength(4);
  });

  it('interleaves new cards evenly among reviews', () => {
    expect(interleave(['r1', 'r2', 'r3', 'r4'], ['n1', 'n2'])).toEqual(['r1', 'n1', 'r2', 'r3', 'n2', 'r4']);
    expect(interleave([], ['n1'])).toEqual(['n1']);
  });
});

describe('FSRS scheduling', () => {
  it('brings a forgotten card back soon and counts the lapse', () => {
    const good = reviewed([3, 3, 3]);
    const lapsed = rate(good, 1, new Date(good.due), 0.9, UTC_DAYS);
    expect(lapsed.lapses).toBe(1);
    expect(new Date(lapsed.due).getTime() - new Date(good.due).getTime()).toBeLessThan(DAY);
    expect(new Date(good.due).getTime() - t0.getTime()).toBeGreaterThan(2 * DAY);
  });

  it('rebuilds a card\'s state from its review log alone', () => {
    const log = [
      { rating: 3 as const, at: new Date('2026-03-01T10:00:00Z'), retention: 0.9 },
      { rating: 1 as const, at: new Date('2026-03-01T10:10:00Z'), retention: 0.9 },
      { rating: 3 as const, at: new Date('2026-03-02T08:00:00Z'), retention: 0.9 },
      { rating: 4 as const, at: new Date('2026-03-09T19:30:00Z'), retention: 0.85 },
    ];
    let live = newMemory(log[0]!.at);
    for (const e of log) live = rate(live, e.rating, e.at, e.retention, UTC_DAYS);
    expect(replay(log, UTC_DAYS)).toEqual(live);
  });

  it('asks for higher retention with shorter intervals', () => {
    const card = reviewed([3, 3]);
    const at = new Date(card.due);
    const high = rate(card, 3, at, 0.97, UTC_DAYS);
    const low = rate(card, 3, at, 0.8, UTC_DAYS);
    expect(new Date(high.due).getTime()).toBeLessThan(new Date(low.due).getTime());
  });
});

describe('exam-date scheduling', () => {
  it('brings a review forward when recall on exam day would fall below the target', () => {
    const card = reviewed([3, 3, 3, 3]);
    const examDate = new Date(new Date(card.due).getTime() - DAY);
    expect(recallAt(card, examDate, 0.9, UTC_DAYS)).toBeLessThan(0.95);
    const now = new Date(examDate.getTime() - 3 * DAY);
    const memory = new Map([['c0', card]]);
    expect(buildQueue(base({ items: items.slice(0, 1), memory, now, plan: { examDate, target: 0.95 } })).pulled.map((i) => i.id)).toEqual(['c0']);
    expect(buildQueue(base({ items: items.slice(0, 1), memory, now, plan: { examDate, target: 0.5 } })).pulled).toEqual([]);
  });

  it('spreads unseen cards so all are met two weeks before a distant exam, and none on exam day', () => {
    expect(newAllowance(20, 600, 0, 44)).toBe(20);
    expect(newAllowance(20, 600, 0, 24)).toBe(27);
    expect(newAllowance(20, 600, 0, null)).toBe(20);
    expect(newAllowance(20, 600, 24, 24)).toBe(0);
  });

  it('plans every new card before the exam, day by day', () => {
    const examDate = new Date(Date.UTC(2026, 2, 11));
    const plan = planStudy(base({ newPerDay: 3, plan: { examDate, target: 0.95 } }), 30);
    expect(plan.days[0]).toMatchObject({ day: '2026-03-01', fresh: 3 });
    expect(plan.days.reduce((s, d) => s + d.fresh, 0)).toBe(10);
    expect(plan.days.at(-1)!.day).toBe('2026-03-10');
    expect(plan.days.some((d) => d.reviews > 0)).toBe(true);
    expect(dayNumber(examDate, UTC_DAYS) - dayNumber(t0, UTC_DAYS)).toBe(plan.days.length);
  });
});

describe('answers feeding the memory model', () => {
  it.each([
    [false, 5_000, 1],
    [true, 45_000, 3],
    [true, 8_000, 4],
  ])('correct=%s after %i ms rates %i', (correct, ms, rating) => {
    expect(ratingForAnswer(correct, ms)).toBe(rating);
  });
});

describe('new cards', () => {
  it('counts a card as new until its first review, by the same state number ts-fsrs uses', () => {
    expect(State.New).toBe(0);
    expect(isNew(undefined)).toBe(true);
    expect(isNew(newMemory(t0))).toBe(true);
    expect(isNew(rate(newMemory(t0), 1, t0, 0.9, UTC_DAYS))).toBe(false);
  });
});
