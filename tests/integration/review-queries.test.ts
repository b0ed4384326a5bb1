import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reviewSet } from '../../src/report/review-sets.js';
import { HistoryStore, connectionOf } from '../../src/store/history.js';
import { openDb } from '../../src/store/open.js';
import { reviewSetIds } from '../../src/store/review-queries.js';

const ITEMS = ['m1-a-001', 'm1-a-002', 'm1-a-003', 'm2-b-001', 'm2-b-002', 'm3-c-001'];

/** A random history: attempts (practice, submitted or unfinished exams) of random answers, times often shared. */
const history = fc.array(
  fc.record({
    mode: fc.constantFrom('practice', 'exam'),
    submitted: fc.boolean(),
    answers: fc.array(
      fc.record({ item: fc.integer({ min: 0, max: ITEMS.length - 1 }), minute: fc.integer({ min: 0, max: 30 }), answered: fc.boolean(), correct: fc.boolean(), flagged: fc.boolean(), guess: fc.boolean() }),
      { maxLength: 12 },
    ),
  }),
  { maxLength: 10 },
);

describe('review sets read through indexes', () => {
  it('give the same items in the same order as the rule applied to the whole answer log, for any history', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 1, max: 8 }), (attempts, limit) => {
        const store = new HistoryStore(openDb(':memory:'), ':memory:');
        try {
          for (const a of attempts) {
            const id = store.createAttempt({ mode: a.mode as 'practice' | 'exam', seed: 's', params: { count: 1, modules: [], bank: 'b' }, timeLimitS: null, startedAt: '2026-01-01T00:00:00.000Z', items: [] });
            a.answers.forEach((r, position) => {
              const at = `2026-01-01T10:${String(r.minute).padStart(2, '0')}:00.000Z`;
              connectionOf(store)
                .prepare(`INSERT INTO responses (attempt_id, position, item_id, item_hash, module, topic, domain, choice_order, response, correct, flagged, time_ms, answered_at, guess)
                          VALUES (?, ?, ?, 'h', 1, 't', 'clinical', '[]', ?, ?, ?, 0, ?, ?)`)
                .run(id, position, ITEMS[r.item], r.answered ? '"A"' : null, r.answered && r.correct ? 1 : 0, r.flagged ? 1 : 0, at, r.answered && r.guess ? 1 : 0);
            });
            if (a.submitted) connectionOf(store).prepare("UPDATE attempts SET status = 'submitted', finished_at = '2026-01-01T11:00:00.000Z' WHERE id = ?").run(id);
          }
          const trail = store.answerTrail();
          for (const kind of ['missed', 'flagged', 'confident-wrong'] as const) {
            const expected = reviewSet(trail, kind).map((c) => c.itemId).slice(0, limit);
            expect(reviewSetIds(connectionOf(store), kind, limit, () => true)).toEqual(expected);
          }
        } finally {
          store.close();
        }
      }),
      { numRuns: 150 },
    );
  });
});
