/* eslint-disable no-control-regex -- these patterns exist to find control characters */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

let home: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir: home, cleanup } = tempDir('mrso-harden-'));
});
afterEach(() => cleanup());

/** ESC, C1 and the other control bytes a terminal acts on. */
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;

describe('terminal safety', () => {
  it('prints a path holding escape sequences in an error without them', () => {
    const evil = `${home}/bank\u001b]52;c;cHduZWQ=\u0007\u001b[2J\u009b1A`;
    const result = runCli(['--bank', evil, 'stats'], { home, env: { MRSO_DB: `${home}/h.db` } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/bank folder .*bank.* does not exist/);
    expect(result.stderr.replace(/\n/g, '')).not.toMatch(TERMINAL_CONTROL);
  });
});

describe('file safety', () => {
  it('refuses a bank file that is a link to /dev/zero or a FIFO, at once, naming it', async () => {
    const { cpSync, symlinkSync } = await import('node:fs');
    const { execFileSync } = await import('node:child_process');
    const { SMALL_BANK } = await import('../helpers/cli.js');
    cpSync(SMALL_BANK, `${home}/bank`, { recursive: true });
    symlinkSync('/dev/zero', `${home}/bank/98-zero.yaml`);
    execFileSync('mkfifo', [`${home}/bank/99-fifo.yaml`]);
    const started = Date.now();
    const result = runCli(['--bank', `${home}/bank`, 'bank', 'check'], { home, env: { MRSO_DB: `${home}/h.db` } });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toMatch(/98-zero\.yaml:1:1: cannot be read: a device, not a regular file/);
    expect(result.stdout + result.stderr).toMatch(/99-fifo\.yaml:1:1: cannot be read: a FIFO \(named pipe\), not a regular file/);
  });

  it('never overwrites an export without --force, and escapes spreadsheet formulas in CSV', async () => {
    const { cpSync, readFileSync, writeFileSync, mkdirSync } = await import('node:fs');
    const { SMALL_BANK } = await import('../helpers/cli.js');
    cpSync(SMALL_BANK, `${home}/bank`, { recursive: true });
    const file = `${home}/bank/01-one.yaml`;
    writeFileSync(file, readFileSync(file, 'utf8').replace('back: "10,000 G (so 1 mT = 10 G)."', "back: '=HYPERLINK(1) 10,000 G'"));
    mkdirSync(`${home}/out`);
    writeFileSync(`${home}/out/cards.csv`, 'my own spreadsheet');
    const run = (args: string[]) => runCli(['--bank', `${home}/bank`, ...args], { home, env: { MRSO_DB: `${home}/h.db` } });
    const refused = run(['cards', '--export', 'csv', '-o', `${home}/out/cards.csv`]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/cards\.csv already exists/);
    expect(readFileSync(`${home}/out/cards.csv`, 'utf8')).toBe('my own spreadsheet');
    expect(run(['cards', '--export', 'csv', '-o', `${home}/out/cards.csv`, '--force']).code).toBe(0);
    const csv = readFileSync(`${home}/out/cards.csv`, 'utf8');
    expect(csv).toMatch(/^id,module,topic,front,back,refs\r\n/);
    expect(csv).toContain(`"'=HYPERLINK(1) 10,000 G"`);
    expect(csv).not.toMatch(/(^|,)"?=/m);
  });
});
