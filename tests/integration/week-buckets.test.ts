import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HistoryStore } from '../../src/store/history.js';
import { openDb } from '../../src/store/open.js';
import { dayKey, dayNumber, dayRule, startOfDayKey, weekStarts, zoneOffset } from '../../src/days.js';

const ZONES = ['America/New_York', 'America/Los_Angeles', 'America/Sao_Paulo', 'Asia/Kathmandu', 'America/St_Johns', 'Asia/Tokyo', 'Australia/Lord_Howe', 'UTC'];
const TOPICS = [
  { module: 1, topic: 'a', domain: 'clinical' },
  { module: 1, topic: 'b', domain: 'static-field' },
  { module: 2, topic: 'a', domain: 'clinical' },
  { module: 3, topic: 'c', domain: 'rf' },
];
const NOW = Date.parse('2026-11-03T16:20:00Z'); // two days after New York's fall-back change

describe('answers per topic and learning week (stats rows and trends)', () => {
  it('equal sorting every counted answer by hand into the learner\'s weeks, in any zone, rollover, --since and --module', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ quarter: fc.integer({ min: 0, max: 96 * 70 - 1 }), minute: fc.integer({ min: 0, max: 14 }), topic: fc.integer({ min: 0, max: TOPICS.length - 1 }), correct: fc.boolean(), exam: fc.boolean(), submitted: fc.boolean() }),
          { minLength: 1, maxLength: 40 },
        ),
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 23 }),
        fc.option(fc.integer({ min: 0, max: 70 }), { nil: undefined }),
        fc.subarray([1, 2, 3]),
        (answers, zone, startsAt, sinceBack, modules) => {
          const days = dayRule(zoneOffset(zone), startsAt);
          const store = new HistoryStore(openDb(':memory:'), ':memory:');
          const counted: { at: number; module: number; topic: string; domain: string; correct: boolean }[] = [];
          answers.forEach((a, i) => {
            const at = NOW - a.quarter * 900_000 - a.minute * 60_000 - 1_000;
            const place = TOPICS[a.topic]!;
            const attempt = store.createAttempt({ mode: a.exam ? 'exam' : 'practice', seed: 's', params: { count: 1, modules: [], bank: 'b' }, timeLimitS: null, startedAt: 'x', items: [] });
            store.saveResponse({ attemptId: attempt, position: 0, itemId: `i${i}`, itemHash: 'h', ...place, choiceOrder: [], response: 'A', correct: a.correct, flagged: false, timeMs: 1, answeredAt: new Date(at).toISOString() }, { elapsedMs: 0, currentPos: 0 });
            if (a.exam && a.submitted) store.finishAttempt(attempt, { correct: 0, total: 1, passed: false, finishedAt: 'y', elapsedMs: 0 });
            // Practice counts at once, an exam once submitted.
            if (!a.exam || a.submitted) counted.push({ at, ...place, correct: a.correct });
          });
          const since = sinceBack === undefined ? undefined : dayKey(NOW - sinceBack * 86_400_000, days);
          const rows = store.topicWeekBuckets({ weekStarts: weekStarts(new Date(NOW), NOW - 72 * 86_400_000, days), modules, ...(since ? { since: startOfDayKey(since, days) } : {}) });
          const expected = new Map<string, { answered: number; correct: number }>();
          for (const a of counted) {
            if (since && dayKey(a.at, days) < since) continue;
            if (modules.length > 0 && !modules.includes(a.module)) continue;
            const week = Math.max(0, Math.floor((dayNumber(NOW, days) - dayNumber(a.at, days)) / 7));
            const key = `${a.module}|${a.topic}|${a.domain}|${week}`;
            const e = expected.get(key) ?? { answered: 0, correct: 0 };
            e.answered++;
            if (a.correct) e.correct++;
            expected.set(key, e);
          }
          const got = new Map(rows.map((r) => [`${r.module}|${r.topic}|${r.domain}|${r.weeksAgo}`, { answered: r.answered, correct: r.correct }]));
          store.close();
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 120 },
    );
  });
});
