import { describe, expect, it } from 'vitest';
import { UTC_DAYS, systemOffset, addDays, dayKey, dayRule, daysBetween, endOfDay, startOfDay, startOfDayKey, zoneOffset, HOUR_MS } from '../../src/days.js';
import { replay, type RatingValue } from '../../src/cards/scheduler.js';
import { summariseSession } from '../../src/cards/summary.js';

const newYork = dayRule(zoneOffset('America/New_York'), 4);
const tokyo = dayRule(zoneOffset('Asia/Tokyo'), 4);
const at = (iso: string) => new Date(iso);

describe('the learning day', () => {
  it('keeps 6:30 pm and 7:30 pm in New York on one day, though UTC midnight falls between them', () => {
    expect(dayKey(at('2026-12-07T23:30:00Z'), newYork)).toBe('2026-12-07');
    expect(dayKey(at('2026-12-08T00:30:00Z'), newYork)).toBe('2026-12-07');
    expect(daysBetween(at('2026-12-07T23:30:00Z'), at('2026-12-08T00:30:00Z'), newYork)).toBe(0);
    expect(daysBetween(at('2026-12-07T23:30:00Z'), at('2026-12-08T00:30:00Z'), UTC_DAYS)).toBe(1);
  });

  it('rolls over at the set hour: 3:59 am counts for the day before, 4:00 am starts the next', () => {
    expect(dayKey(at('2026-12-08T08:59:00Z'), newYork)).toBe('2026-12-07');
    expect(dayKey(at('2026-12-08T09:00:00Z'), newYork)).toBe('2026-12-08');
    expect(dayKey(at('2026-12-07T18:59:00Z'), tokyo)).toBe('2026-12-07');
    expect(dayKey(at('2026-12-07T19:00:00Z'), tokyo)).toBe('2026-12-08');
    expect(dayKey(at('2026-12-08T08:59:00Z'), dayRule(zoneOffset('America/New_York'), 0))).toBe('2026-12-08');
  });

  it('starts and ends each day at the local rollover, in any zone', () => {
    const noon = at('2026-12-07T17:00:00Z');
    expect(startOfDay(noon, newYork).toISOString()).toBe('2026-12-07T09:00:00.000Z');
    expect(endOfDay(noon, newYork).toISOString()).toBe('2026-12-08T09:00:00.000Z');
    expect(startOfDayKey('2026-12-08', tokyo).toISOString()).toBe('2026-12-07T19:00:00.000Z');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('has 23 hours on the spring-forward day and 25 on the fall-back day (New York)', () => {
    const spring = startOfDayKey('2026-03-08', newYork);
    expect(spring.toISOString()).toBe('2026-03-08T08:00:00.000Z');
    expect(spring.getTime() - startOfDayKey('2026-03-07', newYork).getTime()).toBe(23 * HOUR_MS);
    const fall = startOfDayKey('2026-11-01', newYork);
    expect(fall.toISOString()).toBe('2026-11-01T09:00:00.000Z');
    expect(fall.getTime() - startOfDayKey('2026-10-31', newYork).getTime()).toBe(25 * HOUR_MS);
    expect(endOfDay(at('2026-10-31T20:00:00Z'), newYork)).toEqual(fall);
  });

  it('starts the day at the first hour that exists when the rollover hour is skipped by a DST change', () => {
    const twoAm = dayRule(zoneOffset('America/New_York'), 2);
    expect(startOfDayKey('2026-03-08', twoAm).toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect(dayKey(at('2026-03-08T06:59:00Z'), twoAm)).toBe('2026-03-07');
  });
});

describe('the system time zone (TZ)', () => {
  it('gives the same offsets as the zone by name, across both DST changes', () => {
    const saved = process.env['TZ'];
    try {
      for (const zone of ['America/New_York', 'Asia/Tokyo', 'Europe/London']) {
        process.env['TZ'] = zone;
        const byName = zoneOffset(zone);
        for (let t = Date.parse('2026-03-07T00:00:00Z'); t < Date.parse('2026-11-03T00:00:00Z'); t += 3 * HOUR_MS + 15 * 60_000) expect(systemOffset(t)).toBe(byName(t));
      }
    } finally {
      if (saved === undefined) delete process.env['TZ'];
      else process.env['TZ'] = saved;
    }
  });
});

describe('FSRS on the learner\'s day', () => {
  const history = (shiftMs: number, hardAt: string) =>
    [
      ['2026-03-01T14:00:00Z', 3],
      ['2026-03-04T14:00:00Z', 3],
      ['2026-03-15T14:00:00Z', 3],
      [hardAt, 2],
    ].map(([iso, rating]) => ({ at: new Date(Date.parse(iso as string) + shiftMs), rating: rating as RatingValue, retention: 0.9 }));

  it('treats a Hard 15 hours after a review, across UTC midnight but before the 4 am rollover, as a same-day review', () => {
    // 10 am and 1 am next night in New York (EDT): one learning day.
    const local = replay(history(0, '2026-03-16T05:00:00Z'), newYork)!;
    // The same history moved 9 hours earlier falls within one UTC day as well: the same-day rule in ts-fsrs's own terms.
    const sameDay = replay(history(-9 * HOUR_MS, '2026-03-16T05:00:00Z'), UTC_DAYS)!;
    const crossDay = replay(history(0, '2026-03-16T05:00:00Z'), UTC_DAYS)!;
    expect(local.elapsed_days).toBe(0);
    expect(local.stability).toBeCloseTo(sameDay.stability, 10);
    expect(local.difficulty).toBeCloseTo(sameDay.difficulty, 10);
    expect(crossDay.stability).toBeGreaterThan(local.stability);
  });

  it('counts a day between reviews at 9 pm and 10 am in Tokyo once the 4 am rollover has passed', () => {
    const evening = at('2026-03-20T12:00:00Z');
    const morning = new Date(evening.getTime() + 13 * HOUR_MS);
    const m = replay([{ at: evening, rating: 3, retention: 0.9 }, { at: new Date(evening.getTime() + 10 * 60_000), rating: 3, retention: 0.9 }, { at: morning, rating: 3, retention: 0.9 }], tokyo)!;
    expect(m.elapsed_days).toBe(1);
  });

  it('keeps real instants in the stored state: the review time and a due date measured from it', () => {
    const when = at('2026-03-16T05:00:00Z');
    const m = replay([{ at: when, rating: 3, retention: 0.9 }], newYork)!;
    expect(m.last_review).toBe(when.toISOString());
    expect(Date.parse(m.due) - when.getTime()).toBe(10 * 60_000);
  });

  it('counts cards due tomorrow by the learner\'s day, not 24 hours', () => {
    const now = at('2026-12-07T23:00:00Z'); // 6 pm in New York
    const dueAt = (iso: string) => ({ ...replay([{ at: now, rating: 3, retention: 0.9 }], newYork)!, state: 2, due: iso });
    const s = summariseSession([], [dueAt('2026-12-09T08:30:00Z'), dueAt('2026-12-09T09:30:00Z')], now, newYork);
    expect(s.dueTomorrow).toBe(1);
  });
});
