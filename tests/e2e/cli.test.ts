import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, SMALL_BANK, runCli, tempDir } from '../helpers/cli.js';

let home: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir: home, cleanup } = tempDir());
});
afterEach(() => cleanup());

const run = (args: string[], input = '', env: Record<string, string> = {}) => runCli(args, { input, home, env: { MRSO_DB: `${home}/h.db`, ...env } });

describe('mrso command line', () => {
  it('prints help and its version in commander style', () => {
    const help = run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: mrso \[options\] \[command\]/);
    expect(help.stdout).toMatch(/exam \[options\]/);
    const version = run(['--version']);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')).version);
    expect(run(['exam', '--help']).stdout).toMatch(/--count <n>/);
  });

  it('checks the shipped bank without errors', () => {
    const result = run(['bank', 'check']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/OK: no errors/);
  });

  it('lists a broken bank\'s errors with file and line, and exits 1', () => {
    const result = run(['bank', 'check', '--bank', 'tests/fixtures/broken-bank']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/error tests\/fixtures\/broken-bank\/01-one\.yaml:3:5 m1-alpha-001: answer D points at no choice/);
    expect(result.stderr).toMatch(/^mrso: the bank has \d+ error\(s\)\n/);
  });

  it('refuses to start an exam from a broken bank with one line naming the file', () => {
    const result = run(['--bank', 'tests/fixtures/broken-bank', 'exam', '--count', '2']);
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')[0]).toMatch(/^mrso: tests\/fixtures\/broken-bank\/01-one\.yaml:3:5 m1-alpha-001: .* \(and \d+ more\)$/);
    expect(result.stderr).not.toMatch(/\s+at .*\.js:\d+/);
  });

  it.each([
    [['exam', '--count', '0'], /--count 0: expected a whole number from 1 to 1000/],
    [['exam', '--count', '-3'], /--count -3: expected a whole number from 1 to 1000/],
    [['exam', '--count', 'abc'], /--count abc: expected a whole number from 1 to 1000/],
    [['exam', '--module', '12'], /--module 12: there is no module 12 in this bank/],
    [['exam', '--time', '5', '--untimed'], /--time and --untimed cannot be used together/],
    [['exam', '--bogus'], /unknown option '--bogus'/],
    [['exam', '--module', '3,x'], /--module x: expected a module number such as 7/],
    [['stats', '--since', '2026-13-01'], /--since 2026-13-01: expected a date as YYYY-MM-DD/],
    [['stats', '--since', '2026-02-30'], /--since 2026-02-30: expected a date as YYYY-MM-DD/],
    [['cards', '--retention', '2'], /--retention 2: expected a number from 0.7 to 0.99/],
    [['cert', '--name', '  '], /--name must not be empty/],
    [['exam', '--mode', 'quiz'], /^mrso: option '--mode <mode>' argument 'quiz' is invalid\. Allowed choices are exam, practice\./],
    [['exam', '--count'], /^mrso: option '-c, --count <n>' argument missing/],
  ])('rejects %j with a clear message and the usage exit code 2', (args, message) => {
    const result = run(['--bank', SMALL_BANK, ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\s+at .*\.js:\d+/);
  });

  it('runs a piped practice quiz, one answer per line, with feedback and a result', () => {
    const result = run(['--bank', SMALL_BANK, 'exam', '--count', '5', '--seed', '1', '--mode', 'practice'], 'C\nF\nmaybe\nT\nA,B,C\nD\n');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\[1\/5\] How many gauss are in one tesla\?/);
    expect(result.stdout).toMatch(/"maybe" is not an answer here: use T, F/);
    expect(result.stdout.match(/✔ Correct/g)).toHaveLength(5);
    expect(result.stdout).toMatch(/Practice result\n5\/5 correct \(100\.0%\) — PASS/);
  });

  it('fails clearly when piped input ends early, keeps the answers, and resumes', () => {
    const first = run(['--bank', SMALL_BANK, 'exam', '--count', '5', '--seed', '1'], 'C\n');
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/input ended after 1 of 5 answers; those are saved/);
    const db = new Database(`${home}/h.db`, { readonly: true });
    expect((db.prepare('SELECT count(*) AS n FROM responses').get() as { n: number }).n).toBe(1);
    db.close();
    const second = run(['--bank', SMALL_BANK, 'exam', '--resume'], 'T\nF\nB,C,D\nA\n');
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/Resuming #1: 1\/5 answered/);
    expect(second.stdout).toMatch(/Mock exam result/);
  });

  it('stops on a line of input too long to be an answer (a binary file, /dev/zero) in one line, keeping the answers given', () => {
    const result = run(['--bank', SMALL_BANK, 'exam', '--count', '5', '--seed', '1'], `C\n${'x'.repeat(3 * 1024 * 1024)}`);
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')[0]).toBe('mrso: a line of standard input is longer than 1 MB');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const db = new Database(`${home}/h.db`, { readonly: true });
    expect((db.prepare('SELECT count(*) AS n FROM responses').get() as { n: number }).n).toBe(1);
    db.close();
  });

  it('reports a corrupt database in one line and leaves the file untouched', () => {
    const path = `${home}/corrupt.db`;
    writeFileSync(path, Buffer.alloc(8192, 7));
    const before = readFileSync(path);
    const result = run(['--bank', SMALL_BANK, 'exam', '--count', '1'], 'A\n', { MRSO_DB: path });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/corrupt\.db is not a readable mrso database/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('says a --module filter matches no answers yet, not "No history yet", and refuses an empty --topic', () => {
    const quiz = run(['--bank', SMALL_BANK, 'exam', '--count', '3', '--seed', '1', '--mode', 'practice', '--module', '1'], 'A,B\nT\nC\n');
    expect(quiz.code).toBe(0);
    const filtered = run(['--bank', SMALL_BANK, 'stats', '--module', '2']);
    expect(filtered.code).toBe(0);
    expect(filtered.stdout).toMatch(/^No answers in module 2 yet\nYou have 3 answers in other modules\. Start on this one with:\s+mrso exam --mode practice --module 2 --count 20/);
    const topic = run(['--bank', SMALL_BANK, 'cards', '--topic', '']);
    expect(topic.code).toBe(2);
    expect(topic.stderr.split('\n')[0]).toBe('mrso: --topic must not be empty');
  });

  it('shows a friendly hint for stats with no history, and the standing after a quiz', () => {
    const empty = run(['--bank', SMALL_BANK, 'stats']);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toMatch(/No history yet/);
    run(['--bank', SMALL_BANK, 'exam', '--count', '5', '--seed', '1', '--mode', 'practice'], 'C\nT\nT\nA\nA\n');
    const json = JSON.parse(run(['--bank', SMALL_BANK, 'stats', '--json']).stdout);
    expect(json.answered).toBe(5);
    const byNumber = [...json.modules].sort((a: { number: number }, b: { number: number }) => a.number - b.number);
    expect(byNumber.map((m: { answered: number }) => m.answered)).toEqual([3, 2]);
    expect(json.readiness.enoughData).toBe(false);
    expect(json.sources.length).toBeGreaterThan(0);
    expect(json.next).toMatch(/^mrso exam --mode practice --module \d/);
  });
});
