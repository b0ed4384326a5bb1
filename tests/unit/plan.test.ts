import { describe, expect, it } from 'vitest';
import { buildQueue, planStudy, type StudyItem, type StudyRequest } from '../../src/cards/queue.js';
import { newMemory, rate, type MemoryState } from '../../src/cards/scheduler.js';
import { settingSpec } from '../../src/cards/settings.js';
import { ratingForAnswer } from '../../src/cards/from-answers.js';
import { DAY_MS, HOUR_MS, dayRule, startOfDayNumber, dayNumber, zoneOffset } from '../../src/days.js';

const days = dayRule(zoneOffset('America/New_York'), 4);
const now = new Date('2026-12-07T20:00:00Z'); // 3 pm in New York
const items: StudyItem[] = Array.from({ length: 392 }, (_, i) => ({ id: `c${String(i).padStart(3, '0')}`, kind: 'card', module: 1 + (i % 9), topic: 't' }));

/** 250 cards met over the last 40 days, with a few lapses: due dates spread from overdue to months out. */
function history(): Map<string, MemoryState> {
  const memory = new Map<string, MemoryState>();
  items.slice(0, 250).forEach((item, i) => {
    let at = new Date(now.getTime() - (40 - (i % 40)) * DAY_MS - (i % 7) * HOUR_MS);
    let m = rate(newMemory(at), 3, at, 0.9, days);
    for (let k = 0; k < 1 + (i % 4) && Date.parse(m.due) < now.getTime(); k++) {
      at = new Date(Math.max(Date.parse(m.due), at.getTime() + HOUR_MS));
      if (at.getTime() >= now.getTime()) break;
      m = rate(m, i % 11 === 0 ? 1 : 3, at, 0.9, days);
    }
    memory.set(item.id, m);
  });
  return memory;
}

const memory = history();
const examIn = (n: number) => ({ examDate: startOfDayNumber(dayNumber(now, days) + n, days), target: 0.95 });
const request = (over: Partial<StudyRequest> = {}): StudyRequest => ({ items, memory, now, days, retention: 0.9, newPerDay: 20, maxPerDay: 150, introducedToday: 0, reviewedToday: 0, ...over });
const load = (d: { reviews: number; pulled: number; fresh: number }) => d.reviews + d.pulled + d.fresh;

describe('plan and cards agree', () => {
  it.each([1, 3, 14, 90])('with the exam in %i day(s): day one is the live queue, and no day exceeds the cap', (n) => {
    const req = request({ plan: examIn(n) });
    const plan = planStudy(req, 366);
    const live = buildQueue(req);
    expect(plan.days[0]).toMatchObject({ reviews: live.due.length, pulled: live.pulled.length, fresh: live.fresh.length });
    expect(plan.days).toHaveLength(n);
    for (const d of plan.days) expect(load(d)).toBeLessThanOrEqual(150);
  });

  it('shows no new cards left today once today\'s allowance is done, in plan and in cards alike', () => {
    const req = request({ introducedToday: 20, reviewedToday: 12 });
    expect(buildQueue(req).fresh).toEqual([]);
    expect(planStudy(req, 14).days[0]!.fresh).toBe(0);
    expect(planStudy(req, 14).days[1]!.fresh).toBe(20);
  });

  it('puts no new cards on exam day: the plan ends the day before, and cards on exam day offers none', () => {
    const req = request({ plan: examIn(1) });
    expect(planStudy(req, 366).days.map((d) => d.day)).toEqual(['2026-12-07']);
    const examMorning = new Date(req.plan!.examDate.getTime() + 2 * HOUR_MS);
    expect(buildQueue({ ...req, now: examMorning }).fresh).toEqual([]);
  });

  it('offers new cards again once the exam date has passed', () => {
    const req = request({ plan: examIn(-2) });
    expect(buildQueue(req).fresh).toHaveLength(20);
  });

  it('leaves a card buried until tomorrow out of day one only, in plan and in cards alike', () => {
    const fresh = items.slice(250, 251).map((i) => i.id);
    const req = request({ buriedToday: new Set(fresh), newPerDay: 1, items: items.slice(250, 252) });
    expect(buildQueue(req).fresh.map((i) => i.id)).toEqual(['c251']);
    const plan = planStudy(req, 3);
    expect(plan.days.map((d) => d.fresh)).toEqual([1, 1, 0]);
  });

  it('spreads reviews brought forward for an exam two weeks out over the last days instead of stacking them on one', () => {
    const plan = planStudy(request({ plan: examIn(14) }), 366);
    const pulled = plan.days.map((d) => d.pulled);
    const total = pulled.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(20);
    expect(Math.max(...pulled)).toBeLessThanOrEqual(Math.ceil(total / 7) + 1);
    expect(pulled.filter((p) => p > 0).length).toBeGreaterThanOrEqual(6);
  });

  it('says how many cards miss the exam-day target when the cap makes it unreachable', () => {
    const tight = planStudy(request({ plan: examIn(3), maxPerDay: 30 }), 366);
    const roomy = planStudy(request({ plan: examIn(3), maxPerDay: 1000 }), 366);
    expect(tight.belowTarget).toBeGreaterThan(roomy.belowTarget);
    for (const d of tight.days) expect(load(d)).toBeLessThanOrEqual(30);
  });

  it('summarises the plan: total, last day with new cards, peak day and weekdays', () => {
    const plan = planStudy(request({ plan: examIn(90) }), 366);
    expect(plan.total).toBe(plan.days.reduce((s, d) => s + load(d), 0));
    expect(plan.lastNewDay).toBe(plan.days.filter((d) => d.fresh > 0).at(-1)!.day);
    expect(load(plan.peak!)).toBe(Math.max(...plan.days.map(load)));
    expect(plan.days[0]!.weekday).toBe(1); // 2026-12-07 is a Monday
  });
});

describe('exam date and guesses', () => {
  it('refuses an exam date of today or in the past', () => {
    const spec = settingSpec('examDate')!;
    expect(spec.check('2026-12-07', '2026-12-07')).toHaveProperty('error');
    expect(spec.check('2026-12-06', '2026-12-07')).toHaveProperty('error');
    expect(spec.check('2026-12-08', '2026-12-07')).toEqual({ value: '2026-12-08' });
  });

  it('feeds a right answer marked as a guess to FSRS as Hard, not Good or Easy', () => {
    expect(ratingForAnswer(true, 5_000, true)).toBe(2);
    expect(ratingForAnswer(true, 60_000, true)).toBe(2);
    expect(ratingForAnswer(false, 5_000, true)).toBe(1);
  });
});
