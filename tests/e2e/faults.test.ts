import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seededRng } from '../../src/exam/rng.js';
import { generateBank } from '../helpers/generate-bank.js';
import { CLI, SMALL_BANK, runCli, tempDir } from '../helpers/cli.js';

let home: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir: home, cleanup } = tempDir('mrso-fault-'));
});
afterEach(() => cleanup());

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const noStackTrace = /\s+at .*\.js:\d+/;

function answersIn(db: string, attemptId?: number): number {
  const conn = new Database(db, { readonly: true });
  try {
    const where = attemptId === undefined ? '' : ` AND attempt_id = ${attemptId}`;
    return (conn.prepare(`SELECT count(*) AS n FROM responses WHERE response IS NOT NULL${where}`).get() as { n: number }).n;
  } finally {
    conn.close();
  }
}

/**
 * One scripted exam in pipe mode, killed with SIGKILL at a random moment:
 * answers are typed one at a time, each after its question is shown, and the
 * kill lands after `answersBeforeKill` of them plus a random delay (which may
 * fall in the middle of the next write).
 */
function killedExam(db: string, seed: number, answersBeforeKill: number, delayMs: number): Promise<{ typed: number; acknowledged: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, '--bank', SMALL_BANK, 'exam', '--count', '5', '--seed', String(seed)], {
      env: { PATH: process.env['PATH'] ?? '', HOME: home, FORCE_COLOR: '0', MRSO_DB: db },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let typed = 0;
    let shown = 0;
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const nowShown = (out.match(/^\[\d\/5\]/gm) ?? []).length;
      while (shown < nowShown) {
        shown++;
        if (typed < answersBeforeKill) {
          child.stdin.write('1\n'); // "1" answers every item type: A, or True
          typed++;
        } else if (!killed) {
          killed = true;
          // Type the next answer too, then kill somewhere around its write.
          child.stdin.write('1\n');
          typed++;
          setTimeout(() => child.kill('SIGKILL'), delayMs);
        }
      }
    });
    child.on('error', reject);
    // An answer is acknowledged once the question after it was shown.
    child.on('exit', () => resolve({ typed, acknowledged: shown - 1 }));
  });
}

describe('faults: nothing answered is ever lost', () => {
  it('keeps every acknowledged answer through kill -9 at random moments in 50 exams, and --resume finishes each', async () => {
    const random = seededRng('kill-9 faults');
    const runs = Array.from({ length: 50 }, (_, i) => ({ i, before: Math.floor(random() * 4), delay: Math.floor(random() * 25) }));
    for (let batch = 0; batch < runs.length; batch += 10) {
      await Promise.all(
        runs.slice(batch, batch + 10).map(async ({ i, before, delay }) => {
          const db = `${home}/kill-${i}.db`;
          const { typed, acknowledged } = await killedExam(db, i + 1, before, delay);
          const saved = answersIn(db);
          // At least what was acknowledged; at most what was typed.
          expect(saved, `run ${i}`).toBeGreaterThanOrEqual(acknowledged);
          expect(saved, `run ${i}`).toBeLessThanOrEqual(typed);

          const resumed = runCli(['--bank', SMALL_BANK, 'exam', '--resume'], { home, input: '1\n'.repeat(5 - saved), env: { MRSO_DB: db } });
          expect(resumed.stderr, `run ${i}`).not.toMatch(noStackTrace);
          expect(resumed.stdout, `run ${i}`).toMatch(/Mock exam result/);
          expect(answersIn(db, 1), `run ${i}`).toBe(5);
        }),
      );
    }
  }, 180_000); // 100 process starts: give a slow CI machine room

  it('lets two processes answer against one database at the same time without an error or a lost row', async () => {
    const bank = `${home}/bank`;
    generateBank(bank, { modules: 9, perModule: 30, cardsPerModule: 5 });
    const db = `${home}/shared.db`;
    runCli(['--bank', bank, 'config', 'list'], { home, env: { MRSO_DB: db } }); // create it first, as a user's first run does
    const quiz = (seed: number) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [CLI, '--bank', bank, 'exam', '--mode', 'practice', '--count', '120', '--seed', String(seed)], {
          env: { PATH: process.env['PATH'] ?? '', HOME: home, FORCE_COLOR: '0', MRSO_DB: db },
        });
        let stderr = '';
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
        child.stdout.resume();
        child.stdin.end('1\n'.repeat(120));
        child.on('exit', (code) => resolve({ code, stderr }));
      });
    const results = await Promise.all([quiz(1), quiz(2)]);
    expect(results).toEqual([
      { code: 0, stderr: '' },
      { code: 0, stderr: '' },
    ]);
    expect(answersIn(db)).toBe(240);
  });
});

describe('faults: a damaged or unusable database', () => {
  function seededDb(): string {
    const db = `${home}/history.db`;
    const quiz = runCli(['--bank', SMALL_BANK, 'exam', '--mode', 'practice', '--count', '2', '--seed', '3'], { home, input: '1\n1\n', env: { MRSO_DB: db } });
    expect(quiz.code).toBe(0);
    return db;
  }

  it('refuses a corrupt database in one clear line and leaves it as it was', () => {
    const db = seededDb();
    const bytes = readFileSync(db);
    bytes.fill(0x5a, 100, 4000); // scribble over the schema page
    writeFileSync(db, bytes);
    const before = sha(db);
    const result = runCli(['--bank', SMALL_BANK, 'stats'], { home, env: { MRSO_DB: db } });
    expect(result.code).not.toBe(0);
    expect(result.stderr.split('\n')[0]).toMatch(new RegExp(`^mrso: .*${db}.*`));
    expect(result.stderr).not.toMatch(noStackTrace);
    expect(sha(db)).toBe(before);
  });

  it.skipIf(process.getuid?.() !== 0 || spawnSync('runuser', ['--help']).status !== 0)(
    'refuses to write to a read-only database with a fix, keeps reading it, and leaves it unchanged',
    () => {
      const db = seededDb();
      chmodSync(home, 0o777);
      chownSync(db, 65534, 65534); // nobody; root ignores file modes, so the test runs as nobody
      chmodSync(db, 0o400);
      const before = sha(db);
      const asNobody = (args: string[], input = '') =>
        spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, CLI, '--bank', SMALL_BANK, '--db', db, ...args], {
          input,
          encoding: 'utf8',
          env: { PATH: process.env['PATH'] ?? '', HOME: home, FORCE_COLOR: '0' },
        });
      const exam = asNobody(['exam', '--mode', 'practice', '--count', '2'], '1\n1\n');
      expect(exam.status).not.toBe(0);
      expect(exam.stderr).toMatch(/cannot be written/);
      expect(exam.stderr).toMatch(/writable|--db/);
      expect(exam.stderr).not.toMatch(noStackTrace);
      const stats = asNobody(['stats']);
      expect(stats.status).toBe(0);
      expect(stats.stdout).toMatch(/2 answers/);
      expect(sha(db)).toBe(before);
    },
  );

  it('creates a missing data directory on first use, with the database private to the user', () => {
    const db = `${home}/not/yet/there/history.db`;
    const result = runCli(['--bank', SMALL_BANK, 'exam', '--mode', 'practice', '--count', '1', '--seed', '1'], { home, input: '1\n', env: { MRSO_DB: db } });
    expect(result.code).toBe(0);
    expect(existsSync(db)).toBe(true);
    expect(answersIn(db)).toBe(1);
  });

  it('stops clearly when the disk fills mid-exam (a file-size limit), keeping the answers already saved', () => {
    const db = seededDb();
    const savedBefore = answersIn(db);
    // Ignoring SIGXFSZ turns the limit into write errors, as a full disk gives.
    // The limit lets the database open (its 32 KB shared-memory file) but not grow far.
    const limitKb = 48;
    const result = spawnSync('bash', ['-c', `trap '' XFSZ; ulimit -f ${limitKb}; exec "$0" "$@"`, process.execPath, CLI, '--bank', SMALL_BANK, 'exam', '--mode', 'practice', '--count', '5', '--seed', '9'], {
      input: '1\n'.repeat(5),
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '', HOME: home, FORCE_COLOR: '0', MRSO_DB: db },
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr.split('\n')[0]).toMatch(new RegExp(`^mrso: could not write to ${db}`));
    expect(result.stderr).toMatch(/disk space/);
    expect(result.stderr).not.toMatch(noStackTrace);
    // Everything from before is still there, and the database still opens.
    const after = answersIn(db);
    expect(after).toBeGreaterThanOrEqual(savedBefore);
    const stats = runCli(['--bank', SMALL_BANK, 'stats'], { home, env: { MRSO_DB: db } });
    expect(stats.code).toBe(0);
  });

  it('refuses a 50 MB bank file by name without reading it into an exam', () => {
    const bank = `${home}/big-bank`;
    generateBank(bank, { modules: 9, perModule: 6, cardsPerModule: 1 });
    writeFileSync(`${bank}/10-huge.yaml`, `# ${'x'.repeat(50 * 1024 * 1024)}\n`);
    const result = runCli(['--bank', bank, 'bank', 'check'], { home });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/10-huge\.yaml:1:1: file is 50\.0 MB; bank files are limited to 5 MB/);
  });
});
