import { describe, expect, it } from 'vitest';
import { buildToday, streakFrom, type TodayInput } from '../../src/report/today.js';
import { renderToday } from '../../src/ui/render-today.js';
import { plainTheme } from '../../src/ui/theme.js';
import { visibleWidth } from '../../src/ui/layout.js';

const input = (over: Partial<TodayInput> = {}): TodayInput => ({
  today: '2026-12-07',
  examDate: '2027-01-06',
  cards: { due: 40, fresh: 20, learning: 2 },
  weakest: { module: 7, title: 'Implants and devices: conditional labeling', pointsLost: 3.24 },
  heldOutForm: null,
  lastMock: { finishedAt: '2026-12-04T20:00:00Z', daysAgo: 3, correct: 72, total: 100, passed: true },
  streak: { days: 5, today: true },
  ...over,
});

describe("today's dashboard", () => {
  it('ends every line with the exact command to run', () => {
    const view = buildToday(input());
    expect(view.daysToExam).toBe(30);
    expect(view.lines.map((l) => [l.key, l.command])).toEqual([
      ['exam', 'mrso plan'],
      ['cards', 'mrso cards'],
      ['study', 'mrso exam --mode practice --module 7 --count 20'],
      ['mock', 'mrso stats'],
      ['streak', 'mrso stats'],
    ]);
    expect(view.lines[1]!.text).toBe('Cards today: 40 due, 20 new, 2 learning');
  });

  it('sends the learner to the next held-out form when it is time, and to a mock after a week without one', () => {
    const view = buildToday(input({ heldOutForm: 2, lastMock: { finishedAt: 'x', daysAgo: 9, correct: 60, total: 100, passed: false } }));
    expect(view.lines.find((l) => l.key === 'study')!.command).toBe('mrso exam --form 2');
    expect(view.lines.find((l) => l.key === 'mock')!.text).toBe('Last mock: 60% (60/100), not passed, 9 days ago');
    expect(view.lines.find((l) => l.key === 'mock')!.command).toBe('mrso exam');
  });

  it('fits 60 columns, the command on its own line when both do not fit', () => {
    for (const width of [60, 80]) {
      for (const line of renderToday(buildToday(input()), plainTheme, width).split('\n')) expect(visibleWidth(line)).toBeLessThanOrEqual(width);
    }
  });

  it('counts a streak of learning days up to today, or up to yesterday when today has no study yet', () => {
    expect(streakFrom(new Set([10, 11, 12]), 12)).toEqual({ days: 3, today: true });
    expect(streakFrom(new Set([10, 11]), 12)).toEqual({ days: 2, today: false });
    expect(streakFrom(new Set([9, 11]), 12)).toEqual({ days: 1, today: false });
    expect(streakFrom(new Set(), 12)).toEqual({ days: 0, today: false });
  });

});
