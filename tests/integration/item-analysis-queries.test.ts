import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseItems, analyseItemTotals, splitAttempts } from '../../src/report/item-analysis.js';
import { HistoryStore, connectionOf } from '../../src/store/history.js';
import { attemptScores, itemTotals } from '../../src/store/item-analysis-queries.js';
import { openDb } from '../../src/store/open.js';

const BANK_IDS = ['m1-a-001', 'm1-a-002', 'm1-a-003', 'm2-b-001'];
const BANK = new Set(BANK_IDS);
const ALL = [...BANK_IDS, 'm9-gone-001']; // an item no longer in the bank: left out of scores and totals

describe('item analysis counted by SQLite', () => {
  it('gives the same analysis as the one built from every answer, for any history', () => {
    const attempt = fc.record({
      mode: fc.constantFrom('practice', 'exam'),
      submitted: fc.boolean(),
      answers: fc.array(fc.record({ item: fc.integer({ min: 0, max: ALL.length - 1 }), response: fc.constantFrom('"A"', '"B"', '"C"', 'true', '["A","C"]'), correct: fc.boolean() }), { maxLength: 14 }),
    });
    fc.assert(
      fc.property(fc.array(attempt, { maxLength: 16 }), (attempts) => {
        const store = new HistoryStore(openDb(':memory:'), ':memory:');
        try {
          for (const a of attempts) {
            const id = store.createAttempt({ mode: a.mode as 'practice' | 'exam', seed: 's', params: { count: 1, modules: [], bank: 'b' }, timeLimitS: null, startedAt: '2026-01-01T00:00:00.000Z', items: [] });
            a.answers.forEach((r, position) => {
              connectionOf(store)
                .prepare(`INSERT INTO responses (attempt_id, position, item_id, item_hash, module, topic, domain, choice_order, response, correct, flagged, time_ms, answered_at)
                          VALUES (?, ?, ?, 'h', 1, 't', 'clinical', '[]', ?, ?, 0, 0, '2026-01-01T10:00:00.000Z')`)
                .run(id, position, ALL[r.item], r.response, r.correct ? 1 : 0);
            });
            if (a.submitted) connectionOf(store).prepare("UPDATE attempts SET status = 'submitted' WHERE id = ?").run(id);
          }
          const text = (raw: string) => {
            const v = JSON.parse(raw) as string | boolean | string[];
            return typeof v === 'boolean' ? String(v) : Array.isArray(v) ? v.join(',') : v;
          };
          const fromEveryAnswer = analyseItems(
            store
              .answeredResponses()
              .filter((r) => BANK.has(r.itemId))
              .map((r) => ({ attemptId: r.attemptId, itemId: r.itemId, correct: r.correct, choice: text(r.response) })),
          );
          const { strong, weak } = splitAttempts(attemptScores(connectionOf(store), BANK));
          const counted = analyseItemTotals(
            itemTotals(connectionOf(store), BANK, { strong: [...strong], weak: [...weak] }).map((t) => {
              const picks = new Map<string, number>();
              for (const w of t.wrong) picks.set(text(w.response), (picks.get(text(w.response)) ?? 0) + w.count);
              return { ...t, wrongPicks: [...picks].map(([choice, count]) => ({ choice, count })) };
            }),
          );
          const byId = (list: typeof counted) => [...list].sort((x, y) => x.itemId.localeCompare(y.itemId));
          expect(byId(counted)).toEqual(byId(fromEveryAnswer));
        } finally {
          store.close();
        }
      }),
      { numRuns: 150 },
    );
  });
});
