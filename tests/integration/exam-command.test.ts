import { spawnSync } from 'node:child_process';
import { Readable, Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { poolOf } from '../../src/bank/pool.js';
import type { Bank, BankQuestion } from '../../src/bank/types.js';
import { runExam, type ExamDeps, type ExamOptions } from '../../src/commands/exam.js';
import { isProcessRunning, thisProcess } from '../../src/files/process.js';
import { Interrupted, UserError } from '../../src/errors.js';
import { HistoryStore } from '../../src/store/history.js';
import { openDb } from '../../src/store/open.js';
import { lineUi } from '../../src/ui/line-ui.js';
import { plainTheme } from '../../src/ui/theme.js';
import type { Ui } from '../../src/ui/views.js';
import { syntheticBank } from '../helpers/bank.js';
import { tempDir } from '../helpers/cli.js';
import { FakeClock, FakeUi, type Step } from '../helpers/fake-ui.js';

let dir: string;
let cleanup: () => void;
let store: HistoryStore;
let db: ReturnType<typeof openDb>;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('mrso-exam-cmd-'));
  db = openDb(`${dir}/h.db`);
  store = new HistoryStore(db, `${dir}/h.db`);
});
afterEach(() => {
  store.close();
  cleanup();
});

function bankOf(perModule: number[]): Bank {
  const { modules, questions } = syntheticBank(perModule);
  return { modules, forms: [], questions, cards: [], questionsById: new Map(questions.map((q) => [q.id, q])), cardsById: new Map() };
}

const options = (over: Partial<ExamOptions> = {}): ExamOptions => ({ count: 5, module: [], mode: 'exam', time: undefined, seed: 's', ...over });

function deps(ui: Ui, clock: FakeClock, bank = bankOf([6, 6])): ExamDeps {
  return { pool: poolOf(bank), bankDir: 'test', store, ui, theme: plainTheme, clock: clock.read };
}

async function exam(script: Step[], over: Partial<ExamOptions> = {}, clock = new FakeClock(), bank?: Bank) {
  const ui = new FakeUi(script, clock);
  let error: unknown;
  try {
    await runExam(options(over), deps(ui, clock, bank));
  } catch (e) {
    error = e;
  }
  return { ui, error, clock };
}

const row = (sql: string, ...args: unknown[]) => db.prepare(sql).get(...args) as Record<string, unknown>;

describe('the clock rules every screen', () => {
  it('submits from the review screen at zero, says "Time is up" and records exactly the limit', async () => {
    const { ui, error } = await exam(['a', 'return', 'b', 'return', 'r', { wait: 65_000 }], { time: 1 });
    expect(error).toBeUndefined();
    expect(ui.printed.join('\n')).toMatch(/Time is up: the exam was submitted at 01:00\./);
    expect(ui.printed.join('\n')).toMatch(/Mock exam result/);
    expect(row('SELECT status, elapsed_ms FROM attempts WHERE id = 1')).toEqual({ status: 'submitted', elapsed_ms: 60_000 });
  });

  it('submits from the submit confirmation at zero', async () => {
    const { ui } = await exam(['r', 's', { wait: 70_000 }], { time: 1 });
    expect(ui.screens.some((s) => /Submit the exam\?/.test(s))).toBe(true);
    expect(ui.printed.join('\n')).toMatch(/Time is up/);
    expect(row('SELECT elapsed_ms FROM attempts WHERE id = 1')).toEqual({ elapsed_ms: 60_000 });
  });
});

describe('review and submit', () => {
  it('asks before submitting a fully answered exam, and n keeps it open', async () => {
    const answers = Array.from({ length: 5 }, () => ['a', 'return']).flat();
    const { ui, error } = await exam([...answers, 's', 'n', 'escape', 'q']);
    expect(ui.screens.some((s) => /Submit the exam\?/.test(s) && /all 5 answered · 0 flagged/.test(s))).toBe(true);
    expect(error).toBeInstanceOf(Interrupted);
    expect(row('SELECT status FROM attempts WHERE id = 1')).toEqual({ status: 'in_progress' });
  });

  it('opens the question whose number is typed, on a 100-item exam', async () => {
    const { ui } = await exam(['r', '9', '9', 'return', 'q'], { count: 100 }, new FakeClock(), bankOf([60, 60]));
    expect(ui.lastScreen).toMatch(/^Mock exam {2}99\/100/);
  });

  it('fits the review of 100 items in 80 columns, a page at a time', async () => {
    const { ui } = await exam(['r', 'pagedown', 'q'], { count: 100 }, new FakeClock(), bankOf([60, 60]));
    const review = ui.screens.filter((s) => s.startsWith('Review'));
    expect(review.length).toBeGreaterThan(0);
    for (const screen of ui.screens) for (const line of screen.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(review.at(-1)!.split('\n').length).toBeLessThanOrEqual(24);
    expect(review.at(-1)).toMatch(/17–32 of 100/);
  });
});

describe('strikes and guesses', () => {
  it('are saved as given and restored on resume', async () => {
    const first = await exam(['S-a', 'b', 'g', 'q']);
    expect(first.error).toBeInstanceOf(Interrupted);
    const saved = row('SELECT struck, guess, response FROM responses WHERE attempt_id = 1 AND position = 0');
    expect(saved['guess']).toBe(1);
    expect(JSON.parse(saved['struck'] as string)).toHaveLength(1);
    const again = await exam(['p', 'q'], { resume: 1 });
    // Position 0 again: B chosen, A struck, marked as a guess.
    const screen = again.ui.screens.find((s) => /^Mock exam {2}1\/5/.test(s))!;
    expect(screen).toMatch(/✕ \( \) A/);
    expect(screen).toMatch(/\(•\) B/);
    expect(screen).toMatch(/marked as a guess/);
  });
});

describe('sessions', () => {
  it('starting a practice never sets an open mock exam aside', async () => {
    await exam(['a', 'q']);
    const practice = await exam(['a', 'return', 'return', 'q'], { mode: 'practice' });
    expect(practice.ui.printed.join('\n')).toMatch(/unfinished mock exam #1 \(1\/5 answered\) is kept; resume it with:\smrso\sexam\s--resume 1/);
    expect(row('SELECT status FROM attempts WHERE id = 1')).toEqual({ status: 'in_progress' });
    const resumed = await exam(['q'], { resume: true });
    expect(resumed.ui.printed.join('\n')).toMatch(/Resuming #1/);
  });

  it('refuses in one line to run a session another running mrso holds', async () => {
    await exam(['a', 'q']);
    const sessions = store.sessions();
    // pid 1 (init) is always running.
    const other = { pid: 1, start: thisProcess().start === '?' ? '?' : (spawnSync('cat', ['/proc/1/stat']).stdout.toString().split(') ')[1]?.split(' ')[19] ?? '?') };
    expect(sessions.claim(1, other, isProcessRunning, 'now').ok).toBe(true);
    const second = await exam([], { resume: 1 });
    expect(second.error).toBeInstanceOf(UserError);
    expect((second.error as UserError).message).toMatch(/^session #1 is open in another mrso \(process 1\); finish or quit it there first$/);
    expect((second.error as UserError).hint).toBeUndefined();
  });

  it('takes over a claim whose process is gone', async () => {
    await exam(['a', 'q']);
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    store.sessions().claim(1, { pid: gone, start: '1' }, () => true, 'then');
    const resumed = await exam(['q'], { resume: 1 });
    expect(resumed.ui.printed.join('\n')).toMatch(/Resuming #1/);
  });

  it('refuses --resume with --new or --count in one line', async () => {
    const { parseExamOptions } = await import('../../src/commands/exam.js');
    expect(() => parseExamOptions({ resume: true, new: true })).toThrow(/^--resume continues a session as it was saved; it cannot be used with --new$/);
    expect(() => parseExamOptions({ resume: 3, count: 5 })).toThrow(/cannot be used with --count/);
  });

  it('Ctrl-C exits 130 quietly with its saved line', async () => {
    const { error } = await exam(['a', { interrupt: true }]);
    expect(error).toBeInstanceOf(Interrupted);
    expect((error as Interrupted).exitCode).toBe(130);
    expect((error as Interrupted).message).toBe('stopped; 1 answer(s) saved');
  });
});

describe('submission is one transaction', () => {
  it('logs each answer for scheduling once, even when the process dies while submitting', async () => {
    // The submit fails where a kill -9 could land: after the answers, at the status change.
    db.exec("CREATE TEMP TRIGGER die_at_submit BEFORE UPDATE OF status ON attempts WHEN NEW.status = 'submitted' BEGIN SELECT RAISE(ABORT, 'killed'); END");
    const answers = Array.from({ length: 5 }, () => ['a', 'return']).flat();
    const first = await exam([...answers, 's', 'y']);
    expect(first.error).toBeDefined();
    expect(row('SELECT count(*) AS n FROM reviews')).toEqual({ n: 0 });
    db.exec('DROP TRIGGER die_at_submit');
    const again = await exam(['r', 's', 'y'], { resume: 1 });
    expect(again.error).toBeUndefined();
    expect(row('SELECT count(*) AS n, count(DISTINCT item_id) AS items FROM reviews')).toEqual({ n: 5, items: 5 });
  });
});

describe('practice', () => {
  it('keeps the question on screen with each choice marked, and waits for Enter to check a changed answer', async () => {
    const { ui } = await exam(['a', 'c', 'return'], { mode: 'practice', count: 2 });
    const feedback = ui.lastScreen;
    expect(feedback).toMatch(/Stem of m\d-t-\d+\?/);
    expect(feedback).toMatch(/✘ \(•\) C {2}\w+ \(your answer\)/);
    expect(feedback).toMatch(/✔ \( \) [A-D] {2}two \(the key\)/);
    expect(feedback).toMatch(/Because\./);
    expect(row('SELECT count(*) AS n FROM reviews')).toEqual({ n: 1 });
  });
});

describe('piped line mode', () => {
  function pipe(lines: string): { ui: Ui; out: () => string } {
    let text = '';
    const output = new Writable({
      write(chunk, _enc, done) {
        text += String(chunk);
        done();
      },
    });
    return { ui: lineUi(plainTheme, Readable.from([lines]), output), out: () => text };
  }

  it('never erases a saved answer when a resumed, fully answered exam gets empty lines', async () => {
    const clock = new FakeClock();
    await exam([...Array.from({ length: 5 }, () => ['a', 'return']).flat(), 'q'], {}, clock);
    expect(row('SELECT count(*) AS n FROM responses WHERE response IS NOT NULL')).toEqual({ n: 5 });
    const before = db.prepare('SELECT position, response FROM responses ORDER BY position').all();
    db.exec("UPDATE attempts SET current_pos = 0");
    const second = pipe('\n\n\n\n\n');
    await runExam(options({ resume: 1 }), deps(second.ui, clock));
    expect(second.out()).toMatch(/Submitting: 5\/5 answered/);
    expect(db.prepare('SELECT position, response FROM responses ORDER BY position').all()).toEqual(before);
  });
});

describe('new item fields on screen', () => {
  function bankWith(only?: 'numeric' | 'multi'): Bank {
    const bank = bankOf([4, 0]);
    const numeric = { ...bank.questions[0]!, id: 'm1-t-901', type: 'numeric', stem: 'What is the fringe field limit?', answer: { value: 0.5, unit: 'mT' }, hash: 'n1' } as never;
    const multi = {
      ...bank.questions[1]!,
      id: 'm1-t-902',
      type: 'multi',
      stem: 'Which are ferromagnetic? (select all that apply)',
      choices: ['iron', 'nickel', 'copper', 'titanium'],
      answer: ['A', 'B'],
      rationale: ['Iron is ferromagnetic.', 'Nickel is ferromagnetic.', 'Copper is diamagnetic.', 'Titanium is paramagnetic.'],
      exhibit: 'LABEL\n  MR Conditional\n  B0 <= 3 T',
      shuffle: false,
      hash: 'm2',
    } as never;
    const questions: BankQuestion[] = only === 'numeric' ? [numeric] : only === 'multi' ? [multi] : [numeric, multi];
    return { ...bank, questions, questionsById: new Map(questions.map((q) => [q.id, q])) };
  }

  it('never draws a numeric item into a mock exam', async () => {
    const { ui } = await exam(['q'], { count: 2 }, new FakeClock(), bankWith());
    expect(ui.printed.join('\n')).toMatch(/Only 1 questions match/);
    expect(ui.screens.join('\n')).not.toMatch(/fringe field/);
  });

  it('takes a typed numeric answer in practice: bad input gets a hint and a retry, the feedback shows both units', async () => {
    const typed = (text: string) => [...text].map((c) => (c === ' ' ? 'space' : c));
    const script = [...typed('abc'), 'return', 'backspace', 'backspace', 'backspace', ...typed('5 furlongs'), 'return'];
    const clock = new FakeClock();
    const ui = new FakeUi([...script], clock);
    // Keys as the terminal reports them: the character in the sequence.
    const numericFirst = bankWith('numeric');
    await runExam(options({ mode: 'practice', count: 1, seed: 'n' }), deps(ui, clock, numericFirst)).catch((e: unknown) => e);
    const hints = ui.screens.filter((s) => /fringe field/.test(s));
    expect(hints.some((s) => /Type a number/.test(s))).toBe(true);
    expect(hints.some((s) => /"furlongs" is not a unit/.test(s))).toBe(true);
    expect(row('SELECT count(*) AS n FROM responses WHERE response IS NOT NULL')).toEqual({ n: 0 });
    const fixed = new FakeUi(['backspace', ...'abcdefghij'.split('').map(() => 'backspace'), ...typed('5 G'), 'return', 'q'], clock);
    await runExam(options({ resume: 1 }), deps(fixed, clock, numericFirst)).catch((e: unknown) => e);
    expect(fixed.screens.at(-1)).toMatch(/✔ Correct/);
    const resumedFeedback = fixed.screens.at(-1)!;
    expect(resumedFeedback).not.toMatch(/Not quite/);
    expect(row('SELECT response, correct FROM responses WHERE position = 0')).toEqual({ response: JSON.stringify({ value: 5, unit: 'G' }), correct: 1 });
  });

  it('shows the key in the item unit and in the unit typed when a numeric answer is wrong', async () => {
    const clock = new FakeClock();
    const ui = new FakeUi(['5', 'space', 'T', 'return', 'q'], clock);
    await runExam(options({ mode: 'practice', count: 1, seed: 'n' }), deps(ui, clock, bankWith('numeric'))).catch((e: unknown) => e);
    expect(ui.screens.at(-1)).toMatch(/You answered 5 T \(= 5000 mT\)/);
    expect(ui.screens.at(-1)).toMatch(/Correct answer:\s+0\.5 mT \(= 0\.0005 T\)/);
  });

  it('reads a numeric answer per line in piped mode: a hint and another try for bad input', async () => {
    let text = '';
    const output = new Writable({
      write(chunk, _enc, done) {
        text += String(chunk);
        done();
      },
    });
    const ui = lineUi(plainTheme, Readable.from(['abc\n5 furlongs\n5 G\n']), output);
    await runExam(options({ mode: 'practice', count: 1, seed: 'n' }), deps(ui, new FakeClock(), bankWith('numeric')));
    expect(text).toMatch(/Answer \(mT\): /);
    expect(text).toMatch(/Type a number/);
    expect(text).toMatch(/"furlongs" is not a unit mrso knows here/);
    expect(text).toMatch(/✔ Correct/);
    expect(text).toMatch(/1\/1 correct/);
  });

  it('shows the exhibit boxed above the stem and, after checking, each option with its rationale', async () => {
    // A 40-row terminal: the exhibit, the stem, four choices with their rationales and the feedback all fit.
    const clock = new FakeClock();
    const ui = new FakeUi(['a', 'c', 'return', 'q'], clock, 80, 40);
    await runExam(options({ mode: 'practice', count: 1, seed: 'x' }), deps(ui, clock, bankWith('multi'))).catch((e: unknown) => e);
    const screen = ui.screens.find((s) => /Which are ferromagnetic/.test(s) && /Correct answer|Missed/.test(s));
    expect(screen).toBeDefined();
    expect(screen).toMatch(/┌─+┐\n│ LABEL +│\n│ {3}MR Conditional +│/);
    expect(screen).not.toMatch(/select all that apply\) \(select all that apply\)/);
    expect(screen).toMatch(/○ \[ \] B {2}nickel \(missed\)\n +Nickel is ferromagnetic\./);
    expect(screen).toMatch(/✘ \[x\] C {2}copper \(wrongly chosen\)\n +Copper is diamagnetic\./);
    expect(screen).toMatch(/Missed: B/);
    expect(screen).toMatch(/Wrongly chosen: C/);
  });
});
