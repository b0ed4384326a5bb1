import { describe, expect, it } from 'vitest';
import { planStudy } from '../../src/cards/queue.js';
import { UTC_DAYS } from '../../src/days.js';
import { visibleWidth } from '../../src/ui/layout.js';
import { renderCardScreen, renderCardWait, renderPlan } from '../../src/ui/render-cards.js';
import { plainTheme } from '../../src/ui/theme.js';
import type { CardView } from '../../src/ui/card-view.js';

const view: CardView = {
  kind: 'card',
  left: 57,
  done: 12,
  counts: { fresh: 17, learning: 3, review: 137 },
  startedAt: Date.parse('2026-12-07T15:00:00Z'),
  elapsedMs: 0,
  front: 'Which zone of the four-zone model is the MR scanner room itself, and who controls access to it during normal operations?',
  back: 'Zone IV. Access is controlled by Level 2 MR personnel.',
  refs: ['ACR Manual on MR Safety 2024'],
  tag: 'Safety precautions, zones and screening · Zones and access control',
  isNew: true,
  intervals: { 1: '1m', 2: '6m', 3: '10m', 4: '1.2mo' },
};

describe('card and plan screens', () => {
  it('fit 60 and 80 columns, with counts, titles and a clock that ticks', () => {
    for (const width of [60, 80]) {
      const later = view.startedAt + 125_000;
      for (const screen of [renderCardScreen(view, false, later, plainTheme, width), renderCardScreen(view, true, later, plainTheme, width), renderCardWait({ nextAt: later + 170_000, counts: view.counts, done: 12, startedAt: view.startedAt, canUndo: true }, later, plainTheme, width)]) {
        for (const line of screen.split('\n')) expect(visibleWidth(line)).toBeLessThanOrEqual(width);
        expect(screen).toMatch(/17 new · 3 learning · 137 review/);
        expect(screen).toContain('02:05');
      }
    }
    expect(renderCardWait({ nextAt: view.startedAt + 180_000, counts: view.counts, done: 12, startedAt: view.startedAt, canUndo: true }, view.startedAt, plainTheme, 80)).toMatch(/Next card in 3 min/);
  });

  it('draws the plan within 60 columns, with weekdays', () => {
    const items = Array.from({ length: 300 }, (_, i) => ({ id: `c${i}`, kind: 'card' as const, module: 1, topic: 't' }));
    const now = new Date('2026-12-07T15:00:00Z');
    const plan = planStudy({ items, memory: new Map(), now, days: UTC_DAYS, retention: 0.9, newPerDay: 20, maxPerDay: 100, introducedToday: 0, reviewedToday: 0, plan: { examDate: new Date('2026-12-17T00:00:00Z'), target: 0.95 } }, 366);
    const text = renderPlan({ plan, cap: 100, target: 0.95 }, plainTheme, 60);
    for (const line of text.split('\n')) expect(visibleWidth(line)).toBeLessThanOrEqual(60);
    expect(text).toMatch(/^Mon 2026-12-07 /m);
    expect(text).toMatch(/Study plan to your exam on Thu 2026-12-17/);
  });
});

describe('card keys', () => {
  it('map u, b, s and q at any time, ratings only once the answer shows, and no bury or suspend while cramming', async () => {
    const { cardKeyAction } = await import('../../src/ui/card-prompt.js');
    expect(cardKeyAction('u', false, false)).toEqual({ type: 'undo' });
    expect(cardKeyAction('b', false, false)).toEqual({ type: 'bury' });
    expect(cardKeyAction('s', true, false)).toEqual({ type: 'suspend' });
    expect(cardKeyAction('q', false, false)).toEqual({ type: 'quit' });
    expect(cardKeyAction('3', false, false)).toBeUndefined();
    expect(cardKeyAction('space', false, false)).toBe('reveal');
    expect(cardKeyAction('3', true, false)).toEqual({ type: 'rate', rating: 3 });
    expect(cardKeyAction('b', true, true)).toBeUndefined();
    expect(cardKeyAction('s', true, true)).toBeUndefined();
  });
});
