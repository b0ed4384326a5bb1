#!/usr/bin/env node
// Benchmark (not a test): whole-process medians and peak memory against the
// floor of `node -e 0`, on a generated 10,000-question bank and a history of
// 1,000,000 answers. Prints figures; never fails on them.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { generateBank, generatedQuestion } from './generate-bank.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin', 'mrso.cjs');
const runs = Number(process.env.BENCH_RUNS ?? 11);
// BENCH_DIR reuses a folder kept by BENCH_KEEP=1 (its bank and histories), skipping the 75 s of generation;
// BENCH_ONLY=<regex> runs only the cases whose names match (the floor always runs).
const reuse = process.env.BENCH_DIR;
const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
const dir = reuse ?? mkdtempSync(join(tmpdir(), 'mrso-bench-'));
const bank = join(dir, 'bank');
const db = join(dir, 'history.db');
const dbAllSeen = join(dir, 'history-all-seen.db');
const [MODULES, PER_MODULE] = [9, 1112];
const env = { PATH: process.env.PATH, HOME: dir, FORCE_COLOR: '0', MRSO_BANK: bank, MRSO_DB: db };

console.log(`mrso benchmark: ${runs} runs each, node ${process.version}, ${dir}`);
if (!reuse) {
  let t = performance.now();
  generateBank(bank, { modules: MODULES, perModule: PER_MODULE, cardsPerModule: 40 });
  console.log(`generated a ${MODULES * PER_MODULE}-question bank in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  spawnSync(process.execPath, [cli, 'config', 'list'], { env, stdio: 'ignore' }); // creates and migrates the database
  makeHistory(db, 1_000_000);
  answerEveryItem(db, dbAllSeen);
  console.log(`wrote a history of 1,000,000 answers in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
}

const hasTime = existsSync('/usr/bin/time');
const allCases = [
  { name: 'node -e 0 (floor)', args: ['-e', '0'], target: null },
  { name: 'mrso --help', args: [cli, '--help'], target: { ratio: 1.5 } },
  { name: 'mrso stats (1M answers)', args: [cli, 'stats'], target: { ratio: 2.5, mb: 80 } },
  { name: 'first exam question', args: [cli, 'exam', '--count', '100'], until: '[1/100]', target: { ratio: 2 } },
  { name: 'mrso bank check (10k items)', args: [cli, 'bank', 'check'], target: { ms: 1000 } },
  // #14: the reports that read every answer (first question shown, for the two that quiz).
  { name: 'mrso bank items (1M answers)', args: [cli, 'bank', 'items'], target: { ratio: 3, mb: 100 } },
  { name: 'review --missed (1M answers)', args: [cli, 'review', '--missed'], until: '[1/', target: { ratio: 3, mb: 100 } },
  { name: 'cards --missed (1M answers)', args: [cli, 'cards', '--missed'], until: ' due, ', target: { ratio: 3, mb: 100 } },
  // For scale, no target: the draw looks up items until it has enough unseen ones; the generated history
  // has answered half the bank, and this one every item (the draw's slowest case).
  { name: 'first question (all seen)', args: [cli, 'exam', '--count', '100'], until: '[1/100]', allSeen: true, target: null },
  // For scale, no target: the shipped bank (about 630 questions) with the same history.
  { name: 'mrso stats (shipped bank)', args: [cli, 'stats'], shipped: true, target: null },
  { name: 'first question (shipped bank)', args: [cli, 'exam', '--count', '100'], until: '[1/100]', shipped: true, target: null },
];
const cases = allCases.filter((c, k) => k === 0 || !only || only.test(c.name));
const envFor = (c) => {
  if (c.allSeen) return { ...env, MRSO_DB: dbAllSeen };
  if (!c.shipped) return env;
  const shippedEnv = { ...env };
  delete shippedEnv.MRSO_BANK;
  return shippedEnv;
};
// One warm-up run each fills the OS page cache and mrso's compiled-bank cache.
for (const c of cases) measure(c);
// Round-robin, not case after case: a slow spell on a shared machine then falls on every case alike, floor included.
const samples = cases.map(() => []);
for (let i = 0; i < runs; i++) {
  for (const [k, c] of cases.entries()) samples[k].push(await measureAsync(c));
}
const rows = cases.map((c, k) => ({ ...c, ms: median(samples[k].map((s) => s.ms)), mb: Math.max(...samples[k].map((s) => s.mb ?? 0)) }));
const floor = rows[0].ms;
console.log(`${'case'.padEnd(30)} ${'median'.padStart(9)} ${'× floor'.padStart(8)} ${'peak RSS'.padStart(9)}   target`);
for (const r of rows) {
  const ratio = r.ms / floor;
  const target = !r.target ? '' : [r.target.ratio ? `≤ ${r.target.ratio}× floor` : '', r.target.ms ? `< ${r.target.ms} ms` : '', r.target.mb ? `< ${r.target.mb} MB` : ''].filter(Boolean).join(', ');
  const met = !r.target || ((!r.target.ratio || ratio <= r.target.ratio) && (!r.target.ms || r.ms < r.target.ms) && (!r.target.mb || (r.mb || 0) < r.target.mb));
  console.log(`${r.name.padEnd(30)} ${`${r.ms.toFixed(0)} ms`.padStart(9)} ${ratio.toFixed(2).padStart(8)} ${hasTime ? `${r.mb.toFixed(0)} MB`.padStart(9) : '        –'}   ${target}${r.target ? (met ? '  met' : '  MISSED') : ''}`);
}
if (process.env.BENCH_KEEP || reuse) console.log(`\nkept ${dir} (MRSO_BANK=${bank} MRSO_DB=${db})`);
else if (!reuse) rmSync(dir, { recursive: true, force: true });

function measure(c) {
  spawnSync(process.execPath, c.args, { env: envFor(c), stdio: 'ignore', input: '' });
}

/** Wall time of the whole process (or until it prints `until`), and its peak RSS via /usr/bin/time. */
function measureAsync(c) {
  return new Promise((resolvePromise) => {
    const command = hasTime ? '/usr/bin/time' : process.execPath;
    const args = hasTime ? ['-f', 'RSS_KB=%M', process.execPath, ...c.args] : c.args;
    const started = performance.now();
    const child = spawn(command, args, { env: envFor(c), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let ms = null;
    child.stdout.on('data', (d) => {
      out += d;
      if (c.until && ms === null && out.includes(c.until)) {
        ms = performance.now() - started;
        child.stdin.end();
      }
    });
    child.stderr.on('data', (d) => (err += d));
    if (!c.until) child.stdin.end();
    child.on('close', () => {
      const kb = /RSS_KB=(\d+)/.exec(err);
      resolvePromise({ ms: ms ?? performance.now() - started, mb: kb ? Number(kb[1]) / 1024 : null });
    });
  });
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** 10,000 practice attempts of 100 answers over the last 90 days, on the generated items. */
function makeHistory(path, answers) {
  const sqlite = new Database(path);
  const perAttempt = 100;
  const attempt = sqlite.prepare("INSERT INTO attempts (mode, status, started_at, finished_at, seed, params) VALUES ('practice', 'submitted', ?, ?, 'bench', '{}')");
  const response = sqlite.prepare(
    `INSERT INTO responses (attempt_id, position, item_id, item_hash, module, topic, domain, choice_order, response, correct, flagged, time_ms, answered_at)
     VALUES (?, ?, ?, 'h', ?, ?, ?, '["A","B","C","D"]', '"A"', ?, 0, 30000, ?)`,
  );
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  sqlite.transaction(() => {
    for (let a = 0; a < answers / perAttempt; a++) {
      const when = new Date(Date.now() - rand() * 90 * 86_400_000).toISOString();
      const id = attempt.run(when, when).lastInsertRowid;
      for (let p = 0; p < perAttempt; p++) {
        const m = 1 + Math.floor(rand() * 9);
        // Every answer is to an item of the generated bank, all in the first half of each module: the other
        // half stays unseen, as a learner's bank is (history-all-seen.db is the case with none unseen).
        const { id: itemId, topic } = generatedQuestion(m, 1 + Math.floor(rand() * (PER_MODULE / 2)));
        response.run(id, p, itemId, m, topic, topic === 'first' ? 'static-field' : 'clinical', rand() < 0.7 ? 1 : 0, when);
      }
    }
  })();
  sqlite.close();
}

/** A copy of the history with one more practice answer to every item of the generated bank (a third of them wrong). */
function answerEveryItem(from, to) {
  copyFileSync(from, to);
  const sqlite = new Database(to);
  const when = new Date().toISOString();
  const id = sqlite.prepare("INSERT INTO attempts (mode, status, started_at, finished_at, seed, params) VALUES ('practice', 'submitted', ?, ?, 'bench', '{}')").run(when, when).lastInsertRowid;
  const response = sqlite.prepare(
    `INSERT INTO responses (attempt_id, position, item_id, item_hash, module, topic, domain, choice_order, response, correct, flagged, time_ms, answered_at)
     VALUES (?, ?, ?, 'h', ?, ?, 'clinical', '["A","B","C","D"]', '"A"', ?, 0, 30000, ?)`,
  );
  let position = 0;
  sqlite.transaction(() => {
    for (let m = 1; m <= MODULES; m++) {
      for (let i = 1; i <= PER_MODULE; i++) {
        const item = generatedQuestion(m, i);
        response.run(id, position, item.id, m, item.topic, position % 3 ? 1 : 0, when);
        position++;
      }
    }
  })();
  sqlite.close();
}
