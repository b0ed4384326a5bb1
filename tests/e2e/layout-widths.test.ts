import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visibleWidth } from '../../src/ui/layout.js';
import { CLI, SMALL_BANK, runCli, tempDir } from '../helpers/cli.js';

/**
 * The standing rule: every non-interactive screen, report and help text fits
 * the width it is laid out for (COLUMNS=60, 80, 120) and never cuts a word.
 * One history with answers, a mock exam result, reviewed cards and an exam
 * date, built through the CLI as a user would, is rendered at each width.
 */

let home: string;
let cleanup: () => void;
const env = (columns: number) => ({ MRSO_DB: `${home}/h.db`, NO_COLOR: '1', COLUMNS: String(columns) });
const run = (args: string[], columns: number, input = '') => runCli(args, { home, input, env: env(columns) });

/** The CLI run without waiting for it, so the screens of a width render side by side (each only reads the history). */
function render(args: string[], columns: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env['PATH'] ?? '', HOME: home, FORCE_COLOR: '0', ...env(columns) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(() => {
  ({ dir: home, cleanup } = tempDir('mrso-widths-'));
  // One answer per line that fits whichever item comes (a line that fits none is asked again).
  const answers = 'A\nT\n1\n'.repeat(30);
  expect(run(['exam', '--mode', 'practice', '--count', '8', '--seed', '1'], 80, answers).code).toBe(0);
  expect(run(['exam', '--count', '5', '--seed', '2'], 80, answers).code).toBe(0);
  expect(run(['config', 'set', 'examDate', '2027-03-01'], 80).code).toBe(0);
  expect(run(['cards', '--new', '3'], 80, ' \n3\n \n1\n \n3\nq\n').code).toBe(0);
  // An unfinished mock exam: the input ends after one answer (it is kept, and listed by sessions).
  expect(run(['exam', '--count', '3', '--seed', '4'], 80, 'A\n').code).not.toBe(0);
}, 20_000);
afterAll(() => cleanup());

const HELPS = ['exam', 'sessions', 'results', 'stats', 'review', 'cards', 'guide', 'plan', 'config', 'cert', 'verify', 'history', 'history export', 'completion', 'bank', 'bank check', 'bank items', 'today'];
const SCREENS: string[][] = [
  ['--help'],
  ...HELPS.map((name) => [...name.split(' '), '--help']),
  [],
  ['stats'],
  ['stats', '--module', '7'],
  ['stats', '--since', '2026-01-01'],
  ['guide'],
  ['guide', '--module', '4'],
  ['plan'],
  ['sessions'],
  ['results'],
  ['bank', 'check'],
  ['bank', 'items'],
  ['cards', '--suspended'],
  ['config', 'list'],
  ['verify', 'no-such-record.html'],
];

function tooWide(text: string, width: number): string[] {
  return text.split('\n').filter((line) => visibleWidth(line) > width).map((line) => `${visibleWidth(line)}: ${line}`);
}

/** Every word of `sentence` appears whole in `output` (not split over two lines). */
function cutWords(sentence: string, output: string): string[] {
  const words = new Set(output.split(/\s+/));
  return sentence.split(/\s+/).filter((word) => word.length > 3 && !words.has(word));
}

describe.each([60, 80, 120])('at %i columns', (width) => {
  it.concurrent.each(SCREENS.map((args) => [args.join(' ') || '(mrso alone)', args] as const))('mrso %s fits the width', async (_name, args) => {
    const result = await render(args, width);
    expect(result.stdout + result.stderr).not.toBe('');
    expect(result.stderr).not.toMatch(/\s+at .*:\d+/);
    expect(tooWide(result.stdout, width)).toEqual([]);
    expect(tooWide(result.stderr, width)).toEqual([]);
  });

  it("wraps the guide's long module summaries and objectives without cutting a word", () => {
    const output = run(['guide', '--module', '4'], width).stdout;
    expect(cutWords('Field units and conversions, the fringe field and the 0.5 mT / 0.9 mT lines, translational force and torque, biological effects of the static field and its exposure limits.', output)).toEqual([]);
    expect(cutWords('Predict where translational force and torque are greatest and how they scale with field', output)).toEqual([]);
  });

  it('wraps help texts without cutting a word', () => {
    const exam = run(['exam', '--help'], width).stdout;
    expect(cutWords('Without a terminal, answers are read one per line from stdin (B, A,C, T, or empty to skip).', exam)).toEqual([]);
    const top = run(['--help'], width).stdout;
    expect(cutWords("today's dashboard: days to the exam, cards due, what to study next, last mock, streak", top)).toEqual([]);
  });
});

// Last: it starts a new session (the screens above read the history as it was built).
describe.each([60, 80, 120])('a quiz at %i columns', (width) => {
  it('a piped practice quiz (notes, questions, feedback, result) fits the width', () => {
    const result = run(['exam', '--mode', 'practice', '--count', '4', '--seed', '7', '--new'], width, 'A\nT\n1\n'.repeat(6));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Note: unfinished mock exam/);
    expect(tooWide(result.stdout, width)).toEqual([]);
  });
});

describe('help for a subcommand of a group', () => {
  it('mrso help bank check shows the bank check help, not the bank help', () => {
    const result = run(['help', 'bank', 'check'], 80);
    expect(result.stdout).toMatch(/^Usage: mrso bank check/);
  });

  it('mrso --bank DIR help bank check does the same after a global option and its value', () => {
    for (const args of [['--bank', SMALL_BANK, 'help', 'bank', 'check'], [`--bank=${SMALL_BANK}`, '--debug', 'help', 'bank', 'check']]) {
      const result = run(args, 80);
      expect(result.stdout, args.join(' ')).toMatch(/^Usage: mrso bank check/);
    }
  });
});
