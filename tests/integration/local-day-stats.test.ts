import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HistoryStore } from '../../src/store/history.js';
import { openDb } from '../../src/store/open.js';
import { dayKey, dayNumber, dayRule, startOfDayKey, weekStarts, zoneOffset, type DayRule } from '../../src/days.js';

function storeWith(times: string[]): HistoryStore {
  const store = new HistoryStore(openDb(':memory:'), ':memory:');
  const id = store.createAttempt({ mode: 'practice', seed: 's', params: { count: times.length, modules: [], bank: 'b' }, timeLimitS: null, startedAt: times[0]!, items: [] });
  times.forEach((at, position) =>
    store.saveResponse(
      { attemptId: id, position, itemId: `m1-t-00${position}`, itemHash: 'h', module: 1, topic: 't', domain: 'clinical', choiceOrder: [], response: 'A', correct: true, flagged: false, timeMs: 1, answeredAt: at },
      { elapsedMs: 0, currentPos: position },
    ),
  );
  return store;
}

function answeredSince(store: HistoryStore, since: string | null, now: Date, days: DayRule): number {
  const rows = store.topicWeekBuckets({ weekStarts: weekStarts(now, Date.parse('2026-01-01'), days), ...(since ? { since: startOfDayKey(since, days) } : {}) });
  return rows.reduce((s, r) => s + r.answered, 0);
}

describe('stats on the learner\'s days', () => {
  it('counts 6:30 pm and 7:30 pm in New York as one day for --since, though UTC midnight falls between', () => {
    const store = storeWith(['2026-12-07T23:30:00.000Z', '2026-12-08T00:30:00.000Z']);
    const ny = dayRule(zoneOffset('America/New_York'), 4);
    const now = new Date('2026-12-08T15:00:00Z');
    expect(answeredSince(store, '2026-12-07', now, ny)).toBe(2);
    expect(answeredSince(store, '2026-12-08', now, ny)).toBe(0);
    store.close();
  });

  it('places answers on Tokyo days with the 4 am rollover, and again differently when the setting changes, without rewriting anything', () => {
    // 03:30 and 04:30 on 8 December in Tokyo.
    const store = storeWith(['2026-12-07T18:30:00.000Z', '2026-12-07T19:30:00.000Z']);
    const now = new Date('2026-12-09T03:00:00Z');
    expect(answeredSince(store, '2026-12-08', now, dayRule(zoneOffset('Asia/Tokyo'), 4))).toBe(1);
    expect(answeredSince(store, '2026-12-08', now, dayRule(zoneOffset('Asia/Tokyo'), 0))).toBe(2);
    store.close();
  });

  it('finds the learner\'s day across a DST change (New York, fall back)', () => {
    // 1:30 am EDT and 3:30 am EST on 1 November 2026 (clocks went back at 2 am EDT) still count for 31 October; 4:30 am EST is 1 November.
    const store = storeWith(['2026-11-01T05:30:00.000Z', '2026-11-01T08:30:00.000Z', '2026-11-01T09:30:00.000Z']);
    const ny = dayRule(zoneOffset('America/New_York'), 4);
    const now = new Date('2026-11-02T15:00:00Z');
    expect(answeredSince(store, '2026-11-01', now, ny)).toBe(1);
    expect(answeredSince(store, '2026-10-31', now, ny)).toBe(3);
    store.close();
  });

  it('sorts answers into weeks by the learner\'s days', () => {
    const ny = dayRule(zoneOffset('America/New_York'), 4);
    const now = new Date('2026-12-14T15:00:00Z'); // Monday 10 am
    // Monday 7 December, 10 pm local = 03:00Z on the 8th: exactly one week of learning days ago (weeksAgo 1)
    const store = storeWith(['2026-12-08T03:00:00.000Z', '2026-12-08T10:00:00.000Z']);
    const rows = store.topicWeekBuckets({ weekStarts: weekStarts(now, Date.parse('2026-11-01'), ny) });
    expect(rows.map((r) => [r.weeksAgo, r.answered]).sort()).toEqual([[0, 1], [1, 1]]);
    store.close();
  });

  it('equals counting every answer by hand, in any zone, rollover and --since', () => {
    const zones = ['America/New_York', 'America/Los_Angeles', 'Asia/Tokyo', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/St_Johns', 'Europe/London', 'UTC'];
    const now = new Date('2026-12-07T20:00:00Z');
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 60 * 96 - 1 }), { minLength: 1, maxLength: 30 }),
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 23 }),
        fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
        (quarters, zone, startsAt, sinceBack) => {
          const days = dayRule(zoneOffset(zone), startsAt);
          const times = quarters.map((q) => new Date(now.getTime() - q * 900_000 - 7 * 60_000).toISOString());
          const store = storeWith(times);
          const since = sinceBack === undefined ? undefined : dayKey(now.getTime() - sinceBack * 86_400_000, days);
          const rows = store.topicWeekBuckets({ weekStarts: weekStarts(now, now.getTime() - 62 * 86_400_000, days), ...(since ? { since: startOfDayKey(since, days) } : {}) });
          const expected = new Map<number, number>();
          for (const t of times) {
            if (since && dayKey(new Date(t), days) < since) continue;
            const w = Math.max(0, Math.floor((dayNumber(now, days) - dayNumber(new Date(t), days)) / 7));
            expected.set(w, (expected.get(w) ?? 0) + 1);
          }
          const got = new Map(rows.map((r) => [r.weeksAgo, r.answered]));
          store.close();
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 80 },
    );
  });
});
