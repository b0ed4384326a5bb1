import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, SMALL_BANK, runCli, tempDir } from '../helpers/cli.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function home(): string {
  const t = tempDir();
  cleanup = t.cleanup;
  return t.dir;
}

const hasDevFull = existsSync('/dev/full');

describe('output that cannot be written', () => {
  it.runIf(hasDevFull)('ends a report written to a full device with one line and exit 1, no stack trace or source', () => {
    const dir = home();
    for (const args of [['stats'], ['bank', 'check', '--bank', SMALL_BANK], ['--help'], ['--version']]) {
      // A shell redirect, as a user would type it: stdout is /dev/full itself.
      const run = spawnSync('sh', ['-c', `"${process.execPath}" "$0" "$@" > /dev/full`, CLI, ...args], {
        encoding: 'utf8',
        env: { PATH: process.env['PATH'] ?? '', HOME: dir, FORCE_COLOR: '0' },
      });
      expect(run.status, args.join(' ')).toBe(1);
      expect(run.stderr.trim().split('\n')[0]).toBe('mrso: cannot write to standard output (ENOSPC)');
      expect(run.stderr.trim().split('\n')).toHaveLength(2);
    }
  });

  it('keeps its own exit code when the reader of standard error is gone, never "unexpected error" (70)', () => {
    const dir = home();
    // A review set from a missed answer; stdin empty, so it ends "input ended" (exit 1), said to a stderr nobody reads.
    runCli(['--bank', SMALL_BANK, 'exam', '--mode', 'practice', '--count', '3', '--seed', '1', '--module', '1'], { home: dir, input: 'A,B\nT\nC\n', env: { MRSO_DB: join(dir, 'h.db') } });
    const run = spawnSync('bash', ['-c', `"${process.execPath}" "$0" "$@" < /dev/null 2>&1 > /dev/null | true; echo "\${PIPESTATUS[0]}"`, CLI, '--bank', SMALL_BANK, 'review', '--missed'], {
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '', HOME: dir, FORCE_COLOR: '0', MRSO_DB: join(dir, 'h.db') },
    });
    expect(run.stdout.trim()).toBe('1');
  });
});

describe('where the history lives', () => {
  it("refuses --db '' in a report and in a command that records (a usage error, never \"No history yet\")", () => {
    const dir = home();
    const stats = runCli(['stats', '--db', ''], { home: dir });
    expect(stats.code).toBe(2);
    expect(stats.stdout).toBe('');
    expect(stats.stderr).toMatch(/^mrso: --db is empty\n/);
    const exam = runCli(['--bank', SMALL_BANK, 'exam', '--mode', 'practice', '--count', '1', '--db', ''], { home: dir, input: 'A\n' });
    expect(exam.code).toBe(2);
    expect(exam.stderr).toMatch(/^mrso: --db is empty\n/);
  });

  it('says a --db that is a folder is a folder, not that the disk is full', () => {
    const dir = home();
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    for (const args of [['stats'], ['--bank', SMALL_BANK, 'exam', '--mode', 'practice', '--count', '1']]) {
      const r = runCli([...args, '--db', folder], { home: dir, input: 'A\n' });
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`mrso: ${folder} is a folder, not a history file\n  Pass --db with a file name, such as --db ~/mrso/history.db.\n`);
    }
  });

  it('never puts the history in the current folder when HOME is empty: one line naming HOME and --db', () => {
    const dir = home();
    const r = spawnSync(process.execPath, [CLI, '--bank', SMALL_BANK, 'exam', '--mode', 'practice', '--count', '1'], {
      cwd: dir,
      input: 'A\n',
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '', HOME: '', FORCE_COLOR: '0' },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^mrso: HOME is empty, so there is no per-user folder for the history\n {2}Set HOME, or pass --db FILE/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('cache folders', () => {
  it('keeps the compiled bank in a private cache folder (0700, owned by the user)', () => {
    const dir = home();
    const r = runCli(['--bank', SMALL_BANK, 'bank', 'check'], { home: dir });
    expect(r.code).toBe(0);
    const bank = join(dir, '.cache', 'mrso', 'bank');
    expect(readdirSync(bank).some((n) => n.startsWith('bank-'))).toBe(true);
    expect(lstatSync(join(dir, '.cache', 'mrso')).mode & 0o777).toBe(0o700);
    expect(lstatSync(bank).mode & 0o777).toBe(0o700);
  });

  it('uses no cache folder that others can write (a shared XDG_CACHE_HOME), and still runs', () => {
    const dir = home();
    const shared = join(dir, 'shared');
    mkdirSync(join(shared, 'mrso'), { recursive: true, mode: 0o777 });
    chmodSync(join(shared, 'mrso'), 0o777);
    const r = runCli(['--bank', SMALL_BANK, 'bank', 'check'], { home: dir, env: { XDG_CACHE_HOME: shared } });
    expect(r.code).toBe(0);
    expect(readdirSync(join(shared, 'mrso'))).toEqual([]);
  });

  it("keeps compiled code only in the private cache folder, never in the shared temp folder, and Node's own cache is not turned on", () => {
    const dir = home();
    const r = runCli(['--version'], { home: dir, env: { NODE_COMPILE_CACHE: '' } });
    expect(r.code).toBe(0);
    const cache = join(dir, '.cache', 'mrso');
    expect(readdirSync(cache)).toEqual(['code']);
    expect(lstatSync(join(cache, 'code')).mode & 0o777).toBe(0o700);
  });
});

describe('an output file without an export', () => {
  it('refuses guide -o without --export in one line instead of ignoring it, and writes nothing', () => {
    const dir = home();
    const result = runCli(['--bank', SMALL_BANK, 'guide', '-o', join(dir, 'guide.md')], { home: dir });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('mrso: -o/--output goes with --export');
    expect(existsSync(join(dir, 'guide.md'))).toBe(false);
  });
});
