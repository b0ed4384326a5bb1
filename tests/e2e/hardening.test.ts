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
