import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, ROOT, SMALL_BANK, tempDir } from '../helpers/cli.js';

/*
 * What `mrso --help` and `--version` load, not how long they take: the built
 * files a run required (recorded at exit by a preload), mapped to the
 * sources bundled in each through esbuild's metafile (dist/meta.json).
 */

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const HEAVY = ['better-sqlite3', 'zod', 'yaml', 'ts-fsrs', '@inquirer/prompts', '@inquirer/core'];

interface Meta {
  outputs: Record<string, { inputs: Record<string, unknown> }>;
}

/** The npm packages whose code a run of the built CLI loaded. */
function packagesLoaded(args: string[]): Set<string> {
  const t = tempDir();
  cleanup = t.cleanup;
  const preload = join(t.dir, 'record.cjs');
  const out = join(t.dir, 'loaded.json');
  writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(Object.keys(require.cache))));\n`);
  const run = spawnSync(process.execPath, ['--require', preload, CLI, ...args], {
    encoding: 'utf8',
    input: '',
    env: { PATH: process.env['PATH'] ?? '', HOME: t.dir, FORCE_COLOR: '0', MRSO_DB: join(t.dir, 'h.db') },
  });
  expect(run.status, run.stderr).toBe(0);
  const meta = JSON.parse(readFileSync(join(ROOT, 'dist', 'meta.json'), 'utf8')) as Meta;
  const packages = new Set<string>();
  for (const file of JSON.parse(readFileSync(out, 'utf8')) as string[]) {
    if (file === preload) continue;
    const fromRoot = relative(ROOT, file).split('\\').join('/');
    const output = meta.outputs[fromRoot];
    // A file outside dist/ (say, a package required directly) counts as its package.
    const inputs = output ? Object.keys(output.inputs) : [file];
    for (const input of inputs) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (match) packages.add(match[1]!);
    }
  }
  return packages;
}

describe('what start-up loads', () => {
  it.each([['--help'], ['--version'], ['exam', '--help'], ['bank', 'check', '--help']])(
    'mrso %s loads none of SQLite, zod, YAML, ts-fsrs or the prompts',
    (...args) => {
      const loaded = packagesLoaded(args);
      expect(loaded.has('commander')).toBe(true);
      for (const heavy of HEAVY) expect(loaded.has(heavy), heavy).toBe(false);
    },
  );

  it('sees a heavy package when a command does load one (the check can fail)', () => {
    const loaded = packagesLoaded(['--bank', SMALL_BANK, 'config', 'list']);
    expect(loaded.has('better-sqlite3')).toBe(true);
  });

  it('shows a piped exam its first question before loading node:net, node:tty or readline', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const preload = join(t.dir, 'at-first.cjs');
    const atFirst = join(t.dir, 'at-first.json');
    const atExit = join(t.dir, 'at-exit.json');
    // Node's own modules loaded when "[1/" is first written to file descriptor 1, and at exit (after the answer was read).
    writeFileSync(
      preload,
      `const fs = require('node:fs'); const write = fs.writeSync; let seen = false;
fs.writeSync = function (fd, data, ...rest) {
  if (fd === 1 && !seen && String(data).includes('[1/')) { seen = true; fs.writeFileSync(${JSON.stringify(atFirst)}, JSON.stringify(process.moduleLoadList)); }
  return write.call(this, fd, data, ...rest);
};
process.on('exit', () => fs.writeFileSync(${JSON.stringify(atExit)}, JSON.stringify(process.moduleLoadList)));\n`,
    );
    // No answer comes (the input is empty): the run shows the question, reads, and stops with its one line.
    const run = spawnSync(process.execPath, ['--require', preload, CLI, '--bank', SMALL_BANK, 'exam', '--count', '2'], {
      encoding: 'utf8',
      input: '',
      env: { PATH: process.env['PATH'] ?? '', HOME: t.dir, FORCE_COLOR: '0', MRSO_DB: join(t.dir, 'h.db') },
    });
    expect(run.stdout).toContain('[1/2]');
    expect(run.stderr).toContain('input ended before any answer');
    const builtins = (file: string) => new Set((JSON.parse(readFileSync(file, 'utf8')) as string[]).filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length)));
    const first = builtins(atFirst);
    // (node:stream itself may come earlier: node:crypto loads it when a first run hashes the bank.)
    for (const name of ['net', 'tty', 'readline']) expect(first.has(name), name).toBe(false);
    // The input was read through readline after all: the check sees a module once it is loaded.
    expect(builtins(atExit).has('readline')).toBe(true);
  });
});
