import { execFileSync } from 'node:child_process';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI, hasTmux, tempDir } from '../helpers/cli.js';
import { generateBank } from '../helpers/generate-bank.js';
import { TmuxSession } from '../helpers/tmux.js';

let session: TmuxSession | undefined;
let cleanup: (() => void) | undefined;
afterEach(() => {
  session?.kill();
  cleanup?.();
});
beforeAll(() => {
  if (!hasTmux()) throw new Error('tmux is needed for the pseudo-terminal tests (apt-get install tmux)');
});

function start(args: string, dir: string, width: number, height: number): TmuxSession {
  const command = `cd ${dir} && exec env HOME=${dir} MRSO_DB=${dir}/h.db FORCE_COLOR=0 ${process.execPath} ${CLI} --bank ${dir}/bank ${args}`;
  return TmuxSession.start(command, { socket: `mrso-screens-${process.pid}`, width, height });
}

/** Every line of the screen, with the terminal's own wrapping undone, fits `width` columns. */
function expectFits(s: TmuxSession, width: number): void {
  const wide = s.joinedScreen().split('\n').filter((line) => [...line].length > width);
  expect(wide, s.joinedScreen()).toEqual([]);
}

describe.skipIf(!hasTmux())('exam screens in a real terminal', () => {
  it('fits 80x24 on every screen of a 100-item exam: question, strike, review, jump, confirm', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    generateBank(`${t.dir}/bank`, { perModule: 14 });
    session = start('exam --count 100 --seed 9', t.dir, 80, 24);
    await session.waitFor(/Mock exam {2}1\/100/);
    expectFits(session, 80);
    await session.press('b', /1 answered/);
    session.keys('x');
    await session.press('c', /✕ \( \) C/);
    await session.press('g', /marked as a guess/);
    await session.press('f', /flagged for review/);
    expectFits(session, 80);
    await session.press('r', /Review .*1\/100 answered/);
    expect(session.screen()).toMatch(/1–16 of 100/);
    expectFits(session, 80);
    session.keys('7', '3');
    await session.press('Enter', /Mock exam {2}73\/100/);
    await session.press('r', /Review/);
    await session.press('s', /Submit the exam\?/);
    expect(session.screen()).toMatch(/99 of 100 unanswered \(they count as wrong\) · 1 flagged/);
    expectFits(session, 80);
    await session.press('n', /Review/);
    await session.press('Escape', /Mock exam {2}73\/100/);
    await session.press('q', /exam saved; 1 answer\(s\) kept/);
  });

  it('uses a wide terminal for the review list', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    generateBank(`${t.dir}/bank`, { perModule: 14 });
    session = start('exam --count 100 --seed 9', t.dir, 120, 40);
    await session.waitFor(/Mock exam {2}1\/100/);
    const screen = await session.press('r', /Review/);
    expect(screen).toMatch(/1–32 of 100/);
    expectFits(session, 120);
    session.keys('q');
  });

  it('redraws cleanly at the new width when the terminal shrinks from 120 to 80 columns mid-exam', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    generateBank(`${t.dir}/bank`, { perModule: 14 });
    session = start('exam --count 20 --seed 9', t.dir, 120, 40);
    await session.waitFor(/Mock exam {2}1\/20/);
    await session.press('b', /1 answered/);
    // The key line breaks before "q save" at 120 columns (text is laid out 100 wide at most) and before "guess" at 80.
    expect(session.screen()).toMatch(/g guess · r review ·\s*\nq save & quit/);
    const socket = `mrso-screens-${process.pid}`;
    execFileSync('tmux', ['-L', socket, 'resize-window', '-t', session.name, '-x', '80', '-y', '24']);
    // The visible screen only (the scrollback may keep what the terminal pushed off).
    const visible = () => execFileSync('tmux', ['-L', socket, 'capture-pane', '-p', '-J', '-t', session!.name], { encoding: 'utf8' });
    const end = Date.now() + 5000;
    while (Date.now() < end && !/g\nguess · r review · q save & quit/.test(visible().replace(/ +\n/g, '\n'))) await new Promise((r) => setTimeout(r, 100));
    const screen = visible();
    expect(screen.match(/Mock exam {2}1\/20/g), screen).toHaveLength(1);
    expect(screen.split('\n').filter((line) => [...line].length > 80), screen).toEqual([]);
    expect(screen).toMatch(/^ABCD or 1–4 answer .* strike · g\s*\nguess · r review · q save & quit/m);
    session.keys('q');
  });
});
