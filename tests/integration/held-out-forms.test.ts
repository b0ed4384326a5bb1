import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { poolOf } from '../../src/bank/pool.js';
import type { Bank, MockForm } from '../../src/bank/types.js';
import { parseExamOptions, runExam, type ExamOptions } from '../../src/commands/exam.js';
import { pickReviewItems } from '../../src/commands/review.js';
import { missedQuestionIds, selectStudyItems } from '../../src/commands/study-context.js';
import { gatherToday } from '../../src/commands/today.js';
import { gatherStats } from '../../src/commands/stats-data.js';
import { outlineOf } from '../../src/bank/outline.js';
import { Interrupted, UsageError } from '../../src/errors.js';
import { HistoryStore, connectionOf } from '../../src/store/history.js';
import { openDb } from '../../src/store/open.js';
import { plainTheme } from '../../src/ui/theme.js';
import { syntheticBank } from '../helpers/bank.js';
import { compiledPool } from '../helpers/compiled-pool.js';
import { tempDir } from '../helpers/cli.js';
import { FakeClock, FakeUi, type Step } from '../helpers/fake-ui.js';

let dir: string;
let cleanup: () => void;
let store: HistoryStore;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('mrso-forms-'));
  store = new HistoryStore(openDb(`${dir}/h.db`), `${dir}/h.db`);
});
afterEach(() => {
  store.close();
  cleanup();
});

const FORMS: MockForm[] = [
  { number: 1, items: ['m2-t-003', 'm1-t-001', 'm1-t-004'] },
  { number: 2, items: ['m2-t-006'] },
];
const FORM_IDS = FORMS.flatMap((f) => f.items);

function bankOf(perModule = [6, 6], forms = FORMS): Bank {
  const { modules, questions } = syntheticBank(perModule);
  return { modules, forms, questions, cards: [], questionsById: new Map(questions.map((q) => [q.id, q])), cardsById: new Map() };
}

async function exam(script: Step[], over: Partial<ExamOptions>, bank = bankOf()) {
  const clock = new FakeClock();
  const ui = new FakeUi(script, clock);
  let error: unknown;
  try {
    await runExam({ count: 12, module: [], mode: 'exam', time: undefined, seed: 's', ...over }, { pool: poolOf(bank), bankDir: 'test', store, ui, theme: plainTheme, clock: clock.read });
  } catch (e) {
    error = e;
  }
  return { ui, error };
}

const db = () => connectionOf(store);
const drawn = (attempt: number) => (db().prepare('SELECT item_id FROM attempt_items WHERE attempt_id = ? ORDER BY position').all(attempt) as { item_id: string }[]).map((r) => r.item_id);

/** A submitted (or unfinished) exam attempt whose params record `form: n`, as `mrso exam --form n` leaves it. */
function tookForm(n: number, submitted = true): void {
  const id = store.createAttempt({ mode: 'exam', seed: 's', params: { count: 1, modules: [], bank: 'b', form: n }, timeLimitS: 60, startedAt: '2026-01-01T00:00:00.000Z', items: [] });
  if (submitted) db().prepare("UPDATE attempts SET status = 'submitted', finished_at = '2026-01-01T01:00:00.000Z' WHERE id = ?").run(id);
}

/** Answers recorded in one practice attempt (each a response row, as the exam writes them). */
function answered(rows: { id: string; correct: boolean; guess?: boolean; minute?: number }[]): void {
  const attempt = store.createAttempt({ mode: 'practice', seed: 's', params: { count: rows.length, modules: [], bank: 'b' }, timeLimitS: null, startedAt: '2026-01-01T00:00:00.000Z', items: [] });
  rows.forEach((r, position) => {
    db()
      .prepare(
        `INSERT INTO responses (attempt_id, position, item_id, item_hash, module, topic, domain, choice_order, response, correct, flagged, time_ms, answered_at, guess)
         VALUES (?, ?, ?, ?, ?, 't', 'clinical', '[]', '"A"', ?, 0, 1000, ?, ?)`,
      )
      .run(attempt, position, r.id, r.id, Number(r.id[1]), r.correct ? 1 : 0, `2026-01-01T10:${String(r.minute ?? position).padStart(2, '0')}:00.000Z`, r.guess ? 1 : 0);
  });
}

describe('held-out forms stay out of every draw until taken', () => {
  it('a random mock asking for the whole bank never draws an item of a form not yet taken', async () => {
    const { error, ui } = await exam(['q'], {});
    expect(error).toBeInstanceOf(Interrupted);
    const ids = drawn(1);
    expect(ids).toHaveLength(8);
    expect(ids.filter((id) => FORM_IDS.includes(id))).toEqual([]);
    expect(ui.printed.join('\n')).toMatch(/Only 8 questions match/);
  });

  it('a practice draw leaves them out too, and a taken form’s items return (only that form’s)', async () => {
    tookForm(1);
    tookForm(2, false); // an unfinished sitting of form 2 has not measured anything yet: still held out
    await exam(['q'], { mode: 'practice' });
    const ids = drawn(3);
    expect(ids).toHaveLength(11);
    expect(ids).toEqual(expect.arrayContaining(FORMS[0]!.items));
    expect(ids).not.toContain('m2-t-006');
  });

  it('mrso review --missed skips missed items of a form not yet taken, and offers them once it is taken', () => {
    answered([
      { id: 'm1-t-001', correct: false },
      { id: 'm1-t-002', correct: false },
    ]);
    const bank = bankOf();
    const review = () => pickReviewItems({ count: 20, missed: true }, compiledPool(bank).pool, store, new Date('2026-01-02T00:00:00Z')).map((q) => q.id);
    expect(review()).toEqual(['m1-t-002']);
    tookForm(1);
    expect(review().sort()).toEqual(['m1-t-001', 'm1-t-002']);
  });

  it('mrso review --weak never offers a held-out item from a weak topic', () => {
    answered(Array.from({ length: 6 }, (_, i) => ({ id: `m1-t-00${i + 1}`, correct: false })));
    const ids = pickReviewItems({ count: 20, weak: true }, compiledPool(bankOf()).pool, store, new Date('2026-01-02T00:00:00Z')).map((q) => q.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id) => FORM_IDS.includes(id))).toEqual([]);
  });

  it('mrso cards --missed leaves held-out items out until their form is taken', () => {
    answered([
      { id: 'm2-t-003', correct: false },
      { id: 'm2-t-004', correct: false },
    ]);
    const bank = bankOf();
    const cards = () => selectStudyItems(bank, { module: [], missed: true }, () => missedQuestionIds(store, bank.forms)).map((c) => c.id);
    expect(cards()).toEqual(['m2-t-004']);
    tookForm(1);
    expect(cards().sort()).toEqual(['m2-t-003', 'm2-t-004']);
  });
});

describe('mrso exam --form N', () => {
  it('runs the form’s items in their stored order as a timed full mock exam and records the form', async () => {
    const { ui } = await exam(['q'], { form: 1, count: 100 });
    expect(drawn(1)).toEqual(FORMS[0]!.items);
    const row = db().prepare('SELECT mode, params, time_limit_s FROM attempts WHERE id = 1').get() as { mode: string; params: string; time_limit_s: number };
    expect(row.mode).toBe('exam');
    expect(JSON.parse(row.params)).toMatchObject({ form: 1, count: 3, modules: [] });
    expect(row.time_limit_s).toBeGreaterThan(0);
    expect(ui.printed.join('\n')).toMatch(/Mock exam #1: 3 questions, \d+ min/);
  });

  it('once submitted, the form counts as taken', async () => {
    const answers = FORMS[1]!.items.flatMap(() => ['a', 'return']);
    await exam([...answers, 's', 'y'], { form: 2 });
    expect(store.takenForms()).toEqual([2]);
  });

  it('refuses an unknown form number in one line that lists the forms', async () => {
    const { error } = await exam([], { form: 7 });
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe("--form 7: no such form. The bank's forms are 1, 2.");
    expect(db().prepare('SELECT count(*) AS n FROM attempts').get()).toEqual({ n: 0 });
  });

  it('lets a taken form be taken again, with a one-line warning that it no longer measures first exposure', async () => {
    tookForm(2);
    const { ui } = await exam(['q'], { form: 2 });
    const warning = ui.printed.filter((l) => /no longer measures first exposure/.test(l));
    expect(warning).toHaveLength(1);
    expect(warning[0]).not.toMatch(/\n/);
    expect(drawn(2)).toEqual(['m2-t-006']);
  });

  it('refuses --count, --module, --mode practice, --untimed and --resume alongside --form, each in one line', () => {
    const all = new Set(['form', 'count', 'module', 'mode', 'untimed', 'resume']);
    expect(() => parseExamOptions({ form: 1, count: 50 }, all)).toThrow(/^--form .*cannot be used with --count$/);
    expect(() => parseExamOptions({ form: 1, module: [3] }, all)).toThrow(/cannot be used with --module$/);
    expect(() => parseExamOptions({ form: 1, mode: 'practice' }, all)).toThrow(/cannot be used with --mode practice$/);
    expect(() => parseExamOptions({ form: 1, untimed: true }, all)).toThrow(/cannot be used with --untimed$/);
    expect(() => parseExamOptions({ form: 1, resume: true }, all)).toThrow(/cannot be used with --form$/);
    // The table's defaults (--count 100, --mode exam) are not typed flags, and never clash.
    expect(parseExamOptions({ form: 1, count: 100, mode: 'exam' }, new Set(['form']))).toMatchObject({ form: 1, mode: 'exam' });
  });
});

describe('mrso review --confident-wrong', () => {
  it('offers items answered wrong without a guess mark, not wrong guesses', () => {
    answered([
      { id: 'm1-t-002', correct: false, guess: true },
      { id: 'm1-t-003', correct: false, guess: false },
      { id: 'm1-t-005', correct: false, guess: false },
      { id: 'm1-t-006', correct: true, guess: false },
    ]);
    const ids = pickReviewItems({ count: 20, confidentWrong: true }, compiledPool(bankOf()).pool, store, new Date('2026-01-02T00:00:00Z')).map((q) => q.id);
    expect(ids.sort()).toEqual(['m1-t-003', 'm1-t-005']);
  });

  it('keeps held-out items out of the confident-wrong set too', () => {
    answered([
      { id: 'm1-t-001', correct: false },
      { id: 'm1-t-003', correct: false },
    ]);
    const ids = pickReviewItems({ count: 20, confidentWrong: true }, compiledPool(bankOf()).pool, store, new Date('2026-01-02T00:00:00Z')).map((q) => q.id);
    expect(ids).toEqual(['m1-t-003']);
  });

  it('reads each answer’s guess mark from the store', () => {
    answered([
      { id: 'm1-t-002', correct: false, guess: true },
      { id: 'm1-t-003', correct: false },
    ]);
    expect(store.answerTrail().map((t) => [t.itemId, t.guess])).toEqual([
      ['m1-t-002', true],
      ['m1-t-003', false],
    ]);
  });
});

describe('mrso today', () => {
  it('names the module mrso stats ranks first by expected points lost, with the same figure', () => {
    // Module 2 weighs three times module 1; both are answered half right, so module 2 costs more points.
    const { modules, questions } = syntheticBank([6, 6], [25, 75]);
    const bank: Bank = { modules, forms: [], questions, cards: [], questionsById: new Map(questions.map((q) => [q.id, q])), cardsById: new Map() };
    answered([
      { id: 'm1-t-001', correct: true },
      { id: 'm1-t-002', correct: false },
      { id: 'm2-t-001', correct: true },
      { id: 'm2-t-002', correct: false },
    ]);
    const now = new Date('2026-01-02T00:00:00Z');
    const view = gatherToday(bank, store, now);
    const top = gatherStats({ module: [] }, { bank: outlineOf(bank), store, now }).modules[0]!;
    expect(view.weakest).toEqual({ module: 2, title: 'Module 2', pointsLost: top.pointsLost });
    const study = view.lines.find((l) => l.key === 'study')!;
    expect(study.command).toBe('mrso exam --mode practice --module 2 --count 20');
    expect(study.text).toContain(`about ${view.weakest!.pointsLost.toFixed(1)} points to gain`);
  });

  it('offers the lowest form not yet taken once readiness has enough first answers, not before', () => {
    const bank = bankOf([40, 40], FORMS);
    const now = new Date('2026-01-02T00:00:00Z');
    const before = gatherToday(bank, store, now).lines.find((l) => l.key === 'study')!;
    expect(before.command).not.toMatch(/--form/);
    answered(Array.from({ length: 60 }, (_, i) => ({ id: `m${1 + (i % 2)}-t-${String(7 + Math.floor(i / 2)).padStart(3, '0')}`, correct: i % 3 !== 0, minute: i % 60 })));
    tookForm(1);
    const after = gatherToday(bank, store, now).lines.find((l) => l.key === 'study')!;
    expect(after).toEqual({ key: 'study', text: 'Time for held-out form 2: an honest readiness check', command: 'mrso exam --form 2' });
  });
});
