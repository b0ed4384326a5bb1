import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readBank } from '../../src/bank-source/open.js';
import { outlineOf } from '../../src/bank/outline.js';
import { runBankCheck } from '../../src/commands/bank-check.js';
import { runStats } from '../../src/commands/stats.js';
import { UserError } from '../../src/errors.js';
import { summariseBank } from '../../src/report/bank-summary.js';
import { HistoryStore } from '../../src/store/history.js';
import { makeTheme } from '../../src/ui/theme.js';
import { ROOT, SMALL_BANK, tempDir } from '../helpers/cli.js';

/*
 * The report commands driven without a terminal: their output goes to a
 * captured screen, the clock is fixed, and nothing is asked of the user.
 */

const theme = makeTheme(0);
const NOW = new Date('2026-03-10T15:00:00');

function screen(): { print: (s: string) => void; text: () => string } {
  const printed: string[] = [];
  return { print: (s) => printed.push(s), text: () => printed.join('\n') };
}

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('runBankCheck', () => {
  it('lists the counts per module and ends with OK for a bank without errors', async () => {
    const { bank, issues } = await readBank(SMALL_BANK);
    const out = screen();
    runBankCheck({}, summariseBank('small', bank, issues), { theme, print: out.print });
    const lines = out.text().split('\n');
    expect(lines[0]).toBe(`Bank small: ${bank.questions.length} questions, ${bank.cards.length} cards`);
    for (const m of bank.modules) expect(out.text()).toContain(m.title);
    expect(lines.at(-1)).toMatch(/^OK: no errors/);
  });

  it('prints every error as file:line:col before failing with exit 1', async () => {
    const { bank, issues } = await readBank(join(ROOT, 'tests', 'fixtures', 'broken-bank'));
    const errors = issues.filter((i) => i.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    const out = screen();
    let thrown: unknown;
    try {
      runBankCheck({}, summariseBank('broken', bank, issues), { theme, print: out.print });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UserError);
    expect((thrown as UserError).exitCode).toBe(1);
    for (const e of errors) expect(out.text()).toContain(`error ${e.file}:${e.line}:${e.col}`);
  });

  it('prints the same summary as JSON with --json', async () => {
    const { bank, issues } = await readBank(SMALL_BANK);
    const summary = summariseBank('small', bank, issues);
    const out = screen();
    runBankCheck({ json: true }, summary, { theme, print: out.print });
    expect(JSON.parse(out.text())).toEqual(JSON.parse(JSON.stringify(summary)));
  });
});

describe('runStats', () => {
  it('says there is no history yet when there is none', async () => {
    const { bank } = await readBank(SMALL_BANK);
    const out = screen();
    runStats({ module: [] }, { bank: outlineOf(bank), store: null, theme, print: out.print, now: NOW });
    expect(out.text()).toMatch(/^No history yet/);
  });

  it("shows a module's standing from the answers recorded, as of the clock it is given", async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { bank } = await readBank(SMALL_BANK);
    const path = join(t.dir, 'h.db');
    const store = HistoryStore.open(path);
    try {
      const items = bank.questions.filter((q) => q.module === bank.modules[0]!.number);
      const at = new Date(NOW.getTime() - 3_600_000).toISOString();
      const attemptId = store.createAttempt({
        mode: 'practice',
        seed: 's',
        params: { count: items.length, modules: [], bank: 'small' },
        timeLimitS: null,
        startedAt: at,
        items: items.map((q, position) => ({ position, itemId: q.id, itemHash: q.hash, choiceOrder: ['A', 'B', 'C', 'D'] })),
      });
      items.forEach((q, position) =>
        store.saveResponse(
          { attemptId, position, itemId: q.id, itemHash: q.hash, module: q.module, topic: q.topic, domain: q.domain, choiceOrder: ['A', 'B', 'C', 'D'], response: 'A', correct: position === 0, flagged: false, timeMs: 1000, answeredAt: at },
          { elapsedMs: 0, currentPos: position },
        ),
      );
      const out = screen();
      const view = runStats({ module: [], json: true }, { bank: outlineOf(bank), store, theme, print: out.print, now: NOW });
      expect(view.answered).toBe(items.length);
      expect(JSON.parse(out.text()).answered).toBe(items.length);
      const text = screen();
      runStats({ module: [] }, { bank: outlineOf(bank), store, theme, print: text.print, now: NOW });
      expect(text.text()).toContain(bank.modules[0]!.title);
    } finally {
      store.close();
    }
  });
  it('counts a card lapsed 8 times as a leech on the flashcards line and in --json', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { bank } = await readBank(SMALL_BANK);
    const store = HistoryStore.open(join(t.dir, 'h.db'));
    try {
      const state = (lapses: number) => ({ due: '2026-03-11T00:00:00.000Z', stability: 1, difficulty: 9, elapsed_days: 1, scheduled_days: 1, learning_steps: 0, reps: lapses + 2, lapses, state: 2, last_review: '2026-03-10T10:00:00.000Z' });
      // One answered question, so the full report (not "No history yet") is drawn.
      const q = bank.questions[0]!;
      const attemptId = store.createAttempt({ mode: 'practice', seed: 's', params: { count: 1, modules: [], bank: 'small' }, timeLimitS: null, startedAt: '2026-03-10T10:00:00.000Z', items: [{ position: 0, itemId: q.id, itemHash: q.hash, choiceOrder: [] }] });
      store.saveResponse(
        { attemptId, position: 0, itemId: q.id, itemHash: q.hash, module: q.module, topic: q.topic, domain: q.domain, choiceOrder: [], response: 'A', correct: true, flagged: false, timeMs: 1000, answeredAt: '2026-03-10T10:00:00.000Z' },
        { elapsedMs: 0, currentPos: 0 },
      );
      store.reviews().append({ itemId: bank.cards[0]!.id, kind: 'card', source: 'cards', rating: 1, reviewedAt: '2026-03-10T10:00:00.000Z', elapsedMs: 1000, retention: 0.9, before: state(7), after: state(8) });
      const out = screen();
      const view = runStats({ module: [] }, { bank: outlineOf(bank), store, theme, print: out.print, now: NOW });
      expect(view.cards?.leeches).toBe(1);
      expect(out.text().replace(/\s+/g, ' ')).toMatch(/1 leech \(mrso cards --suspended\)/);
    } finally {
      store.close();
    }
  });
});
