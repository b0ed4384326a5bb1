import { afterEach, describe, expect, it } from 'vitest';
import { openBank } from '../../src/bank-source/open.js';
import { runCards, type CardsOptions } from '../../src/commands/cards.js';
import { flashcardSource } from '../../src/commands/study-context.js';
import { HistoryStore, connectionOf } from '../../src/store/history.js';
import { openDb } from '../../src/store/open.js';
import { ReviewStore } from '../../src/store/reviews.js';
import { plainTheme } from '../../src/ui/theme.js';
import type { CardAction, CardView, Ui } from '../../src/ui/views.js';
import { SMALL_BANK, tempDir } from '../helpers/cli.js';

const bank = (await openBank(SMALL_BANK, 'bank')).content;
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

/** The raw connection behind a test's review store, for assertions on the log itself. */
const connections = new WeakMap<ReviewStore, ReturnType<typeof connectionOf>>();
const dbOf = (reviews: ReviewStore) => connections.get(reviews)!;

function freshReviews(): { reviews: ReviewStore; path: string } {
  const t = tempDir();
  cleanup = t.cleanup;
  const path = `${t.dir}/history.db`;
  const history = new HistoryStore(openDb(path), path);
  const reviews = history.reviews();
  connections.set(reviews, connectionOf(history));
  return { reviews, path };
}

/** A fake terminal that plays `script` and fails on a prompt the script did not expect. */
function scriptedUi(script: (CardAction['type'] | 1 | 2 | 3 | 4)[]): Ui & { views: CardView[]; printed: string[] } {
  const views: CardView[] = [];
  const printed: string[] = [];
  return {
    interactive: false,
    width: 80,
    views,
    printed,
    print: (text: string) => void printed.push(text),
    session: () => Promise.reject(new Error('unexpected exam session')),
    confirm: () => Promise.reject(new Error('unexpected confirm prompt')),
    flashcard: (view: CardView) => {
      views.push(view);
      const step = script.shift();
      if (step === undefined) return Promise.reject(new Error(`unexpected card prompt: ${view.front}`));
      return Promise.resolve(typeof step === 'number' ? { type: 'rate', rating: step } : ({ type: step } as CardAction));
    },
  } as Ui & { views: CardView[]; printed: string[] };
}

const options = (over: Partial<CardsOptions> = {}): CardsOptions => ({ module: [1], limit: 200, ...over });
const clockAt = (iso: string) => {
  let t = Date.parse(iso);
  return { now: () => (t += 1000), jump: (ms: number) => (t += ms) };
};
const logCount = (reviews: ReviewStore) => (dbOf(reviews).prepare('SELECT count(*) AS n FROM reviews').get() as { n: number }).n;

describe('a flashcard session', () => {
  it('undoes the last rating: the row leaves the log and the card is shown again', async () => {
    const { reviews } = freshReviews();
    const ui = scriptedUi([4, 'undo', 4, 4, 4, 4, 4]);
    await runCards(options(), { source: flashcardSource(bank), reviews, ui, theme: plainTheme, clock: clockAt('2026-12-07T15:00:00Z').now });
    expect(ui.views[2]!.front).toBe(ui.views[0]!.front);
    expect(ui.views[3]!.front).toBe(ui.views[1]!.front);
    expect(ui.views[2]!.notice).toMatch(/undone: m1-card-001 rated Easy/);
    expect(logCount(reviews)).toBe(5);
    expect(reviews.history('m1-card-001')).toHaveLength(1);
  });

  it('shows new, learning and review counts that shrink as you go, and module and topic titles instead of ids', async () => {
    const { reviews } = freshReviews();
    const ui = scriptedUi([4, 4, 4, 4, 4]);
    await runCards(options(), { source: flashcardSource(bank), reviews, ui, theme: plainTheme, clock: clockAt('2026-12-07T15:00:00Z').now });
    expect(ui.views.map((v) => v.counts.fresh)).toEqual([5, 4, 3, 2, 1]);
    expect(ui.views.map((v) => v.left)).toEqual([5, 4, 3, 2, 1]);
    expect(ui.views[0]!.tag).not.toMatch(/m1|card-0/);
    expect(ui.views[0]!.tag).toContain(bank.modules[0]!.title);
  });

  it('brings a learning card back no sooner than its step, and says when', async () => {
    const { reviews } = freshReviews();
    const ui = scriptedUi([1, 4, 4, 4, 4]);
    await runCards(options(), { source: flashcardSource(bank), reviews, ui, theme: plainTheme, clock: clockAt('2026-12-07T15:00:00Z').now });
    expect(ui.views.map((v) => v.front).filter((f) => f === ui.views[0]!.front)).toHaveLength(1);
    expect(ui.printed.join('\n')).toMatch(/1 learning card comes back at .*: run mrso cards again then/);
  });

  it('buries a card until the next learning day and suspends one until it is unsuspended', async () => {
    const { reviews } = freshReviews();
    const clock = clockAt('2026-12-07T15:00:00Z');
    const ui = scriptedUi(['bury', 'suspend', 'quit']);
    await runCards(options(), { source: flashcardSource(bank), reviews, ui, theme: plainTheme, clock: clock.now });
    const [buried, suspended] = [ui.views[0]!.front, ui.views[1]!.front];
    expect(logCount(reviews)).toBe(0);

    const later = scriptedUi(['quit']);
    await runCards(options(), { source: flashcardSource(bank), reviews, ui: later, theme: plainTheme, clock: clock.now });
    expect(later.views[0]!.front).not.toBe(buried);
    expect(later.views[0]!.front).not.toBe(suspended);
    expect(later.views[0]!.counts.fresh).toBe(3);

    clock.jump(86_400_000);
    const tomorrow = scriptedUi(['quit']);
    await runCards(options(), { source: flashcardSource(bank), reviews, ui: tomorrow, theme: plainTheme, clock: clock.now });
    expect(tomorrow.views[0]!.counts.fresh).toBe(4);
    expect(reviews.suspended()).toEqual(['m1-card-002']);
    expect(reviews.unsuspend('m1-card-002')).toBe(true);
    expect(reviews.suspended()).toEqual([]);
  });

  it('crams without touching the schedule: the review log is unchanged', async () => {
    const { reviews } = freshReviews();
    const clock = clockAt('2026-12-07T15:00:00Z');
    await runCards(options(), { source: flashcardSource(bank), reviews, ui: scriptedUi([3, 3, 3, 3, 3]), theme: plainTheme, clock: clock.now });
    const before = dbOf(reviews).prepare('SELECT * FROM reviews ORDER BY id').all();
    const ui = scriptedUi([1, 3, 3, 3, 3, 3]);
    await runCards(options({ cram: true }), { source: flashcardSource(bank), reviews, ui, theme: plainTheme, clock: clock.now });
    expect(ui.views).toHaveLength(6);
    expect(ui.views[5]!.front).toBe(ui.views[0]!.front);
    expect(dbOf(reviews).prepare('SELECT * FROM reviews ORDER BY id').all()).toEqual(before);
  });

  it('tags a card as a leech when it is forgotten for the eighth time', async () => {
    const { reviews } = freshReviews();
    const clock = clockAt('2026-12-07T15:00:00Z');
    const id = 'm1-card-001';
    // Seven lapses in the log already: a review-state card with lapses = 7, due now.
    reviews.append({ itemId: id, kind: 'card', source: 'cards', rating: 3, reviewedAt: '2026-12-01T15:00:00.000Z', elapsedMs: 1000, retention: 0.9, before: null,
      after: { due: '2026-12-07T12:00:00.000Z', stability: 3, difficulty: 8, elapsed_days: 1, scheduled_days: 3, learning_steps: 0, reps: 20, lapses: 7, state: 2, last_review: '2026-12-04T15:00:00.000Z' } });
    const ui = scriptedUi([1, 'quit']);
    await runCards(options({ new: 0 }), { source: flashcardSource(bank), reviews, ui, theme: plainTheme, clock: clock.now });
    expect(reviews.latestMemory().get(id)!.lapses).toBe(8);
    const { leeches } = await import('../../src/cards/memory.js');
    expect(leeches(reviews.latestMemory())).toEqual([{ id, lapses: 8 }]);
  });

  it('keeps every rating when two sessions rate the same cards at once', async () => {
    const { reviews, path } = freshReviews();
    const other = new ReviewStore(openDb(path), path);
    const clock = clockAt('2026-12-07T15:00:00Z');
    // Both sessions start (and read the log) before either rates.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = scriptedUi([4, 4, 4, 4, 4]);
    const firstFlashcard = first.flashcard;
    first.flashcard = async (view) => {
      await gate;
      return firstFlashcard(view);
    };
    const a = runCards(options(), { source: flashcardSource(bank), reviews, ui: first, theme: plainTheme, clock: clock.now });
    await runCards(options(), { source: flashcardSource(bank), reviews: other, ui: scriptedUi([4, 4, 4, 4, 4]), theme: plainTheme, clock: clock.now });
    release();
    await a;
    expect(logCount(reviews)).toBe(10);
    for (const [, m] of reviews.latestMemory()) expect(m.reps).toBe(2);
    // The second session's connection closes with the test's temp folder.
  });

  it('refuses an unknown topic, and takes --topic \'\' as all topics', async () => {
    const { reviews } = freshReviews();
    await expect(runCards(options({ topic: 'nosuch' }), { source: flashcardSource(bank), reviews, ui: scriptedUi([]), theme: plainTheme, clock: Date.now })).rejects.toThrow(/--topic nosuch: no such topic/);
    const ui = scriptedUi(['quit']);
    await runCards(options({ topic: '' }), { source: flashcardSource(bank), reviews, ui, theme: plainTheme, clock: clockAt('2026-12-07T15:00:00Z').now });
    expect(ui.views[0]!.counts.fresh).toBe(5);
  });
});
