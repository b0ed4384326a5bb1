import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { poolOf } from '../../src/bank/pool.js';
import type { Bank } from '../../src/bank/types.js';
import { itemCountsOf, itemTotalsOf, wrongAnswersOf } from '../../src/commands/bank-items.js';
import { reportFromCounts, reportOf } from '../../src/report/item-report.js';
import { analyseItems, analyseItemTotals } from '../../src/report/item-analysis.js';
import { HistoryStore, connectionOf } from '../../src/store/history.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { openDb } from '../../src/store/open.js';
import { question } from '../helpers/bank.js';
import { compiledPool } from '../helpers/compiled-pool.js';

const BANK_IDS = ['m1-a-001', 'm1-a-002', 'm1-a-003', 'm2-b-001'];
const BANK = new Set(BANK_IDS);
const ALL = [...BANK_IDS, 'm9-gone-001']; // an item no longer in the bank: in its attempts' scores (the test as taken), not reported
const KEYS = new Map<string, readonly string[]>([['m2-b-001', ['A', 'C']]]); // a select-all item
// Lists of letters (a select-all answer) and single answers, to any item (a changed item keeps its old answers).
const RESPONSES = ['"A"', '"B"', '"C"', 'true', '["A","C"]', '["B"]', '["A"]', '["A","B","C"]'];

/*
 * Random histories written the ways the app writes (an answer is an upsert on
 * its attempt and position; exams are submitted or set aside; an unfinished
 * attempt may be dropped), plus writes the app never makes (an answer changed
 * or deleted after its attempt closed), to hold the triggers to the rule.
 */
const op = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('start' as const), mode: fc.constantFrom('practice' as const, 'exam' as const) }) },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('answer' as const),
      attempt: fc.nat(),
      anyAttempt: fc.boolean(),
      position: fc.integer({ min: 0, max: 7 }),
      item: fc.integer({ min: 0, max: ALL.length - 1 }),
      response: fc.option(fc.nat(), { freq: 6 }),
      correct: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('submit' as const, 'abandon' as const), attempt: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('drop' as const, 'deleteAnswer' as const), attempt: fc.nat(), position: fc.integer({ min: 0, max: 7 }) }) },
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function apply(db: Database.Database, ops: Op[]): void {
  const ids: number[] = [];
  const pick = (n: number) => ids[n % ids.length];
  for (const o of ops) {
    if (o.kind === 'start' || ids.length === 0) {
      const mode = o.kind === 'start' ? o.mode : 'practice';
      ids.push(Number(db.prepare("INSERT INTO attempts (mode, started_at, seed, params) VALUES (?, 'x', 's', '{}')").run(mode).lastInsertRowid));
      if (o.kind === 'start') continue;
    }
    if (o.kind === 'answer') {
      // Mostly the newest attempt (as the app writes); sometimes any attempt, closed or not.
      const id = o.anyAttempt ? pick(o.attempt) : ids[ids.length - 1];
      db.prepare(
        `INSERT INTO responses (attempt_id, position, item_id, item_hash, module, topic, domain, choice_order, response, correct, answered_at)
         VALUES (?, ?, ?, 'h', 1, 't', 'clinical', '[]', ?, ?, '2026-01-01T10:00:00.000Z')
         ON CONFLICT (attempt_id, position) DO UPDATE SET item_id = excluded.item_id, response = excluded.response, correct = excluded.correct`,
      ).run(id, o.position, ALL[o.item], o.response === null ? null : RESPONSES[o.response % RESPONSES.length], o.response !== null && o.correct ? 1 : 0);
    }
    if (o.kind === 'submit') db.prepare("UPDATE attempts SET status = 'submitted' WHERE id = ? AND status = 'in_progress'").run(pick(o.attempt));
    if (o.kind === 'abandon') db.prepare("UPDATE attempts SET status = 'abandoned' WHERE id = ? AND status = 'in_progress'").run(pick(o.attempt));
    if (o.kind === 'drop') {
      const id = pick(o.attempt)!;
      if (db.prepare("DELETE FROM attempts WHERE id = ? AND status = 'in_progress'").run(id).changes === 1) ids.splice(ids.indexOf(id), 1);
    }
    if (o.kind === 'deleteAnswer') db.prepare('DELETE FROM responses WHERE attempt_id = ? AND position = ?').run(pick(o.attempt), o.position);
  }
}

const COUNTED = "r.response IS NOT NULL AND (a.mode = 'practice' OR a.status = 'submitted')";

/** What migration 12's tables must hold, computed over the whole log. */
function fromTheLog(db: Database.Database) {
  const answers = db.prepare(`SELECT r.item_id, r.correct, r.response, count(*) AS count FROM responses r JOIN attempts a ON a.id = r.attempt_id WHERE ${COUNTED} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`).all();
  const scores = db
    .prepare(
      `SELECT r.attempt_id, count(*) AS answered, sum(r.correct) AS correct,
         CASE WHEN a.status <> 'in_progress' AND (a.mode = 'practice' OR a.status = 'submitted') AND count(*) >= 5 THEN (100 * sum(r.correct)) / count(*) END AS band
       FROM responses r JOIN attempts a ON a.id = r.attempt_id WHERE r.response IS NOT NULL GROUP BY 1 ORDER BY 1`,
    )
    .all() as { attempt_id: number; answered: number; correct: number; band: number | null }[];
  const bandOf = new Map(scores.map((s) => [s.attempt_id, s.band]));
  const rows = db.prepare('SELECT attempt_id, item_id, correct FROM responses WHERE response IS NOT NULL').all() as { attempt_id: number; item_id: string; correct: number }[];
  const bands = new Map<string, { band: number; item_id: string; answered: number; correct: number }>();
  for (const r of rows) {
    const band = bandOf.get(r.attempt_id);
    if (band === null || band === undefined) continue;
    const key = `${band}|${r.item_id}`;
    const b = bands.get(key) ?? { band, item_id: r.item_id, answered: 0, correct: 0 };
    b.answered++;
    b.correct += r.correct;
    bands.set(key, b);
  }
  return { answers, scores, bands: [...bands.values()].sort((x, y) => x.band - y.band || x.item_id.localeCompare(y.item_id)) };
}

function kept(db: Database.Database) {
  return {
    answers: db.prepare('SELECT item_id, correct, response, count FROM item_answer_counts WHERE count <> 0 ORDER BY 1, 2, 3').all(),
    scores: db.prepare('SELECT attempt_id, answered, correct, band FROM attempt_scores WHERE answered <> 0 ORDER BY 1').all(),
    bands: db.prepare('SELECT band, item_id, answered, correct FROM item_band_stats WHERE answered <> 0 ORDER BY 1, 2').all(),
  };
}

/** The analysis the classic way, from every counted answer: attempts scored on all they hold, the bank's items reported. */
function analysedFromEveryAnswer(store: HistoryStore) {
  const text = (raw: string) => {
    const v = JSON.parse(raw) as string | boolean | string[];
    return typeof v === 'boolean' ? String(v) : Array.isArray(v) ? v.join(',') : v;
  };
  return analyseItems(
    store
      .answeredResponses()
      .map((r) => ({ attemptId: r.attemptId, itemId: r.itemId, correct: r.correct, choice: text(r.response), ...(KEYS.has(r.itemId) ? { key: KEYS.get(r.itemId)! } : {}) })),
  ).filter((item) => BANK.has(item.itemId));
}

function analysedFromAggregates(store: HistoryStore) {
  return analyseItemTotals(itemTotalsOf(store, BANK, (ids) => new Map(ids.filter((id) => KEYS.has(id)).map((id) => [id, KEYS.get(id)!]))));
}

const byId = <T extends { itemId: string }>(list: T[]) => [...list].sort((x, y) => x.itemId.localeCompare(y.itemId));

describe('item analysis from running aggregates', () => {
  it('keeps per-item answers, attempt scores and score bands equal to the whole log, after any writes', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const store = new HistoryStore(openDb(':memory:'), ':memory:');
        try {
          apply(connectionOf(store), ops);
          expect(kept(connectionOf(store))).toEqual(fromTheLog(connectionOf(store)));
        } finally {
          store.close();
        }
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same analysis, discrimination included, as the one built from every answer', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const store = new HistoryStore(openDb(':memory:'), ':memory:');
        try {
          apply(connectionOf(store), ops);
          expect(byId(analysedFromAggregates(store))).toEqual(byId(analysedFromEveryAnswer(store)));
        } finally {
          store.close();
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the score sums discrimination reads equal to the bands of the closed attempts, after any writes', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const store = new HistoryStore(openDb(':memory:'), ':memory:');
        try {
          const db = connectionOf(store);
          apply(db, ops);
          const kept = db.prepare('SELECT item_id, answered, correct, band_right, band_wrong, band_squares FROM item_score_sums WHERE answered <> 0 ORDER BY 1').all();
          const fromBands = db
            .prepare(
              `SELECT item_id, sum(answered) AS answered, sum(correct) AS correct, sum(band * correct) AS band_right, sum(band * (answered - correct)) AS band_wrong,
                 sum(band * band * answered) AS band_squares FROM item_band_stats GROUP BY item_id HAVING sum(answered) <> 0 ORDER BY 1`,
            )
            .all();
          expect(kept).toEqual(fromBands);
        } finally {
          store.close();
        }
      }),
      { numRuns: 200 },
    );
  });

  it('are filled from the existing history when a schema-11 database is upgraded, and give the analysis built from every answer', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const db = new Database(':memory:');
        try {
          db.pragma('foreign_keys = ON');
          for (const sql of MIGRATIONS.slice(0, 11)) db.exec(sql);
          apply(db, ops);
          for (const sql of MIGRATIONS.slice(11)) db.exec(sql);
          expect(kept(db)).toEqual(fromTheLog(db));
          // Migration 14's running sums and their triggers are gone (migration 15): nothing reads them.
          expect(db.prepare("SELECT name FROM sqlite_schema WHERE name LIKE 'item_band_running%'").all()).toEqual([]);
          const store = new HistoryStore(db, ':memory:');
          expect(byId(analysedFromAggregates(store))).toEqual(byId(analysedFromEveryAnswer(store)));
        } finally {
          db.close();
        }
      }),
      { numRuns: 100 },
    );
  });

  it('shows the same first items, counts and flags from counts (wrong answers read for few items) as from the whole analysis', () => {
    // Attempts of 5 to 8 answers, some items answered mostly wrong (so that a wrong pick can flag them), some open.
    const attempt = fc.record({
      status: fc.constantFrom('submitted', 'submitted', 'in_progress'),
      answers: fc.array(fc.record({ item: fc.integer({ min: 0, max: ALL.length - 1 }), response: fc.nat(), right: fc.integer({ min: 0, max: 9 }) }), { minLength: 5, maxLength: 8 }),
    });
    fc.assert(
      fc.property(fc.array(attempt, { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 5 }), (attempts, hardness, limit) => {
        const store = new HistoryStore(openDb(':memory:'), ':memory:');
        try {
          const db = connectionOf(store);
          const insertAttempt = db.prepare("INSERT INTO attempts (mode, started_at, seed, params) VALUES ('practice', 'x', 's', '{}')");
          const insertAnswer = db.prepare(`INSERT INTO responses (attempt_id, position, item_id, item_hash, module, topic, domain, choice_order, response, correct, answered_at)
                                           VALUES (?, ?, ?, 'h', 1, 't', 'clinical', '[]', ?, ?, 'x')`);
          const submit = db.prepare("UPDATE attempts SET status = 'submitted' WHERE id = ?");
          for (const a of attempts) {
            const id = Number(insertAttempt.run().lastInsertRowid);
            a.answers.forEach((answer, position) => insertAnswer.run(id, position, ALL[answer.item], RESPONSES[answer.response % RESPONSES.length], answer.right >= hardness ? 1 : 0));
            if (a.status === 'submitted') submit.run(id);
          }
          const keysOf = (ids: string[]) => new Map(ids.filter((id) => KEYS.has(id)).map((id) => [id, KEYS.get(id)!]));
          const whole = reportOf(analyseItemTotals(itemTotalsOf(store, BANK, keysOf)), limit);
          const read: string[][] = [];
          const fromCounts = reportFromCounts(itemCountsOf(store, BANK), limit, (ids) => (read.push(ids), wrongAnswersOf(store, ids, keysOf)));
          expect(fromCounts).toEqual(whole);
          // Only the items shown, and those more than half wrong, had their wrong answers read.
          const mostlyWrong = new Set(itemCountsOf(store, BANK).filter((t) => 2 * (t.answered - t.correct) > t.answered).map((t) => t.itemId));
          for (const id of read.flat()) expect(mostlyWrong.has(id) || whole.shown.some((a) => a.itemId === id)).toBe(true);
        } finally {
          store.close();
        }
      }),
      { numRuns: 150 },
    );
  });

  it("gives a select-all item's key from the compiled bank without reading a question, and no key for any other item", () => {
    const questions = [
      question('m1-a-001', 1),
      question('m1-a-002', 1, { type: 'multi', answer: ['A', 'C'] }),
      question('m1-a-003', 1, { type: 'truefalse', answer: true }),
      question('constructor', 1, { type: 'multi', answer: ['B'] }),
    ];
    const bank: Bank = { modules: [], forms: [], questions, cards: [], questionsById: new Map(questions.map((q) => [q.id, q])), cardsById: new Map() };
    const { pool, reads } = compiledPool(bank);
    const asked = ['m1-a-001', 'm1-a-002', 'm1-a-003', 'constructor', 'toString', '__proto__', 'm9-gone-001'];
    const keys = asked.map((id) => pool.selectAllKey(id));
    expect(keys).toEqual([undefined, ['A', 'C'], undefined, ['B'], undefined, undefined, undefined]);
    expect(reads()).toBe(0);
    expect(asked.map((id) => poolOf(bank).selectAllKey(id))).toEqual(keys);
  });
});
