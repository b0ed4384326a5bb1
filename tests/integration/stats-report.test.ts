import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBank } from '../../src/bank-source/open.js';
import { HistoryStore } from '../../src/store/history.js';
import { openDb } from '../../src/store/open.js';
import type { StatsView } from '../../src/report/stats.js';
import { generateBank } from '../helpers/generate-bank.js';
import { runCli, tempDir } from '../helpers/cli.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('mrso-stats-'));
});
afterEach(() => cleanup());

/**
 * A scripted learner: 10 answers per topic in each of 9 modules, 9 of 10
 * right everywhere except module 3, where the first topic is 3/10 and the
 * second 0/10. Generated refs cite "Generated source (module mod 3)".
 */
async function scriptedHistory(bankDir: string, dbPath: string): Promise<void> {
  const { bank } = await readBank(bankDir);
  const store = new HistoryStore(openDb(dbPath), dbPath);
  const items = bank.questions.filter((q) => Number(q.id.split('-')[2]) <= 10);
  const answeredAt = new Date(Date.now() - 3_600_000).toISOString();
  const attemptId = store.createAttempt({
    mode: 'practice',
    seed: 'scripted',
    params: { count: items.length, modules: [], bank: bankDir },
    timeLimitS: null,
    startedAt: answeredAt,
    items: items.map((q, position) => ({ position, itemId: q.id, itemHash: q.hash, choiceOrder: ['A', 'B', 'C', 'D'] })),
  });
  items.forEach((q, position) => {
    const n = Number(q.id.split('-')[2]);
    const rightUpTo = q.module !== 3 ? 9 : q.topic === 'first' ? 3 : 0;
    const correct = n <= rightUpTo;
    store.saveResponse(
      { attemptId, position, itemId: q.id, itemHash: q.hash, module: q.module, topic: q.topic, domain: q.domain, choiceOrder: ['A', 'B', 'C', 'D'], response: correct ? 'A' : 'B', correct, flagged: false, timeMs: 20_000, answeredAt },
      { elapsedMs: 0, currentPos: position },
    );
  });
  store.close();
}

describe('mrso stats on a scripted history', () => {
  it('names exactly the weak topics, the weakest module first, the document to re-read, in the documented JSON shape', async () => {
    const bankDir = `${dir}/bank`;
    const db = `${dir}/history.db`;
    generateBank(bankDir, { modules: 9, perModule: 20, cardsPerModule: 2 });
    await scriptedHistory(bankDir, db);

    const result = runCli(['--bank', bankDir, '--db', db, 'stats', '--json'], { home: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const view = JSON.parse(result.stdout) as StatsView;

    // The stable shape the README documents: fields are only ever added.
    expect(Object.keys(view)).toEqual(expect.arrayContaining(['answered', 'cards', 'correct', 'domains', 'exams', 'modules', 'next', 'percent', 'readiness', 'sources', 'topics', 'advice', 'calibration']));
    expect(Object.keys(view.topics[0]!)).toEqual(expect.arrayContaining(['answered', 'correct', 'high', 'low', 'module', 'percent', 'title', 'topic', 'trend', 'weak', 'pointsLost', 'estimate', 'firstAnswers']));
    expect(Object.keys(view.readiness)).toEqual(expect.arrayContaining(['enoughData', 'expected', 'high', 'low', 'method', 'moreNeeded', 'passProbability', 'thinModules', 'basis', 'atExam']));
    // Every answer here is a first answer: the basis says so, and no forms exist in this bank.
    expect(view.readiness.basis).toMatchObject({ firstAnswers: 180, formAnswers: 0, formsTaken: [], formsUnused: [] });
    expect(view.advice).toMatch(/^Study module 3 \(.*\) next: it costs you about \d+ points? of 11 on the exam\.$/);

    expect(view.answered).toBe(180);
    expect(view.correct).toBe(16 * 9 + 3);
    expect(view.topics.filter((t) => t.weak).map((t) => `${t.module}/${t.topic}`)).toEqual(['3/second', '3/first']);
    expect(view.modules[0]).toMatchObject({ number: 3, weak: true, answered: 20, correct: 3 });
    expect(view.modules.slice(1).every((m) => !m.weak)).toBe(true);
    expect(view.next).toBe('mrso exam --mode practice --module 3 --count 20');
    // Misses summed per cited document: modules 3, 6 and 9 cite source 0.
    expect(view.sources[0]).toEqual({ document: 'Generated source 0', misses: 17 + 2 + 2 });
    expect(view.sources.slice(1)).toEqual([
      { document: 'Generated source 1', misses: 6 },
      { document: 'Generated source 2', misses: 6 },
    ]);
    expect(view.readiness.enoughData).toBe(true);
    expect(view.readiness.expected).toBeGreaterThan(70);
    expect(view.readiness.expected).toBeLessThan(90);

    // The terminal report says the same, weakest first.
    const text = runCli(['--bank', bankDir, '--db', db, 'stats'], { home: dir, env: { COLUMNS: '120' } }).stdout;
    expect(text.indexOf('Second topic of 3')).toBeGreaterThan(-1);
    expect(text.indexOf('Second topic of 3')).toBeLessThan(text.indexOf('First topic of 1'));
    expect(text).toMatch(/21 misses +Generated source 0/);
    expect(text).toMatch(/chance of passing at 70%: (>99%|\d\d?%)/); // never shown as a certain 100%
    // A --since after every answer says so, not "No history yet".
    const later = runCli(['--bank', bankDir, '--db', db, 'stats', '--since', '2099-01-01'], { home: dir }).stdout;
    expect(later).toMatch(/^No answers since 2099-01-01\nYou have 180 answers in all, none on or after 2099-01-01/);
    for (const columns of ['80', '60']) {
      const narrow = runCli(['--bank', bankDir, '--db', db, 'stats'], { home: dir, env: { COLUMNS: columns } }).stdout;
      const widest = Math.max(...narrow.split('\n').map((l) => [...l].length));
      expect(widest).toBeLessThanOrEqual(Number(columns));
    }
  });
});
