import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/open.js';
import { HistoryStore, connectionOf } from '../../src/store/history.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { tempDir } from '../helpers/cli.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

/** What the running totals must equal: the answers that count, aggregated the slow way. */
function bruteForce(db: Database.Database) {
  const topics = db
    .prepare(
      `SELECT r.module, r.topic, substr(r.answered_at, 1, 10) AS day, count(*) AS answered, sum(r.correct) AS correct
       FROM responses r JOIN attempts a ON a.id = r.attempt_id
       WHERE r.response IS NOT NULL AND (a.mode = 'practice' OR a.status = 'submitted')
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    )
    .all();
  const items = db
    .prepare(
      `SELECT r.item_id, count(*) AS answered, sum(r.correct) AS correct FROM responses r JOIN attempts a ON a.id = r.attempt_id
       WHERE r.response IS NOT NULL AND (a.mode = 'practice' OR a.status = 'submitted') GROUP BY 1 ORDER BY 1`,
    )
    .all();
  // Quarter-hours (migration 8), counted here in JavaScript from each answer's time.
  const quarterRows = db
    .prepare(
      `SELECT r.module, r.topic, r.answered_at AS at, r.correct FROM responses r JOIN attempts a ON a.id = r.attempt_id
       WHERE r.response IS NOT NULL AND (a.mode = 'practice' OR a.status = 'submitted')`,
    )
    .all() as { module: number; topic: string; at: string; correct: number }[];
  const byQuarter = new Map<string, { module: number; topic: string; quarter: string; answered: number; correct: number }>();
  for (const r of quarterRows) {
    const t = new Date(r.at);
    t.setUTCMinutes(Math.floor(t.getUTCMinutes() / 15) * 15, 0, 0);
    const quarter = t.toISOString().slice(0, 16);
    const key = `${r.module}|${r.topic}|${quarter}`;
    const q = byQuarter.get(key) ?? { module: r.module, topic: r.topic, quarter, answered: 0, correct: 0 };
    q.answered++;
    q.correct += r.correct;
    byQuarter.set(key, q);
  }
  const quarters = [...byQuarter.values()].sort((a, b) => a.module - b.module || a.topic.localeCompare(b.topic) || a.quarter.localeCompare(b.quarter));
  const firsts = db
    .prepare(
      `SELECT item_id, answered_at, correct FROM (
         SELECT r.item_id, r.answered_at, r.correct, row_number() OVER (PARTITION BY r.item_id ORDER BY r.answered_at, r.attempt_id, r.position) AS k
         FROM responses r JOIN attempts a ON a.id = r.attempt_id
         WHERE r.response IS NOT NULL AND (a.mode = 'practice' OR a.status = 'submitted'))
       WHERE k = 1 ORDER BY 1`,
    )
    .all();
  return { topics, items, quarters, firsts };
}

function totals(db: Database.Database) {
  return {
    topics: db.prepare('SELECT module, topic, day, answered, correct FROM topic_day_stats WHERE answered > 0 ORDER BY 1, 2, 3').all(),
    items: db.prepare('SELECT item_id, answered, correct FROM item_stats WHERE answered > 0 ORDER BY 1').all(),
    quarters: db.prepare('SELECT module, topic, quarter, answered, correct FROM topic_quarter_stats WHERE answered > 0 ORDER BY 1, 2, 3').all(),
    // Each item's first counted answer (migration 11), for readiness.
    firsts: db.prepare('SELECT item_id, answered_at, correct FROM item_first ORDER BY 1').all(),
  };
}

const op = fc.oneof(
  fc.record({ kind: fc.constant('start' as const), mode: fc.constantFrom('exam' as const, 'practice' as const) }),
  fc.record({ kind: fc.constant('answer' as const), position: fc.integer({ min: 0, max: 3 }), item: fc.integer({ min: 1, max: 4 }), correct: fc.boolean(), blank: fc.boolean(), day: fc.integer({ min: 1, max: 3 }), minute: fc.integer({ min: 0, max: 59 }) }),
  fc.record({ kind: fc.constant('submit' as const) }),
);

describe('running totals kept by triggers', () => {
  it('always equal the answers that count: practice at once, exams once submitted, changed answers once', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
        const store = new HistoryStore(openDb(':memory:'), ':memory:');
        let attempt: { id: number; mode: 'exam' | 'practice' } | null = null;
        for (const o of ops) {
          if (o.kind === 'start' || attempt === null) {
            const mode = o.kind === 'start' ? o.mode : 'exam';
            attempt = { id: store.createAttempt({ mode, seed: 's', params: { count: 4, modules: [], bank: 'b' }, timeLimitS: null, startedAt: 'x', items: [] }), mode };
          }
          if (o.kind === 'answer') {
            store.saveResponse(
              {
                attemptId: attempt.id,
                position: o.position,
                itemId: `m1-t-00${o.item}`,
                itemHash: 'h',
                module: 1,
                topic: o.item % 2 ? 'odd' : 'even',
                domain: 'clinical',
                choiceOrder: [],
                response: o.blank ? null : 'A',
                correct: !o.blank && o.correct,
                flagged: false,
                timeMs: 1,
                answeredAt: `2026-01-0${o.day}T10:${String(o.minute).padStart(2, '0')}:00.000Z`,
              },
              { elapsedMs: 0, currentPos: 0 },
            );
          }
          if (o.kind === 'submit') {
            store.finishAttempt(attempt.id, { correct: 0, total: 4, passed: false, finishedAt: 'y', elapsedMs: 0 });
            attempt = null;
          }
        }
        expect(totals(connectionOf(store))).toEqual(bruteForce(connectionOf(store)));
        store.close();
      }),
      { numRuns: 150 },
    );
  });

  it('are filled from existing history when an older database is upgraded', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = `${t.dir}/old.db`;
    // A database at schema 3, before running totals existed, with one practice answer and one submitted exam answer.
    const old = new Database(path);
    for (const sql of MIGRATIONS.slice(0, 3)) old.exec(sql);
    old.pragma('user_version = 3');
    old.exec(`INSERT INTO attempts (id, mode, status, started_at, seed, params) VALUES (1, 'practice', 'in_progress', 'x', 's', '{}'), (2, 'exam', 'submitted', 'x', 's', '{}'), (3, 'exam', 'in_progress', 'x', 's', '{}');
      INSERT INTO responses (attempt_id, position, item_id, item_hash, module, topic, domain, choice_order, response, correct, answered_at) VALUES
        (1, 0, 'm1-t-001', 'h', 1, 't', 'clinical', '[]', '"A"', 1, '2026-01-01T00:00:00Z'),
        (2, 0, 'm1-t-001', 'h', 1, 't', 'clinical', '[]', '"B"', 0, '2026-01-02T00:00:00Z'),
        (3, 0, 'm1-t-002', 'h', 1, 't', 'clinical', '[]', '"B"', 0, '2026-01-02T00:00:00Z'),
        (1, 1, 'm1-t-003', 'h', 1, 't', 'clinical', '[]', '"C"', 1, '2026-01-01T00:00:00Z');`);
    old.close();
    const store = new HistoryStore(openDb(path), path);
    expect(connectionOf(store).pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(totals(connectionOf(store))).toEqual(bruteForce(connectionOf(store)));
    expect(store.lastAnswersOf(['m1-t-001', 'm1-t-002', 'm1-t-003', 'm1-t-999'])).toEqual([false, undefined, true, undefined]);
    store.close();
  });
});
