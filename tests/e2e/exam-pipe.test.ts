import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI, SMALL_BANK, tempDir } from '../helpers/cli.js';

let home: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir: home, cleanup } = tempDir('mrso-pipe-'));
});
afterEach(() => cleanup());

describe('piped mode', () => {
  it('exits once the result is printed, with its input still open', async () => {
    const child = spawn(process.execPath, [CLI, '--bank', SMALL_BANK, 'exam', '--count', '3', '--seed', '1'], {
      env: { PATH: process.env['PATH'] ?? '', HOME: home, FORCE_COLOR: '0', MRSO_DB: `${home}/h.db` },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    // Three answers, and the pipe is left open (as a script feeding answers would).
    child.stdin.write('1\n1\n1\n');
    const code = await new Promise<number | string>((resolve) => {
      const stuck = setTimeout(() => {
        child.kill('SIGKILL');
        resolve('still running after the result');
      }, 15_000);
      child.on('exit', (c) => {
        clearTimeout(stuck);
        resolve(c ?? -1);
      });
    });
    expect(out).toMatch(/Mock exam result/);
    expect(code).toBe(0);
  });
});
