import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { SMALL_BANK, runCli, tempDir } from '../helpers/cli.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function home() {
  const t = tempDir();
  cleanup = t.cleanup;
  return t.dir;
}

const cli = (dir: string, args: string[], env: Record<string, string> = {}) => runCli(['--bank', SMALL_BANK, ...args], { home: dir, env: { MRSO_DB: `${dir}/h.db`, ...env } });

describe('mrso alone', () => {
  it("shows today's dashboard, each line with its command; --json gives the same", () => {
    const dir = home();
    const bare = cli(dir, []);
    expect(bare.code).toBe(0);
    expect(bare.stdout).toMatch(/Cards today: 0 due, 6 new +→ mrso cards/);
    expect(bare.stdout).toMatch(/No mock exam yet +→ mrso exam/);
    const json = JSON.parse(cli(dir, ['today', '--json']).stdout) as { lines: { text: string; command: string }[] };
    for (const line of json.lines) expect(bare.stdout.replace(/\s+/g, ' ')).toContain(`${line.text} → ${line.command}`.replace(/\s+/g, ' '));
  });

  it('still names a mistyped command as unknown', () => {
    const result = cli(home(), ['nosuch']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^mrso: unknown command 'nosuch'/);
  });
});

describe('exam dates on the learner\'s day', () => {
  it('refuses today as the exam date, where today is the learning day in the learner\'s zone', () => {
    const dir = home();
    // Whatever the real time, some zone of Tokyo and Honolulu is on a different calendar date: each refuses its own today.
    for (const tz of ['Asia/Tokyo', 'Pacific/Honolulu']) {
      const today = JSON.parse(cli(dir, ['today', '--json'], { TZ: tz }).stdout).today as string;
      const result = cli(dir, ['config', 'set', 'examDate', today], { TZ: tz });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`${today} is today`));
    }
  });
});

describe('card exports honour the session filters', () => {
  it('exports the missed questions with --missed, refuses an unknown topic, and never overwrites without --force', () => {
    const dir = home();
    expect(cli(dir, ['cards', '--export', 'csv', '--missed', '-o', '-']).stderr).toMatch(/no missed questions/);
    // A practice quiz on module 1, every answer wrong: A (a wrong letter) and F (false), in turn; a line that does not fit an item is asked again.
    const practice = runCli(['--bank', SMALL_BANK, 'exam', '--mode', 'practice', '--count', '3', '--module', '1', '--seed', 'x'], { home: dir, env: { MRSO_DB: `${dir}/h.db` }, input: 'A\nF\n'.repeat(4) });
    expect(practice.code).toBe(0);
    const missed = cli(dir, ['cards', '--export', 'csv', '--missed', '-o', '-']);
    const rows = missed.stdout.trim().split('\r\n').slice(1);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => /^m1-[a-z]+-\d+,1,/.test(r) && !r.includes('-card-'))).toBe(true);

    const nosuch = cli(dir, ['cards', '--export', 'anki', '--topic', 'nosuch']);
    expect(nosuch.code).toBe(2);
    expect(nosuch.stderr).toMatch(/--topic nosuch: no such topic/);

    const file = `${dir}/deck.txt`;
    writeFileSync(file, 'mine');
    const refused = cli(dir, ['cards', '--export', 'anki', '-o', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already exists[\s\S]*--force/);
    expect(readFileSync(file, 'utf8')).toBe('mine');
    expect(cli(dir, ['cards', '--export', 'anki', '-o', file, '--force']).code).toBe(0);
    expect(existsSync(file) && readFileSync(file, 'utf8').startsWith('#separator:tab')).toBe(true);
  });
});

describe('shell completion', () => {
  it('prints scripts with the commands, options, module numbers and topic ids', () => {
    const dir = home();
    const bash = cli(dir, ['completion', 'bash']).stdout;
    expect(bash).toContain('complete -o default -F _mrso mrso');
    expect(bash).toMatch(/cards\) opts='[^']*--topic[^']*--cram/);
    expect(bash).toMatch(/--module\|-m\) COMPREPLY=\(\$\(compgen -W '1 2'/);
    const fish = cli(dir, ['completion', 'fish']).stdout;
    expect(fish).toMatch(/__fish_seen_subcommand_from cards' -l topic -x -a '[a-z-]+ /);
    expect(cli(dir, ['completion', 'zsh']).stdout).toMatch(/^autoload -U \+X bashcompinit/);
    expect(cli(dir, ['completion', 'tcsh']).code).toBe(2);
  });
});
