import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { generateBank } from '../helpers/generate-bank.js';

let dir: string;
let cleanup: () => void;
const run = (args: string[], input = '') => runCli(['--bank', `${dir}/bank`, ...args], { home: dir, input, env: { MRSO_DB: `${dir}/h.db` } });

/**
 * Every generated item is a single-answer item keyed A with shuffle off,
 * so a script can pass or fail a mock exam on purpose.
 */
function answers(count: number, wrong: number): string {
  return Array.from({ length: count }, (_, i) => (i < wrong ? 'B' : 'A')).join('\n') + '\n';
}

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  generateBank(`${dir}/bank`, { perModule: 14, singleOnly: true });
});
afterAll(() => cleanup());

describe('completion record', () => {
  it('is refused before any passing full mock exam', () => {
    const result = run(['cert']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no passing full mock exam/);
  });

  it('is written for a passing 100-item exam and verifies, by file and by code', () => {
    const exam = run(['exam', '--count', '100', '--seed', 'rec', '--untimed'], answers(100, 17));
    expect(exam.stdout).toMatch(/Mock exam result\n83\/100 correct \(83\.0%\) — PASS/);
    const cert = run(['cert', '--name', 'Ada Lovelace', '-o', `${dir}/record.html`]);
    expect(cert.code).toBe(0);
    const code = /Verification code: (MRSO-[0-9A-Z-]+)/.exec(cert.stdout)![1]!;
    const html = readFileSync(`${dir}/record.html`, 'utf8');
    expect(html).toContain('This is a practice record, not an ABMRS certification.');
    expect(html).toContain('Ada Lovelace');

    const byFile = run(['verify', `${dir}/record.html`]);
    expect(byFile.stdout).toMatch(/^VALID: .*record\.html is attempt #1 of Ada Lovelace/);
    expect(run(['verify', code.toLowerCase()]).stdout).toMatch(/^VALID: MRSO-/);
  });

  it('does not verify once one digit of the score is changed', () => {
    const html = readFileSync(`${dir}/record.html`, 'utf8');
    const forged = html.replace(/(<td data-field="score">)(\d)/, (_, a: string, d: string) => `${a}${(Number(d) + 1) % 10}`);
    expect(forged).not.toBe(html);
    writeFileSync(`${dir}/forged.html`, forged);
    const result = run(['verify', `${dir}/forged.html`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/NOT VALID: .*forged\.html: the visible text was changed \(line \d+: "<tr><th>Score<\/th>/);
  });

  it('does not verify a code with one changed character, or a record whose embedded score was edited', () => {
    const code = /data-field="code">(MRSO-[0-9A-Z-]+)</.exec(readFileSync(`${dir}/record.html`, 'utf8'))![1]!;
    const last = code.at(-1) === '0' ? '1' : '0';
    expect(run(['verify', `${code.slice(0, -1)}${last}`]).stderr).toMatch(/NOT VALID: .* matches no mock exam/);
    const html = readFileSync(`${dir}/record.html`, 'utf8').replace(/"correct":(\d+)/, (_, n: string) => `"correct":${Number(n) - 1}`);
    writeFileSync(`${dir}/forged2.html`, html);
    expect(run(['verify', `${dir}/forged2.html`]).stderr).toMatch(/the score says \d+\/100; the history says \d+\/100/);
  });

  it('refuses a record for a failed exam', () => {
    run(['exam', '--count', '100', '--seed', 'fail', '--untimed', '--new'], answers(100, 60));
    const result = run(['cert', '--attempt', '2']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/attempt #2 cannot have a completion record: it scored \d+\/100, below the 70% pass mark/);
  });
});
