import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HistoryStore, connectionOf } from '../../src/store/history.js';
import { openDb } from '../../src/store/open.js';

const ITEMS = ['m1-a-001', 'm1-a-002', 'm2-b-001', 'm3-c-001'];

describe('missed items (cards --missed) from the trigger-kept latest misses', () => {
  it('match the items ever answered wrong, latest miss first, through inserts, changed answers and deletions', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('answer' as const), item: fc.integer({ min: 0, max: ITEMS.length - 1 }), position: fc.integer({ min: 0, max: 5 }), minute: fc.integer({ min: 0, max: 59 }), answered: fc.boolean(), correct: fc.boolean() }),
      fc.record({ kind: fc.constant('delete' as const), position: fc.integer({ min: 0, max: 5 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        const store = new HistoryStore(openDb(':memory:'), ':memory:');
        try {
          const id = store.createAttempt({ mode: 'practice', seed: 's', params: { count: 1, modules: [], bank: 'b' }, timeLimitS: null, startedAt: '2026-01-01T00:00:00.000Z', items: [] });
          for (const o of ops) {
            if (o.kind === 'delete') {
              connectionOf(store).prepare('DELETE FROM responses WHERE attempt_id = ? AND position = ?').run(id, o.position);
              continue;
            }
            const at = `2026-01-01T10:${String(o.minute).padStart(2, '0')}:00.000Z`;
            store.saveResponse(
              { attemptId: id, position: o.position, itemId: ITEMS[o.item]!, itemHash: 'h', module: 1, topic: 't', domain: 'clinical', choiceOrder: [], response: o.answered ? 'A' : null, correct: o.answered && o.correct, flagged: false, timeMs: 0, answeredAt: at },
              { elapsedMs: 0, currentPos: 0 },
            );
          }
          const expected = (connectionOf(store)
            .prepare('SELECT item_id FROM responses WHERE correct = 0 AND response IS NOT NULL GROUP BY item_id ORDER BY max(answered_at) DESC, item_id')
            .pluck()
            .all() as string[]);
          expect(store.missedItemIds()).toEqual(expected);
        } finally {
          store.close();
        }
      }),
      { numRuns: 200 },
    );
  });
});
