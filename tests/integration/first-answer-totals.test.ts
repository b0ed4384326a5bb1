import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { readinessInput, readinessTotals } from '../../src/commands/readiness-input.js';
import { buildStatsView } from '../../src/report/stats.js';
import { totalFirstAnswers, type FirstAnswer, type FirstAnswerTotal } from '../../src/report/first-exposure.js';
import type { Module } from '../../src/bank/schema.js';
import { HistoryStore, connectionOf } from '../../src/store/history.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { openDb } from '../../src/store/open.js';
import { tempDir } from '../helpers/cli.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const DAY_MS = 86_400_000;
const ITEMS = ['m1-a-001', 'm1-a-002', 'm1-b-003', 'm2-c-004', 'm2-c-005', 'm3-d-006'];
const placeOf = (item: string) => {
  const [m, t] = item.split('-');
  return { module: Number(m!.slice(1)), topic: t!, domain: t === 'd' ? 'static-field' : 'clinical' };
};
const modules = [1, 2, 3].map((number) => ({ number, title: `M${number}`, weight: 10 * number, topics: { a: { title: 'A', domain: 'clinical' }, b: { title: 'B', domain: 'clinical' }, c: { title: 'C', domain: 'clinical' }, d: { title: 'D', domain: 'static-field' } } })) as unknown as Module[];

/**
 * The rule over the whole log: each item's first counted answer (practice, or a
 * submitted exam; earliest by time, attempt, position), dated against `now`,
 * its form from the attempt's params. Drill items and other modules left out.
 */
function firstAnswersByHand(db: Database.Database, now: number, opts: { modules: number[]; drills: string[] }): FirstAnswer[] {
  const rows = db
    .prepare(
      `SELECT r.item_id, r.module, r.topic, r.domain, r.correct, r.guess, r.answered_at, a.params FROM responses r JOIN attempts a ON a.id = r.attempt_id
       WHERE r.response IS NOT NULL AND (a.mode = 'practice' OR a.status = 'submitted')
       ORDER BY r.answered_at, r.attempt_id, r.position`,
    )
    .all() as { item_id: string; module: number; topic: string; domain: string; correct: number; guess: number; answered_at: string; params: string }[];
  const seen = new Set<string>();
  const answers: FirstAnswer[] = [];
  for (const r of rows) {
    if (seen.has(r.item_id)) continue;
    seen.add(r.item_id);
    if (opts.drills.includes(r.item_id) || (opts.modules.length > 0 && !opts.modules.includes(r.module))) continue;
    const form = (JSON.parse(r.params) as { form?: unknown }).form;
    answers.push({ module: r.module, topic: r.topic, domain: r.domain, correct: r.correct === 1, guess: r.guess === 1, onForm: Number.isInteger(form), daysAgo: (now - Date.parse(r.answered_at)) / DAY_MS });
  }
  return answers;
}

const keyOf = (g: FirstAnswerTotal) => `${g.module}|${g.topic}|${g.domain}|${g.correct}|${g.guess}|${g.onForm}`;
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

function expectSameTotals(got: FirstAnswerTotal[], want: FirstAnswerTotal[]): void {
  const wanted = new Map(want.map((g) => [keyOf(g), g]));
  expect(got.map(keyOf).sort()).toEqual([...wanted.keys()].sort());
  for (const g of got) {
    const w = wanted.get(keyOf(g))!;
    expect(g.count).toBe(w.count);
    expect(close(g.weight, w.weight), `${keyOf(g)} weight ${g.weight} vs ${w.weight}`).toBe(true);
    expect(close(g.weightedWeeks, w.weightedWeeks), `${keyOf(g)} weeks ${g.weightedWeeks} vs ${w.weightedWeeks}`).toBe(true);
  }
}

/** Every figure of two views equal, numbers to 1e-9 relative (sums taken in another order). */
function expectSameView(got: unknown, want: unknown, path = ''): void {
  if (typeof got === 'number' && typeof want === 'number') {
    expect(close(got, want), `${path}: ${got} vs ${want}`).toBe(true);
    return;
  }
  if (got === null || typeof got !== 'object' || want === null || typeof want !== 'object') {
    expect(got, path).toEqual(want);
    return;
  }
  const keys = new Set([...Object.keys(got), ...Object.keys(want)]);
  for (const k of keys) expectSameView((got as Record<string, unknown>)[k], (want as Record<string, unknown>)[k], `${path}.${k}`);
}

const op = fc.oneof(
  fc.record({ kind: fc.constant('start' as const), mode: fc.constantFrom('exam' as const, 'practice' as const), form: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }) }),
  fc.record({
    kind: fc.constant('answer' as const),
    position: fc.integer({ min: 0, max: 3 }),
    item: fc.integer({ min: 0, max: ITEMS.length - 1 }),
    correct: fc.boolean(),
    guess: fc.boolean(),
    blank: fc.boolean(),
    // Up to ~200 days back from the newest, across several 64-day spans, to the minute.
    minutesBack: fc.integer({ min: 0, max: 200 * 1440 }),
  }),
  fc.record({ kind: fc.constant('submit' as const) }),
  // What mrso deletes or sets aside: an unfinished attempt dropped when it holds nothing, or abandoned.
  fc.record({ kind: fc.constantFrom('drop' as const, 'abandon' as const) }),
);
const NEWEST = Date.parse('2026-12-07T21:13:27.512Z');

type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function play(store: HistoryStore, ops: Op[]): void {
  let attempt: number | null = null;
  for (const o of ops) {
    if (o.kind === 'start' || (o.kind === 'answer' && attempt === null)) {
      const start = o.kind === 'start' ? o : { mode: 'exam' as const, form: undefined };
      attempt = store.createAttempt({ mode: start.mode, seed: 's', params: { count: 4, modules: [], bank: 'b', ...(start.form ? { form: start.form } : {}) }, timeLimitS: null, startedAt: 'x', items: [] });
    }
    if (o.kind === 'answer' && attempt !== null) {
      const itemId = ITEMS[o.item]!;
      store.sessions().saveAnswer(
        { attemptId: attempt, position: o.position, itemId, itemHash: 'h', ...placeOf(itemId), choiceOrder: [], response: o.blank ? null : 'A', correct: !o.blank && o.correct, flagged: false, guess: o.guess, struck: [], timeMs: 1, answeredAt: new Date(NEWEST - o.minutesBack * 60_000 - 7_123).toISOString() },
        { elapsedMs: 0, currentPos: 0 },
      );
    }
    if (o.kind === 'submit' && attempt !== null) {
      store.finishAttempt(attempt, { correct: 0, total: 4, passed: false, finishedAt: 'y', elapsedMs: 0 });
      attempt = null;
    }
    if ((o.kind === 'drop' || o.kind === 'abandon') && attempt !== null) {
      if (o.kind === 'drop') store.sessions().dropIfEmpty(attempt);
      else store.sessions().discard(attempt);
      attempt = null;
    }
  }
}

describe('first-answer running totals (migration 13)', () => {
  it('equal the first answers summed one by one, after any answers, changes, submits, drops and abandons, for any day, --module and drill items', () => {
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 1, maxLength: 40 }),
        // "Now" from 120 days before the newest answer (later answers count as given now) to a year after it.
        fc.integer({ min: -120 * 1440, max: 365 * 1440 }),
        fc.subarray([1, 2, 3]),
        fc.subarray(ITEMS, { maxLength: 2 }),
        (ops, nowMinutes, mods, drills) => {
          const store = new HistoryStore(openDb(':memory:'), ':memory:');
          play(store, ops);
          const now = NEWEST + nowMinutes * 60_000;
          const byHand = firstAnswersByHand(connectionOf(store), now, { modules: mods, drills });
          const got = readinessTotals(store, { forms: [] }, new Date(now), { modules: mods, drillIds: drills });
          expectSameTotals(got.totals, totalFirstAnswers(byHand));
          // And the report built on them: readiness, rows, calibration.
          const view = (first: { firstAnswers: FirstAnswer[] } | { firstAnswerTotals: FirstAnswerTotal[] }) => buildStatsView({ buckets: [], exams: [], modules, since: null, formsTaken: [1], ...first });
          expectSameView(view({ firstAnswerTotals: got.totals }), view({ firstAnswers: byHand }));
          // The per-answer read (validation, and a retuned half-life) follows the same rule.
          expectSameTotals(totalFirstAnswers(readinessInput(store, { forms: [] }, new Date(now), { modules: mods, drillIds: drills }).answers), totalFirstAnswers(byHand));
          store.close();
        },
      ),
      { numRuns: 150 },
    );
  });

  it('are filled from the first answers already recorded when a database is upgraded', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = `${t.dir}/old.db`;
    // The step to migration 13 (first-answer totals) on a history at schema 12, then every later migration.
    const before = 12;
    const old = new Database(path);
    for (const sql of MIGRATIONS.slice(0, before)) old.exec(sql);
    old.pragma(`user_version = ${before}`);
    old.exec(`INSERT INTO attempts (id, mode, status, started_at, seed, params) VALUES (1, 'practice', 'in_progress', 'x', 's', '{}'), (2, 'exam', 'submitted', 'x', 's', '{"form":1}');
      INSERT INTO responses (attempt_id, position, item_id, item_hash, module, topic, domain, choice_order, response, correct, guess, answered_at) VALUES
        (1, 0, 'm1-a-001', 'h', 1, 'a', 'clinical', '[]', '"A"', 1, 1, '2026-03-01T10:00:00.000Z'),
        (2, 0, 'm1-a-001', 'h', 1, 'a', 'clinical', '[]', '"B"', 0, 0, '2026-02-01T10:00:00.000Z'),
        (2, 1, 'm2-c-004', 'h', 2, 'c', 'clinical', '[]', '"B"', 1, 0, '2026-06-01T23:59:59.999Z'),
        (1, 1, 'm3-d-006', 'h', 3, 'd', 'static-field', '[]', '"C"', 0, 1, '2026-09-30T04:00:00.000Z');`);
    old.close();
    const store = new HistoryStore(openDb(path), path);
    const now = new Date('2026-12-07T15:00:00Z');
    expectSameTotals(readinessTotals(store, { forms: [] }, now).totals, totalFirstAnswers(firstAnswersByHand(connectionOf(store), now.getTime(), { modules: [], drills: [] })));
    expect(readinessTotals(store, { forms: [] }, now).totals.reduce((s, g) => s + g.count, 0)).toBe(3);
    store.close();
  });
});
