import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Response } from '../../src/bank/schema.js';
import type { BankQuestion } from '../../src/bank/types.js';
import { openBank } from '../../src/bank-source/open.js';
import { HistoryStore } from '../../src/store/history.js';
import { openDb } from '../../src/store/open.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import { generateBank } from '../helpers/generate-bank.js';

let dir: string;
let cleanup: () => void;
let shipped: BankQuestion[];
const run = (args: string[], input = '', db = `${dir}/h.db`) => runCli(args, { home: dir, input, env: { MRSO_DB: db } });

const wrong = (q: BankQuestion): Response =>
  q.type === 'truefalse' ? !q.answer : q.type === 'single' ? (q.answer === 'A' ? 'B' : 'A') : q.type === 'multi' ? (q.answer.length === 1 && q.answer[0] === 'A' ? ['B'] : ['A']) : { value: q.answer.value + 1, unit: q.answer.unit };

/**
 * A mock exam as `mrso exam` records it, on the shipped bank: 100 items
 * drawn from every module, `right` of them answered correctly; timed at the
 * default limit unless said otherwise.
 */
function recordExam(db: string, right: number, opts: { timeLimitS?: number | null } = {}): number {
  const byModule = new Map<number, BankQuestion[]>();
  // Numeric drill items never appear in a mock exam (the bank format on main): only the choice types are drawn.
  for (const q of shipped) if (['single', 'multi', 'truefalse'].includes(q.type as string)) byModule.set(q.module, [...(byModule.get(q.module) ?? []), q]);
  const lists = [...byModule.values()];
  const items: BankQuestion[] = [];
  for (let k = 0; items.length < 100; k++) for (const list of lists) if (items.length < 100 && list[k]) items.push(list[k]!);
  const store = new HistoryStore(openDb(db), db);
  try {
    const id = store.createAttempt({
      mode: 'exam',
      seed: 'rec',
      params: { count: 100, modules: [], bank: 'questions (shipped)' },
      timeLimitS: opts.timeLimitS === undefined ? 7200 : opts.timeLimitS,
      startedAt: '2026-12-01T10:00:00.000Z',
      items: items.map((q, position) => ({ position, itemId: q.id, itemHash: q.hash, choiceOrder: q.type === 'single' || q.type === 'multi' ? q.choices.map((_, i) => String.fromCharCode(65 + i)) : [] })),
    });
    items.forEach((q, position) => {
      const response = position < right ? q.answer : wrong(q);
      store.saveResponse(
        { attemptId: id, position, itemId: q.id, itemHash: q.hash, module: q.module, topic: q.topic, domain: q.domain, choiceOrder: [], response, correct: position < right, flagged: false, timeMs: 30_000, answeredAt: '2026-12-01T10:30:00.000Z' },
        { elapsedMs: 30_000 * (position + 1), currentPos: position },
      );
    });
    store.finishAttempt(id, { correct: right, total: 100, passed: right >= 70, finishedAt: '2026-12-01T11:00:00.000Z', elapsedMs: 3_000_000 });
    return id;
  } finally {
    store.close();
  }
}

function sql(db: string, statement: string): void {
  const conn = new Database(db);
  conn.exec(statement);
  conn.close();
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  shipped = (await openBank(`${ROOT}/questions`, 'bank')).content.questions;
  recordExam(`${dir}/h.db`, 83);
});
afterAll(() => cleanup());

describe('completion record', () => {
  it('is refused before any passing full mock exam', () => {
    const result = run(['cert', '--name', 'Ada'], '', `${dir}/empty.db`);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no passing full mock exam/);
  });

  it('asks for the name, and without a terminal refuses in one line instead of using the login name', () => {
    const result = run(['cert']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^mrso: the record needs the name to print on it: pass --name/);
    expect(result.stderr.trim().split('\n')).toHaveLength(2);
  });

  it('is written for a passing timed 100-item exam on the shipped bank, states how it was taken, and verifies by file and by code', () => {
    const cert = run(['cert', '--name', 'Ada Lovelace', '-o', `${dir}/record.html`]);
    expect(cert.stderr).toBe('');
    expect(cert.code).toBe(0);
    const code = /Verification code: (MRSO-[0-9A-Z-]+)/.exec(cert.stdout)![1]!;
    const html = readFileSync(`${dir}/record.html`, 'utf8');
    expect(html).toContain('This is a practice record, not an ABMRS certification.');
    expect(html).toContain('Ada Lovelace');
    expect(html).toContain('time limit 120 min, time used 50 min 00 s');
    expect(html).toMatch(/the question bank shipped with mrso, content hash [0-9a-f]{16}/);
    expect(html).toMatch(/no third party can verify this record independently/);

    const byFile = run(['verify', `${dir}/record.html`]);
    expect(byFile.stdout).toMatch(/^VALID: .*record\.html is attempt #1 of Ada Lovelace, 2026-12-01, 83\/100/);
    expect(run(['verify', code.toLowerCase()]).stdout).toMatch(/^VALID: MRSO-/);
  });

  it('never overwrites a record file without --force', () => {
    const again = run(['cert', '--name', 'Ada Lovelace', '-o', `${dir}/record.html`]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/record\.html already exists/);
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
    expect(run(['verify', `${code.slice(0, -1)}${last}`]).stderr).toMatch(/NOT VALID: .* matches no record issued by this history/);
    const html = readFileSync(`${dir}/record.html`, 'utf8').replace(/"correct":(\d+)/, (_, n: string) => `"correct":${Number(n) - 1}`);
    writeFileSync(`${dir}/forged2.html`, html);
    expect(run(['verify', `${dir}/forged2.html`]).stderr).toMatch(/the score says 82\/100; the answers re-marked give 83\/100/);
  });

  it('keeps verifying when only a module title changes in the bank', () => {
    cpSync(`${ROOT}/questions`, `${dir}/renamed`, { recursive: true });
    const modules = readFileSync(`${dir}/renamed/modules.yaml`, 'utf8');
    const renamed = modules.replace(/(title: )(.+)/, '$1Renamed module one');
    expect(renamed).not.toBe(modules);
    writeFileSync(`${dir}/renamed/modules.yaml`, renamed);
    const result = run(['--bank', `${dir}/renamed`, 'verify', `${dir}/record.html`]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^VALID: /);
  });

  it('names an item reworded since the exam, and keeps verifying once the item lists its old hash as superseded', () => {
    const conn = new Database(`${dir}/h.db`, { readonly: true });
    const first = conn.prepare('SELECT item_id AS id, item_hash AS hash FROM responses WHERE attempt_id = 1 AND position = 0').get() as { id: string; hash: string };
    conn.close();
    const file = readdirSync(`${ROOT}/questions`).find((f) => readFileSync(`${ROOT}/questions/${f}`, 'utf8').includes(`- id: ${first.id}\n`))!;
    const reword = (supersede: boolean) => {
      cpSync(`${ROOT}/questions`, `${dir}/reworded`, { recursive: true });
      const doc = parseDocument(readFileSync(`${dir}/reworded/${file}`, 'utf8'));
      const item = (doc.get('questions') as YAMLSeq<YAMLMap>).items.find((q) => q.get('id') === first.id)!;
      item.set('stem', `${String(item.get('stem'))} (Reworded.)`);
      if (supersede) item.set('supersedes', [first.hash]);
      writeFileSync(`${dir}/reworded/${file}`, doc.toString());
      return run(['--bank', `${dir}/reworded`, 'verify', `${dir}/record.html`]);
    };
    const stale = reword(false);
    expect(stale.stderr).toMatch(new RegExp(`NOT VALID: .*item ${first.id} has changed in this bank since it was answered`));
    const superseded = reword(true);
    expect(superseded.stderr).toBe('');
    expect(superseded.stdout).toMatch(/^VALID: /);
  });

  it('says a genuine record checked on another history was not issued there, instead of calling it tampered', () => {
    recordExam(`${dir}/other.db`, 90);
    expect(run(['cert', '--name', 'Grace', '-o', `${dir}/other.html`], '', `${dir}/other.db`).code).toBe(0);
    const result = run(['verify', `${dir}/record.html`], '', `${dir}/other.db`);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^mrso: NOT VALID HERE: .*record\.html was not issued by this history \(it names installation [0-9a-f-]+; this history is [0-9a-f-]+\)/);
    expect(result.stderr).not.toMatch(/score says/);
  });

  it('reads a path that names nothing as a missing file, and refuses a FIFO and a folder without hanging', () => {
    expect(run(['verify', 'nosuchfile.html']).stderr).toMatch(/^mrso: no such file: nosuchfile\.html/);
    expect(run(['verify', `${dir}/missing/record.html`]).stderr).toMatch(/no such file: .*missing\/record\.html/);
    execFileSync('mkfifo', [`${dir}/fifo.html`]);
    const fifo = run(['verify', `${dir}/fifo.html`]);
    expect(fifo.code).toBe(1);
    expect(fifo.stderr).toMatch(/cannot read .*fifo\.html: a FIFO \(named pipe\), not a regular file/);
    mkdirSync(`${dir}/folder.html`);
    expect(run(['verify', `${dir}/folder.html`]).stderr).toMatch(/cannot read .*folder\.html: a folder, not a regular file/);
  });

  it('prints nothing unsanitised from a record file', () => {
    const html = readFileSync(`${dir}/record.html`, 'utf8').replace(/"installation":"[^"]+"/, '"installation":"\\u001b]52;c;cHduZWQ=\\u0007\\u001b[2J"');
    writeFileSync(`${dir}/evil.html`, html);
    const result = run(['verify', `${dir}/evil.html`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not issued by this history/);
    for (const byte of ['\u001b', '\u0007', '\u009b']) expect(result.stderr).not.toContain(byte);
  });
});

describe('completion record honesty', () => {
  it('refuses a failed attempt whose stored score was edited to pass, from its re-marked answers', () => {
    const id = recordExam(`${dir}/h.db`, 29);
    sql(`${dir}/h.db`, `UPDATE attempts SET score_correct = 99, passed = 1 WHERE id = ${id}`);
    const result = run(['cert', '--attempt', String(id), '--name', 'Ada']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`attempt #${id} cannot have a completion record: its stored score \\(99/100\\) disagrees with its answers re-marked against the bank \\(29/100\\): the history was edited`));
  });

  it('refuses an untimed exam and a shortened time limit, each in one line saying why', () => {
    const untimed = recordExam(`${dir}/h.db`, 90, { timeLimitS: null });
    expect(run(['cert', '--attempt', String(untimed), '--name', 'Ada']).stderr).toMatch(/cannot have a completion record: it was untimed \(--untimed\); a record needs a timed mock exam/);
    const short = recordExam(`${dir}/h.db`, 90, { timeLimitS: 3600 });
    expect(run(['cert', '--attempt', String(short), '--name', 'Ada']).stderr).toMatch(/its time limit was 60 min, under the default 120 min/);
  });

  it('refuses a passing exam on a custom bank keyed A throughout, and cert with a custom bank at all', () => {
    generateBank(`${dir}/bank`, { perModule: 14, singleOnly: true });
    const answers = `${Array.from({ length: 100 }, () => 'A').join('\n')}\n`;
    const exam = run(['--bank', `${dir}/bank`, 'exam', '--count', '100', '--seed', 'custom'], answers);
    expect(exam.stdout).toMatch(/100\/100 correct/);
    const attempts = new Database(`${dir}/h.db`, { readonly: true });
    const last = (attempts.prepare('SELECT max(id) AS id FROM attempts').get() as { id: number }).id;
    attempts.close();
    expect(run(['cert', '--attempt', String(last), '--name', 'Ada']).stderr).toMatch(/it was taken on a custom bank \(--bank\); a record needs the bank shipped with mrso/);
    expect(run(['--bank', `${dir}/bank`, 'cert', '--name', 'Ada']).stderr).toMatch(/marked against the bank shipped with mrso, not a custom bank/);
  });

  it('no longer verifies a record once an answer in the history is changed', () => {
    sql(`${dir}/h.db`, "UPDATE responses SET correct = 1 - correct WHERE attempt_id = 1 AND position = 99");
    const result = run(['verify', `${dir}/record.html`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/NOT VALID: .*record\.html: attempt #1: 1 stored mark\(s\) disagree with the answers re-marked/);
  });
});
