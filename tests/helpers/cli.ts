import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const CLI = join(ROOT, 'bin', 'mrso.cjs');
export const SMALL_BANK = join(ROOT, 'tests', 'fixtures', 'small-bank');

export function tempDir(prefix = 'mrso-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Run the built CLI as a user would, with a private HOME and no colour. */
export function runCli(args: string[], opts: { input?: string; env?: Record<string, string>; home: string }) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    input: opts.input ?? '',
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HOME: opts.home, FORCE_COLOR: '0', ...opts.env },
    timeout: 20_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function hasTmux(): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
