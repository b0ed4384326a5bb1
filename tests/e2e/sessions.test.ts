import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SMALL_BANK, runCli, tempDir } from '../helpers/cli.js';

let home: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir: home, cleanup } = tempDir('mrso-sessions-'));
});
afterEach(() => cleanup());

const run = (args: string[], input = '') => runCli(['--bank', SMALL_BANK, ...args], { home, input, env: { MRSO_DB: `${home}/h.db` } });

describe('sessions you can list, reopen and export', () => {
  it('lists an unfinished mock and a practice side by side, resumes either by id, and reprints a result', () => {
    expect(run(['exam', '--count', '3', '--seed', '1'], '1\n').code).toBe(1);
    const practice = run(['exam', '--count', '3', '--seed', '2', '--mode', 'practice'], '1\n');
    expect(practice.stdout).toMatch(/unfinished mock exam #1 \(1\/3 answered\) is kept; resume it with:\smrso\sexam\s--resume 1/);
    const list = run(['sessions']);
    expect(list.stdout).toMatch(/Unfinished \(2\)/);
    expect(list.stdout).toMatch(/#2 +practice +all +1\/3 +untimed/);
    expect(list.stdout).toMatch(/#1 +mock exam +all +1\/3 +0[34]:\d\d/);
    // Without an id, --resume takes the newest mock exam, not the newer practice.
    const resumed = run(['exam', '--resume'], '1\n1\n');
    expect(resumed.stdout).toMatch(/Resuming #1: 1\/3 answered/);
    expect(resumed.stdout).toMatch(/Mock exam result/);
    const again = run(['results', '1']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Mock exam result\n\d\/3 correct/);
    expect(again.stdout).toMatch(/#1 · 3 answered · time \d\d:\d\d of 04:00/);
    expect(run(['results', '2']).stderr).toMatch(/^mrso: session #2 is not finished; resume it with: mrso exam --resume 2\n$/);
  });

  it('discards only with --discard ID, and asks (or needs --yes without a terminal)', () => {
    run(['exam', '--count', '3', '--seed', '1'], '1\n');
    const refused = run(['sessions', '--discard', '1']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^mrso: discarding #1 needs a yes: run it in a terminal, or add --yes\n$/);
    expect(run(['sessions', '--discard', '1', '--yes']).stdout).toMatch(/Discarded #1\./);
    expect(run(['sessions']).stdout).toMatch(/Unfinished \(0\)|No sessions yet/);
  });

  it('exports every answer as CSV with formula cells escaped, and never overwrites without --force', () => {
    run(['exam', '--count', '3', '--seed', '1', '--mode', 'practice'], '1\n1\n1\n');
    const csv = run(['history', 'export', '--format', 'csv', '-o', '-']);
    const lines = csv.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('attemptId,mode,itemId,module,topic,domain,chosen,correct,confidence,struck,seconds,answeredAt');
    expect(lines).toHaveLength(4);
    const out = `${home}/answers.json`;
    writeFileSync(out, 'mine');
    const refused = run(['history', 'export', '-o', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/the file exists; add --force/);
    expect(readFileSync(out, 'utf8')).toBe('mine');
    expect(run(['history', 'export', '-o', out, '--force']).code).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8')) as { answers: { mode: string; confidence: string }[] };
    expect(json.answers).toHaveLength(3);
    expect(json.answers[0]).toMatchObject({ mode: 'practice', confidence: 'sure' });
    expect(run(['history', 'export', '-o', `${home}/missing/x.json`]).stderr).toMatch(/the folder .*missing does not exist/);
  });

  it('runs mrso review through the same practice engine: the items missed come back, with feedback', () => {
    // "2" is B (or False): some of these are wrong.
    run(['exam', '--count', '5', '--seed', '1', '--mode', 'practice'], '2\n2\n2\n2\n2\n');
    const review = run(['review', '--missed', '--seed', 'r'], '\n\n\n\n\n');
    expect(review.code).toBe(0);
    expect(review.stdout).toMatch(/Practice #2: \d questions, untimed/);
    expect(review.stdout).toMatch(/Practice result/);
    expect(run(['sessions']).stdout).toMatch(/Finished \(latest 2\)/);
  });
});
