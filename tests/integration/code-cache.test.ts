import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandOf } from '../../src/startup/code-cache.js';
import { CLI, ROOT, SMALL_BANK, tempDir } from '../helpers/cli.js';

// The built code cache (dist/startup.cjs), run in a child process as bin/mrso.cjs runs it:
// it changes how this process's require works, so it cannot run inside the test runner.
const BUILT = join(ROOT, 'dist', 'startup.cjs');

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir('mrso-code-cache-')));
afterEach(() => cleanup());

/** A two-file "build" whose second file returns `word`, loaded through the cache; `now` is ahead, so the files count as settled. */
function loadThroughCache(codeDir: string, cacheDir: string, exitCode = 0): { out: string; err: string } {
  // The caller of useCodeCache hands it a private folder (startCodeCache checks it): made here as it would be.
  if (!cacheDir.includes('not-a-folder')) mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
  const driver = `
    require(${JSON.stringify(BUILT)}).useCodeCache({ codeDir: ${JSON.stringify(codeDir)}, cacheDir: ${JSON.stringify(cacheDir)}, kind: 'test', now: Date.now() + 10000 });
    console.log(require(${JSON.stringify(join(codeDir, 'main.cjs'))}).word());
    process.exitCode = ${exitCode};`;
  const result = spawnSync(process.execPath, ['-e', driver], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(exitCode);
  return { out: result.stdout.trim(), err: result.stderr };
}

function writeBuild(codeDir: string, word: string): void {
  mkdirSync(codeDir, { recursive: true });
  writeFileSync(join(codeDir, 'main.cjs'), "const part = require('./part.cjs');\nexports.word = () => part.word();\n");
  writeFileSync(join(codeDir, 'part.cjs'), `exports.word = function word() { return '${word}'; };\n`);
}

const entries = (cacheDir: string) =>
  readdirSync(cacheDir)
    .sort()
    .map((name) => ({ name, ino: statSync(join(cacheDir, name)).ino, mtimeMs: statSync(join(cacheDir, name)).mtimeMs }));

describe('code cache', () => {
  it('keeps compiled code after a run and uses it, unchanged, in the next', () => {
    const codeDir = join(dir, 'dist');
    const cacheDir = join(dir, 'cache');
    writeBuild(codeDir, 'one');
    expect(loadThroughCache(codeDir, cacheDir).out).toBe('one');
    const first = entries(cacheDir);
    expect(first.map((e) => e.name.split('-')[0])).toEqual(['main.cjs', 'part.cjs']);
    expect(loadThroughCache(codeDir, cacheDir).out).toBe('one');
    // Not rewritten: V8 took the entries as they were.
    expect(entries(cacheDir)).toEqual(first);
  });

  it('runs the new code of a file edited to the same length, never the cached old code', () => {
    const codeDir = join(dir, 'dist');
    const cacheDir = join(dir, 'cache');
    writeBuild(codeDir, 'one');
    expect(loadThroughCache(codeDir, cacheDir).out).toBe('one');
    // V8 would accept the old entry for this source: it checks only the length.
    writeFileSync(join(codeDir, 'part.cjs'), "exports.word = function word() { return 'two'; };\n");
    expect(loadThroughCache(codeDir, cacheDir).out).toBe('two');
  });

  it('compiles afresh over a damaged or cut-short entry, and replaces it', () => {
    const codeDir = join(dir, 'dist');
    const cacheDir = join(dir, 'cache');
    writeBuild(codeDir, 'one');
    loadThroughCache(codeDir, cacheDir);
    const [main, part] = entries(cacheDir);
    const mainBytes = statSync(join(cacheDir, main!.name)).size;
    writeFileSync(join(cacheDir, main!.name), Buffer.alloc(mainBytes, 0x5a));
    writeFileSync(join(cacheDir, part!.name), Buffer.alloc(10, 0));
    expect(loadThroughCache(codeDir, cacheDir)).toEqual({ out: 'one', err: '' });
    const replaced = entries(cacheDir);
    expect(replaced.map((e) => e.name)).toEqual([main!.name, part!.name]);
    expect(statSync(join(cacheDir, part!.name)).size).toBeGreaterThan(10);
    expect(loadThroughCache(codeDir, cacheDir).out).toBe('one');
    expect(entries(cacheDir)).toEqual(replaced);
  });

  it('runs as usual when the cache folder cannot be written', () => {
    const codeDir = join(dir, 'dist');
    writeBuild(codeDir, 'one');
    writeFileSync(join(dir, 'not-a-folder'), '');
    expect(loadThroughCache(codeDir, join(dir, 'not-a-folder', 'cache'))).toEqual({ out: 'one', err: '' });
  });

  it('keeps nothing from a run that ends in a usage error (its "command" may be any mistyped word)', () => {
    const codeDir = join(dir, 'dist');
    const cacheDir = join(dir, 'cache');
    writeBuild(codeDir, 'one');
    expect(loadThroughCache(codeDir, cacheDir, 2).out).toBe('one');
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it('gives each command its own entries, skipping global options and their values', () => {
    expect(commandOf(['node', 'mrso', 'exam', '--count', '5'])).toBe('exam');
    expect(commandOf(['node', 'mrso', '--bank', 'my-bank', '--db', 'h.db', 'stats'])).toBe('stats');
    expect(commandOf(['node', 'mrso', '--debug', 'cards', 'export'])).toBe('cards');
    expect(commandOf(['node', 'mrso', '--help'])).toBe('none');
    expect(commandOf(['node', 'mrso', '../../etc'])).toBe('other');
  });

  it('serves the real CLI: a second run gives the same screen from cached code', async () => {
    await settled(join(ROOT, 'dist'));
    const home = join(dir, 'home');
    mkdirSync(home);
    const run = () =>
      spawnSync(process.execPath, [CLI, '--bank', SMALL_BANK, 'exam', '--mode', 'practice', '--count', '3', '--seed', 'cache'], {
        input: 'C\nF\nT\n',
        encoding: 'utf8',
        env: { PATH: process.env['PATH'] ?? '', HOME: home, FORCE_COLOR: '0', MRSO_DB: join(dir, `h-${Math.random()}.db`) },
      });
    const first = run();
    const codeCache = join(home, '.cache', 'mrso', 'code');
    expect(lstatSync(codeCache).mode & 0o777).toBe(0o700);
    const written = entries(codeCache);
    expect(written.every((e) => (statSync(join(codeCache, e.name)).mode & 0o777) === 0o600)).toBe(true);
    expect(written.some((e) => e.name.startsWith('main.cjs-') && e.name.includes('-exam-'))).toBe(true);
    const second = run();
    expect(entries(codeCache)).toEqual(written);
    const screen = (out: string) => out.replace(/time \d\d:\d\d/, 'time –');
    expect(screen(second.stdout)).toBe(screen(first.stdout));
    expect(first.stdout).toMatch(/Practice result\n\d\/3 correct/);
    expect([first.status, second.status, second.stderr]).toEqual([0, 0, '']);
  });
});

describe('code cache folder', () => {
  it('is not used when others can write the cache folder (code in it would run as the user), and mrso still runs', async () => {
    await settled(join(ROOT, 'dist'));
    const shared = join(dir, 'shared');
    mkdirSync(join(shared, 'mrso'), { recursive: true });
    chmodSync(join(shared, 'mrso'), 0o777);
    const result = spawnSync(process.execPath, [CLI, '--bank', SMALL_BANK, 'bank', 'check'], {
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '', HOME: join(dir, 'home'), XDG_CACHE_HOME: shared, FORCE_COLOR: '0' },
    });
    expect([result.status, result.stderr]).toEqual([0, '']);
    expect(readdirSync(join(shared, 'mrso'))).toEqual([]);
  });
});

/** Wait until the built files are old enough to be cached (a build may have just written them). */
async function settled(codeDir: string): Promise<void> {
  const newest = Math.max(...readdirSync(codeDir).map((f) => statSync(join(codeDir, f)).ctimeMs));
  const wait = newest + 3100 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}
