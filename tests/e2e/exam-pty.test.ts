import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readBank } from '../../src/commands/load-bank.js';
import type { BankQuestion } from '../../src/bank/types.js';
import { CLI, SMALL_BANK, hasTmux, tempDir } from '../helpers/cli.js';
import { TmuxSession } from '../helpers/tmux.js';

const { bank } = await readBank(SMALL_BANK);
let session: TmuxSession | undefined;
let cleanup: (() => void) | undefined;

afterEach(() => {
  session?.kill();
  cleanup?.();
});

beforeAll(() => {
  if (!hasTmux()) throw new Error('tmux is needed for the pseudo-terminal tests (apt-get install tmux)');
});

function start(args: string, db: string, home: string): TmuxSession {
  const command = `cd ${home} && exec env HOME=${home} MRSO_DB=${db} FORCE_COLOR=0 ${process.execPath} ${CLI} --bank ${SMALL_BANK} ${args}`;
  return TmuxSession.start(command, { socket: `mrso-test-${process.pid}` });
}

/** Find the question on screen and the key a person would press for the right (or a wrong) answer. */
function keyFor(screen: string, wantCorrect: boolean): { question: BankQuestion; keys: string[] } {
  const question = bank.questions.find((q) => screen.replace(/\s+/g, ' ').includes(q.stem.slice(0, 40)));
  if (!question) throw new Error(`no known question on screen:\n${screen}`);
  if (question.type === 'numeric') throw new Error('numeric items are not drawn into these exams');
  if (question.type === 'truefalse') {
    const right = question.answer ? 't' : 'f';
    return { question, keys: [wantCorrect ? right : right === 't' ? 'f' : 't'] };
  }
  const shown = [...screen.matchAll(/\(.\) ([A-E]) {2}(.+)$|\[.\] ([A-E]) {2}(.+)$/gm)].map((m) => ({ key: m[1] ?? m[3]!, text: (m[2] ?? m[4]!).trim() }));
  const letterOf = (original: string) => {
    const text = question.choices[original.charCodeAt(0) - 65]!;
    return shown.find((s) => text.startsWith(s.text) || s.text.startsWith(text))!.key.toLowerCase();
  };
  const correct = question.type === 'single' ? [letterOf(question.answer)] : question.answer.map(letterOf);
  if (wantCorrect) return { question, keys: correct };
  const wrong = shown.map((s) => s.key.toLowerCase()).find((k) => !correct.includes(k))!;
  return { question, keys: [wrong] };
}

async function answerCurrent(s: TmuxSession, position: number, correct: boolean, burst = false): Promise<void> {
  const screen = await s.waitFor(new RegExp(`Mock exam {2}${position}/5`));
  const { keys } = keyFor(screen.slice(screen.lastIndexOf(`${position}/5`)), correct);
  if (burst) {
    // All toggles and Enter in one write: none may be lost between screens.
    s.burst(...keys, 'Enter');
    return;
  }
  for (const key of keys) s.keys(key);
  await s.waitFor(new RegExp(`${position}/5 {2}· {2}\\d answered`));
  s.keys('Enter');
}

describe.skipIf(!hasTmux())('mock exam in a real terminal', () => {
  it('answers a 5-item exam by keys, reviews, submits and shows the score', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const db = `${t.dir}/history.db`;
    session = start('exam --count 5 --seed 7', db, t.dir);
    for (let position = 1; position <= 5; position++) await answerCurrent(session, position, position !== 2);
    await session.waitFor(/Review {2}5\/5 answered/);
    session.keys('Home', 'Enter');
    const screen = await session.waitFor(/Mock exam result/);
    expect(screen).toMatch(/4\/5 correct \(80\.0%\) — PASS/);
    expect(screen).toMatch(/Missed \(1\)/);
  });

  it('keeps every answer through kill -9 and finishes the exam with --resume', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const db = `${t.dir}/history.db`;
    session = start('exam --count 5 --seed 11', db, t.dir);
    for (let position = 1; position <= 3; position++) await answerCurrent(session, position, true, true);
    await session.waitFor(/Mock exam {2}4\/5/);
    process.kill(session.panePid(), 'SIGKILL');
    session.kill();

    const saved = new Database(db, { readonly: true });
    const before = saved.prepare('SELECT count(*) AS n FROM responses WHERE response IS NOT NULL').get() as { n: number };
    saved.close();
    expect(before.n).toBe(3);

    session = start('exam --resume', db, t.dir);
    await session.waitFor(/Resuming #1: 3\/5 answered/);
    for (let position = 4; position <= 5; position++) await answerCurrent(session, position, true);
    await session.waitFor(/Review {2}5\/5 answered/);
    session.keys('Home', 'Enter');
    expect(await session.waitFor(/Mock exam result/)).toMatch(/5\/5 correct \(100\.0%\) — PASS/);

    const after = new Database(db, { readonly: true });
    const rows = after.prepare('SELECT item_id FROM responses WHERE attempt_id = 1 AND response IS NOT NULL').all();
    const attempt = after.prepare('SELECT status, score_correct FROM attempts WHERE id = 1').get();
    after.close();
    expect(rows).toHaveLength(5);
    expect(attempt).toEqual({ status: 'submitted', score_correct: 5 });
  });

  it('keeps the answer on screen when stopped with Ctrl-C: no control key counts as a choice', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const db = `${t.dir}/history.db`;
    session = start('exam --count 5 --seed 7', db, t.dir);
    // Move on to the first item with lettered choices, then pick a letter that no control key below spells.
    const onScreen = (screen: string) => screen.slice(screen.lastIndexOf('Mock exam  '));
    let current = onScreen(await session.waitFor(/Mock exam {2}1\/5/));
    for (let position = 2; !/\(.\) A {2}/.test(current); position++) current = onScreen(await session.press('n', new RegExp(`Mock exam {2}${position}/5`)));
    const question = bank.questions.find((q) => current.replace(/\s+/g, ' ').includes(q.stem.slice(0, 40)));
    if (!question || question.type === 'truefalse' || question.type === 'numeric') throw new Error(`no lettered question on screen:\n${current}`);
    const shown = [...current.matchAll(/\(.\) ([A-E]) {2}(.+)$/gm)].map((m) => ({ key: m[1]!, text: m[2]!.trim() }));
    const pick = shown.find((c) => !['A', 'C', 'D'].includes(c.key))!;
    const itemLetter = String.fromCharCode(65 + question.choices.findIndex((text) => text.startsWith(pick.text) || pick.text.startsWith(text)));
    await session.press(pick.key.toLowerCase(), /1 answered/);
    // Ctrl-A and Ctrl-D arrive as "a" and "d" with ctrl set; they must change nothing. Ctrl-C stops.
    session.keys('C-a', 'C-d', 'C-c');
    await session.waitFor(/mrso: stopped; 1 answer\(s\) saved/);
    session.kill();

    const saved = new Database(db, { readonly: true });
    const rows = saved.prepare('SELECT response FROM responses WHERE attempt_id = 1 AND response IS NOT NULL').all();
    saved.close();
    expect(rows).toEqual([{ response: JSON.stringify(itemLetter) }]);
  });
});
