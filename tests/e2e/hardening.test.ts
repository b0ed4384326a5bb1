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
/** ESC, BEL and C1 anywhere in output. */
const TERMINAL_CONTROL_ANYWHERE = /[\u0007\u001b\u0080-\u009f]/u;

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

describe('history integrity', () => {
  const cli = async () => (await import('../helpers/cli.js'));

  it('reports a history truncated to 0 bytes and leaves it as it is, instead of starting an empty one', async () => {
    const { writeFileSync, statSync } = await import('node:fs');
    const { SMALL_BANK } = await cli();
    writeFileSync(`${home}/h.db`, '');
    for (const args of [['stats'], ['config', 'set', 'cards.newPerDay', '10'], ['exam', '--count', '2']]) {
      const result = runCli(['--bank', SMALL_BANK, ...args], { home, env: { MRSO_DB: `${home}/h.db` }, input: '1\n1\n' });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^mrso: the history .*h\.db is empty \(0 bytes\): it was truncated, and was left as it is/);
    }
    expect(statSync(`${home}/h.db`).size).toBe(0);
  });

  it('refuses to write into a history whose data pages are damaged, naming the recovery steps', async () => {
    const { openSync, writeSync, closeSync, readFileSync } = await import('node:fs');
    const { createHash } = await import('node:crypto');
    const { SMALL_BANK } = await cli();
    const db = `${home}/h.db`;
    const env = { MRSO_DB: db };
    const answers = Array.from({ length: 8 }, () => '1').join('\n') + '\n';
    expect(runCli(['--bank', SMALL_BANK, 'exam', '--mode', 'practice', '--count', '8'], { home, env, input: answers }).code).toBe(0);
    const Database = (await import('better-sqlite3')).default;
    const conn = new Database(db);
    conn.pragma('wal_checkpoint(TRUNCATE)');
    const page = (conn.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'responses'").get() as { rootpage: number }).rootpage;
    const size = conn.pragma('page_size', { simple: true }) as number;
    conn.close();
    // Scribble over the responses table's root page, past its header: the kind of damage a disk fault leaves.
    const fd = openSync(db, 'r+');
    writeSync(fd, Buffer.alloc(size - 200, 0xa5), 0, size - 200, (page - 1) * size + 100);
    closeSync(fd);
    const before = createHash('sha256').update(readFileSync(db)).digest('hex');
    const result = runCli(['--bank', SMALL_BANK, 'config', 'set', 'cards.newPerDay', '10'], { home, env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^mrso: the history .*h\.db is damaged \(.*\); nothing was written to it\n {2}Keep a copy of it, then recover what SQLite can read:\s+sqlite3\s[^]*"\.recover"/);
    expect(createHash('sha256').update(readFileSync(db)).digest('hex')).toBe(before);
  });

  for (const change of ['moved', 'replaced', 'truncated', 'deleted'] as const) {
    it(`stops with one line when the history is ${change} mid-exam, instead of acknowledging answers that are lost`, async () => {
      const { spawn } = await import('node:child_process');
      const { renameSync, copyFileSync, truncateSync, rmSync } = await import('node:fs');
      const { CLI, SMALL_BANK } = await cli();
      const db = `${home}/h.db`;
      const child = spawn(process.execPath, [CLI, '--bank', SMALL_BANK, 'exam', '--count', '5', '--seed', '7'], {
        env: { PATH: process.env['PATH'] ?? '', HOME: home, FORCE_COLOR: '0', MRSO_DB: db },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      let typed = 0;
      // stdin is closed once the error is out: a piped exam that ends early waiting on open stdin is EXAM's (piped mode exit).
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        if (/while mrso was running/.test(err)) child.stdin.end();
      });
      const code = await new Promise<number | null>((resolve) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const shown = (out.match(/^\[\d\/5\]/gm) ?? []).length;
          while (typed < shown) {
            if (typed === 1) {
              if (change === 'moved') renameSync(db, `${home}/elsewhere.db`);
              if (change === 'replaced') {
                copyFileSync(db, `${home}/copy.db`);
                renameSync(`${home}/copy.db`, db);
              }
              if (change === 'truncated') truncateSync(db, 0);
              if (change === 'deleted') rmSync(db);
            }
            child.stdin.write('1\n');
            typed++;
          }
        });
        child.on('close', resolve);
        setTimeout(() => child.kill('SIGKILL'), 15_000);
      });
      expect(code).toBe(1);
      expect(err).toMatch(new RegExp(`^mrso: the history .*h\\.db was ${change === 'moved' || change === 'deleted' ? 'moved or deleted' : change === 'replaced' ? 'replaced by another file' : 'truncated to 0 bytes'} while mrso was running`));
      expect(typed).toBe(2);
    });
  }
});

describe('text read back from the database', () => {
  it('prints a setting and a recorded answer edited to hold escape sequences without them', async () => {
    const { SMALL_BANK } = await import('../helpers/cli.js');
    const Database = (await import('better-sqlite3')).default;
    const db = `${home}/h.db`;
    const run = (args: string[], input = '') => runCli(['--bank', SMALL_BANK, ...args], { home, env: { MRSO_DB: db }, input });
    expect(run(['exam', '--mode', 'practice', '--count', '8', '--seed', '3'], '2\n2\n2\n2\n2\n2\n2\n2\n').code).toBe(0);
    const conn = new Database(db);
    conn.prepare("INSERT INTO settings (key, value) VALUES ('examDate', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run('2027-01-01\u001b]0;pwned\u0007\u001b[2J');
    conn.prepare('UPDATE responses SET response = ? WHERE correct = 0').run(JSON.stringify('Z\u001b]52;c;cHduZWQ=\u0007\u009b2J'));
    conn.close();
    for (const args of [['config', 'list'], ['bank', 'items']]) {
      const result = run(args);
      expect(result.stdout.length).toBeGreaterThan(0);
      expect(result.stdout + result.stderr).not.toMatch(TERMINAL_CONTROL_ANYWHERE);
    }
  });
});

describe('a damaged value in the history', () => {
  it('is reported as damage with the recovery steps, not as an unexpected error (exit 70)', async () => {
    const { SMALL_BANK } = await import('../helpers/cli.js');
    const Database = (await import('better-sqlite3')).default;
    const db = `${home}/h.db`;
    const run = (args: string[], input = '') => runCli(['--bank', SMALL_BANK, ...args], { home, env: { MRSO_DB: db }, input });
    expect(run(['exam', '--mode', 'practice', '--count', '5', '--seed', '3'], '2\n2\n2\n2\n2\n').code).toBe(0);
    const conn = new Database(db);
    conn.exec("UPDATE responses SET response = '{' WHERE correct = 0");
    conn.close();
    const result = run(['bank', 'items']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^mrso: the history .*h\.db is damaged \(a damaged recorded answer: "\{"\)/);
  });
});

describe('Markdown exports', () => {
  it('escape HTML from the bank in the flashcard sheet and the study guide', async () => {
    const { cpSync, readFileSync, writeFileSync } = await import('node:fs');
    const { SMALL_BANK } = await import('../helpers/cli.js');
    cpSync(SMALL_BANK, `${home}/bank`, { recursive: true });
    const file = `${home}/bank/01-one.yaml`;
    writeFileSync(file, readFileSync(file, 'utf8').replace('front: How many gauss make one tesla?', "front: 'How many gauss <img src=x onerror=alert(1)> make one tesla?'"));
    const run = (args: string[]) => runCli(['--bank', `${home}/bank`, ...args], { home, env: { MRSO_DB: `${home}/h.db` } });
    for (const args of [['cards', '--export', 'md', '-o', '-'], ['guide', '--export', 'md', '-o', '-']]) {
      const out = run(args).stdout;
      expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(out).not.toContain('<img');
    }
  });
});
