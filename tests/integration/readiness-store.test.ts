import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readinessFrom, readinessInput } from '../../src/commands/readiness-input.js';
import type { Module } from '../../src/bank/schema.js';
import { HistoryStore, type AttemptParams } from '../../src/store/history.js';
import { connectionOf } from '../../src/store/history.js';
import { openDb } from '../../src/store/open.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import Database from 'better-sqlite3';
import { firstExposures, takenForms } from '../../src/store/readiness-queries.js';
import { simulate } from '../../scripts/readiness/simulate.js';
import { syntheticBank } from '../helpers/bank.js';
import { tempDir } from '../helpers/cli.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('mrso-readiness-'));
});
afterEach(() => cleanup());

const DAY = 86_400_000;
const start = Date.parse('2026-10-01T15:00:00Z');

/** One attempt of `answers` (item id, right or not) on day `day`, submitted unless `open`. */
function attempt(store: HistoryStore, mode: 'practice' | 'exam', day: number, answers: [string, boolean, boolean?][], extra: Record<string, number> = {}, open = false): void {
  const t = start + day * DAY;
  const id = store.createAttempt({
    mode,
    seed: 's',
    params: { count: answers.length, modules: [], bank: 'b', ...extra } as AttemptParams,
    timeLimitS: null,
    startedAt: new Date(t).toISOString(),
    items: answers.map(([itemId], position) => ({ position, itemId, itemHash: 'h', choiceOrder: [] })),
  });
  answers.forEach(([itemId, correct, guess], position) => {
    store.saveResponse(
      { attemptId: id, position, itemId, itemHash: 'h', module: Number(itemId.slice(1, 2)), topic: 't', domain: 'clinical', choiceOrder: [], response: 'A', correct, flagged: false, timeMs: 1, answeredAt: new Date(t + position * 1000).toISOString() },
      { elapsedMs: 0, currentPos: position },
    );
    if (guess) connectionOf(store).prepare('UPDATE responses SET guess = 1 WHERE attempt_id = ? AND position = ?').run(id, position);
  });
  if (!open) store.finishAttempt(id, { correct: 0, total: answers.length, passed: false, finishedAt: new Date(t + 3_600_000).toISOString(), elapsedMs: 0 });
}

describe('first exposure in the history', () => {
  it('keeps each item\'s first answer only: later right answers to a missed item do not count', () => {
    const store = new HistoryStore(openDb(`${dir}/h.db`), `${dir}/h.db`);
    attempt(store, 'practice', 0, [['m1-t-001', false], ['m1-t-002', true, true]]);
    attempt(store, 'practice', 1, [['m1-t-001', true], ['m1-t-002', true]]);
    attempt(store, 'practice', 2, [['m1-t-001', true], ['m1-t-003', true]]);
    // An exam in progress can still change: its answers are not first answers yet.
    attempt(store, 'exam', 3, [['m1-t-004', true]], {}, true);
    const rows = firstExposures(connectionOf(store)).sort((a, b) => a.itemId.localeCompare(b.itemId));
    expect(rows.map((r) => [r.itemId, r.correct, r.guess, r.answeredAt.slice(0, 10)])).toEqual([
      ['m1-t-001', false, false, '2026-10-01'],
      ['m1-t-002', true, true, '2026-10-01'],
      ['m1-t-003', true, false, '2026-10-03'],
    ]);
    store.close();
  });

  it('records which answers came on a held-out form taken as a form, and which forms were taken', () => {
    const store = new HistoryStore(openDb(`${dir}/h.db`), `${dir}/h.db`);
    attempt(store, 'exam', 0, [['m1-t-001', true], ['m2-t-001', false]], { form: 2 });
    attempt(store, 'exam', 1, [['m1-t-009', true]], { form: 1 }, true);
    attempt(store, 'exam', 1, [['m1-t-005', true]]);
    expect(takenForms(connectionOf(store))).toEqual([2]);
    expect(firstExposures(connectionOf(store)).map((r) => [r.itemId, r.form]).sort()).toEqual([
      ['m1-t-001', 2],
      ['m1-t-005', null],
      ['m2-t-001', 2],
    ]);
    store.close();
  });

  it('cannot be raised by answering memorised items again', () => {
    const { modules } = syntheticBank([60, 60], [50, 50]);
    const store = new HistoryStore(openDb(`${dir}/h.db`), `${dir}/h.db`);
    const first: [string, boolean][] = [];
    for (const m of [1, 2]) for (let i = 1; i <= 40; i++) first.push([`m${m}-t-${String(i).padStart(3, '0')}`, i % 5 !== 0 && i % 3 !== 0]);
    attempt(store, 'practice', 0, first);
    const now = new Date(start + 20 * DAY);
    const before = readinessFrom(readinessInput(store, { forms: [] }, now), modules as Module[], null);
    // Five more rounds of the same items, every one right now (the keys were shown).
    for (let round = 1; round <= 5; round++) attempt(store, 'practice', round * 3, first.map(([id]) => [id, true]));
    const after = readinessFrom(readinessInput(store, { forms: [] }, now), modules as Module[], null);
    expect(before.enoughData).toBe(true);
    expect(after.today).toEqual(before.today);
    expect(before.today!.expected).toBeLessThan(60);
    store.close();
  });
});

describe('the first-answer table kept by triggers', () => {
  it('follows a guess mark set after the answer, and an exam answered earlier but submitted later', () => {
    const store = new HistoryStore(openDb(`${dir}/h.db`), `${dir}/h.db`);
    // An exam started on day 0 and left open; practice answers the same item on day 1; the exam is submitted on day 2.
    const examId = store.createAttempt({ mode: 'exam', seed: 's', params: { count: 1, modules: [], bank: 'b' }, timeLimitS: null, startedAt: new Date(start).toISOString(), items: [{ position: 0, itemId: 'm1-t-001', itemHash: 'h', choiceOrder: [] }] });
    store.saveResponse({ attemptId: examId, position: 0, itemId: 'm1-t-001', itemHash: 'h', module: 1, topic: 't', domain: 'clinical', choiceOrder: [], response: 'B', correct: false, flagged: false, timeMs: 1, answeredAt: new Date(start).toISOString() }, { elapsedMs: 0, currentPos: 0 });
    attempt(store, 'practice', 1, [['m1-t-001', true]]);
    expect(firstExposures(connectionOf(store)).map((r) => [r.itemId, r.correct])).toEqual([['m1-t-001', true]]);
    store.finishAttempt(examId, { correct: 0, total: 1, passed: false, finishedAt: new Date(start + 2 * DAY).toISOString(), elapsedMs: 0 });
    expect(firstExposures(connectionOf(store)).map((r) => [r.itemId, r.correct, r.answeredAt.slice(0, 10)])).toEqual([['m1-t-001', false, '2026-10-01']]);
    attempt(store, 'practice', 3, [['m1-t-002', true]]);
    connectionOf(store).prepare("UPDATE responses SET guess = 1 WHERE item_id = 'm1-t-002'").run();
    expect(firstExposures(connectionOf(store)).find((r) => r.itemId === 'm1-t-002')!.guess).toBe(true);
    store.close();
  });

  it('is filled from the answers already recorded when an older history is upgraded', () => {
    const path = `${dir}/old.db`;
    const old = new Database(path);
    for (const [v, sql] of MIGRATIONS.slice(0, 6).entries()) {
      old.exec(sql);
      old.pragma(`user_version = ${v + 1}`);
    }
    old.close();
    // Write the history through the store at schema 6 (no first-answer table yet), then upgrade it.
    const raw = new Database(path);
    raw.exec(`INSERT INTO attempts (id, mode, status, started_at, seed, params) VALUES (1, 'practice', 'submitted', '2026-10-01T10:00:00Z', 's', '{}'), (2, 'exam', 'submitted', '2026-10-02T10:00:00Z', 's', '{"form":1}'), (3, 'exam', 'in_progress', '2026-09-01T10:00:00Z', 's', '{}')`);
    raw.exec(`INSERT INTO responses (attempt_id, position, item_id, item_hash, module, topic, domain, choice_order, response, correct, answered_at) VALUES
      (1, 0, 'm1-t-001', 'h', 1, 't', 'clinical', '[]', '"A"', 0, '2026-10-01T10:00:00Z'),
      (2, 0, 'm1-t-001', 'h', 1, 't', 'clinical', '[]', '"A"', 1, '2026-10-02T10:00:00Z'),
      (2, 1, 'm2-t-001', 'h', 2, 't', 'clinical', '[]', '"A"', 1, '2026-10-02T10:01:00Z'),
      (3, 0, 'm2-t-001', 'h', 2, 't', 'clinical', '[]', '"A"', 0, '2026-09-01T10:00:00Z')`);
    raw.close();
    const db = openDb(path);
    expect(firstExposures(db).map((r) => [r.itemId, r.correct, r.form]).sort()).toEqual([
      ['m1-t-001', false, null],
      ['m2-t-001', true, 1],
    ]);
    db.close();
  });
});

describe('the readiness validation harness', () => {
  it('gives finite figures for a small seeded run through the real draw, store and estimator', () => {
    const { modules, questions } = syntheticBank([150, 150], [50, 50]);
    const result = simulate({ modules, questions, forms: [] }, { learners: 4, seed: 'unit' });
    expect(result.learners).toBe(4);
    for (const f of [result.model, result.allAnswers]) {
      for (const x of [f.coverage, f.mae, f.brier]) expect(Number.isFinite(x)).toBe(true);
    }
  });
});
