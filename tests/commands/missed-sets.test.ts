import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { poolOf } from '../../src/bank/pool.js';
import type { Bank, BankCard, BankQuestion, MockForm } from '../../src/bank/types.js';
import { runCards, type CardsOptions } from '../../src/commands/cards.js';
import { pickReviewItems, runReview, type ReviewOptions } from '../../src/commands/review.js';
import { missedQuestionIds, missedStudySource, selectStudyItems, type StudySource } from '../../src/commands/study-context.js';
import { questionAsCard } from '../../src/cards/question-card.js';
import { Interrupted } from '../../src/errors.js';
import { heldOutIds } from '../../src/exam/held-out.js';
import { seededRng, shuffled } from '../../src/exam/rng.js';
import { buildStatsView } from '../../src/report/stats.js';
import { reviewSet } from '../../src/report/review-sets.js';
import { HistoryStore, connectionOf } from '../../src/store/history.js';
import { openDb } from '../../src/store/open.js';
import { plainTheme } from '../../src/ui/theme.js';
import type { CardAction, CardView, Ui } from '../../src/ui/views.js';
import { question } from '../helpers/bank.js';
import { tempDir } from '../helpers/cli.js';
import { compiledPool } from '../helpers/compiled-pool.js';
import { FakeClock, FakeUi } from '../helpers/fake-ui.js';

/*
 * `mrso review` and `mrso cards --missed` read the compiled bank's pool
 * (only the questions they offer are parsed), not the whole bank. They must
 * offer exactly what the rule applied to the whole bank gives, in the same
 * order, and never an item of a held-out form not yet taken.
 */

const NOW = new Date('2026-01-02T00:00:00Z');
const TOPICS = ['first', 'second'] as const;
const FORMS: MockForm[] = [{ number: 1, items: ['m1-first-002', 'm2-second-001', 'm3-first-004'] }];

/** Three modules of eight questions, two topics each (alternating), and one held-out form. */
function bankOf(): Bank {
  const modules = [1, 2, 3].map((n) => ({
    number: n,
    title: `Module ${n}`,
    weight: 100 / 3,
    objectives: ['o'],
    topics: { first: { title: 'First', domain: 'clinical' as const }, second: { title: 'Second', domain: 'clinical' as const } },
  }));
  const questions: BankQuestion[] = modules.flatMap((m) =>
    Array.from({ length: 8 }, (_, j) => {
      const topic = TOPICS[j % 2]!;
      return question(`m${m.number}-${topic}-${String(Math.floor(j / 2) + 1).padStart(3, '0')}`, m.number, { topic, stem: `Stem of m${m.number} ${topic} ${j}?` });
    }),
  );
  const cards: BankCard[] = questions
    .filter((_, i) => i % 3 === 0)
    .map((q) => ({ id: `card-${q.id}`, module: q.module, topic: q.topic, domain: 'clinical', front: `Front ${q.id}`, back: 'Back', refs: [], file: 'f.yaml', line: 1, col: 1 }));
  return { modules, forms: FORMS, questions, cards, questionsById: new Map(questions.map((q) => [q.id, q])), cardsById: new Map(cards.map((c) => [c.id, c])) };
}
const bank = bankOf();
/** Ids the history may hold: the bank's, and two no longer in it. */
const HISTORY_IDS = [...bank.questions.map((q) => q.id), 'm1-first-099', 'm9-gone-001'];

let store: HistoryStore;
let cleanup: () => void;
beforeEach(() => {
  const t = tempDir('mrso-missed-');
  cleanup = t.cleanup;
  store = new HistoryStore(openDb(`${t.dir}/h.db`), `${t.dir}/h.db`);
});
afterEach(() => {
  store.close();
  cleanup();
});

interface Answer {
  item: number;
  minute: number;
  answered: boolean;
  correct: boolean;
  flagged: boolean;
  guess: boolean;
}

/** Practice attempts of these answers (times often shared), as the exam records them. */
function record(attempts: Answer[][]): void {
  const db = connectionOf(store);
  for (const answers of attempts) {
    const id = store.createAttempt({ mode: 'practice', seed: 's', params: { count: 1, modules: [], bank: 'b' }, timeLimitS: null, startedAt: '2026-01-01T00:00:00.000Z', items: [] });
    answers.forEach((a, position) => {
      const itemId = HISTORY_IDS[a.item]!;
      const module = Number(itemId[1]);
      db.prepare(
        `INSERT INTO responses (attempt_id, position, item_id, item_hash, module, topic, domain, choice_order, response, correct, flagged, time_ms, answered_at, guess)
         VALUES (?, ?, ?, 'h', ?, ?, 'clinical', '[]', ?, ?, ?, 1000, ?, ?)`,
      ).run(id, position, itemId, module, itemId.split('-')[1], a.answered ? '"A"' : null, a.answered && a.correct ? 1 : 0, a.flagged ? 1 : 0, `2026-01-01T10:${String(a.minute).padStart(2, '0')}:00.000Z`, a.guess ? 1 : 0);
    });
  }
}

/** The review set as the whole loaded bank gave it before the pool: every set's rule over the whole answer log. */
function fromWholeBank(options: ReviewOptions): string[] {
  const held = heldOutIds(bank.forms, store.takenForms());
  const wanted = (id: string) => bank.questionsById.has(id) && !held.has(id);
  const ids: string[] = [];
  const chosen = (['missed', 'flagged', 'confident-wrong', 'weak'] as const).filter((k) => (k === 'confident-wrong' ? options.confidentWrong : options[k]));
  for (const set of chosen.length ? chosen : (['missed'] as const)) {
    if (set !== 'weak') {
      ids.push(...reviewSet(store.answerTrail(), set).map((c) => c.itemId).filter(wanted));
      continue;
    }
    const view = buildStatsView({ buckets: store.topicBuckets({ now: NOW.toISOString() }), exams: [], modules: bank.modules });
    const weak = view.topics.filter((t) => t.weak);
    const topics = (weak.length ? weak : view.topics.filter((t) => t.answered > 0).slice(0, 3)).map((t) => `${t.module}/${t.topic}`);
    const inTopics = bank.questions.filter((q) => topics.includes(`${q.module}/${q.topic}`));
    const lastRight = new Map(store.lastAnswersOf(inTopics.map((q) => q.id)).map((right, i) => [inTopics[i]!.id, right]));
    const rank = (q: BankQuestion) => (lastRight.get(q.id) === undefined ? 0 : lastRight.get(q.id) ? 2 : 1);
    ids.push(...shuffled(inTopics, seededRng(options.seed!)).sort((a, b) => rank(a) - rank(b)).map((q) => q.id).filter((id) => !held.has(id)));
  }
  return [...new Set(ids)].slice(0, options.count);
}

const answer = fc.record({
  item: fc.integer({ min: 0, max: HISTORY_IDS.length - 1 }),
  minute: fc.integer({ min: 0, max: 20 }),
  answered: fc.boolean(),
  correct: fc.boolean(),
  flagged: fc.boolean(),
  guess: fc.boolean(),
});

describe('mrso review from the compiled pool', () => {
  it('offers the same questions in the same order as the whole bank did, for any history and any sets', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(answer, { maxLength: 15 }), { maxLength: 8 }),
        fc.record({ missed: fc.boolean(), flagged: fc.boolean(), confidentWrong: fc.boolean(), weak: fc.boolean(), count: fc.integer({ min: 1, max: 12 }) }),
        fc.boolean(),
        (attempts, sets, formTaken) => {
          // A fresh history each run (answers are never deleted, so the running totals have no delete triggers).
          store.close();
          store = new HistoryStore(openDb(':memory:'), ':memory:');
          record(attempts);
          if (formTaken) tookForm(1);
          const options: ReviewOptions = { ...sets, seed: 'seed' };
          const { pool } = compiledPool(bank);
          const lazy = pickReviewItems(options, pool, store, NOW).map((q) => q.id);
          expect(lazy).toEqual(fromWholeBank(options));
          expect(pickReviewItems(options, poolOf(bank), store, NOW).map((q) => q.id)).toEqual(lazy);
          if (!formTaken) expect(lazy.filter((id) => FORMS[0]!.items.includes(id))).toEqual([]);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('runs the missed set as a practice session that starts on the most recent miss, leaving the held-out item out', async () => {
    // m1-first-002 (missed last) is on held-out form 1; m1-second-001 and m1-second-003 are not.
    const miss = (item: number, minute: number): Answer => ({ item, minute, answered: true, correct: false, flagged: false, guess: false });
    expect([HISTORY_IDS[2], HISTORY_IDS[1], HISTORY_IDS[5]]).toEqual(['m1-first-002', 'm1-second-001', 'm1-second-003']);
    record([[miss(1, 1), miss(2, 3), miss(5, 2)]]);
    const clock = new FakeClock();
    const ui = new FakeUi(['q'], clock);
    const compiled = compiledPool(bank);
    const error = await runReview({ count: 20, missed: true, seed: 's' }, { pool: compiled.pool, bankDir: 'test', store, ui: () => Promise.resolve(ui), theme: plainTheme, clock: clock.read }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Interrupted);
    const offered = (connectionOf(store).prepare('SELECT item_id FROM attempt_items WHERE attempt_id = 2 ORDER BY position').all() as { item_id: string }[]).map((r) => r.item_id);
    expect(offered).toEqual(['m1-second-003', 'm1-second-001']);
    expect(ui.printed.join('\n')).toMatch(/Practice #2: 2 questions, untimed/);
    expect(ui.screens[0]).toContain(bank.questionsById.get('m1-second-003')!.stem);
    // Only the two questions offered were read from the compiled bank.
    expect(compiled.reads()).toBe(2);
  });
});

/** A submitted exam attempt whose params record `form: n`, as `mrso exam --form n` leaves it. */
function tookForm(n: number): void {
  const id = store.createAttempt({ mode: 'exam', seed: 's', params: { count: 1, modules: [], bank: 'b', form: n }, timeLimitS: 60, startedAt: '2026-01-01T00:00:00.000Z', items: [] });
  connectionOf(store).prepare("UPDATE attempts SET status = 'submitted', finished_at = '2026-01-01T01:00:00.000Z' WHERE id = ?").run(id);
}

/** A terminal that rates every card Good and records each card shown, until the script runs out (then quits). */
function ratingUi(ratings: number): Ui & { views: CardView[] } {
  const views: CardView[] = [];
  let left = ratings;
  return {
    interactive: false,
    width: 80,
    views,
    print: () => undefined,
    session: () => Promise.reject(new Error('unexpected exam session')),
    confirm: () => Promise.reject(new Error('unexpected confirm prompt')),
    flashcard: (view: CardView) => {
      views.push(view);
      return Promise.resolve<CardAction>(left-- > 0 ? { type: 'rate', rating: 3 } : { type: 'quit' });
    },
  } as Ui & { views: CardView[] };
}

/** The missed questions as the whole loaded bank gave them before the pool. */
function wholeBankSource(missed: () => string[]): StudySource {
  return { modules: bank.modules, select: (filter) => selectStudyItems(bank, filter, missed), cardOf: (item) => questionAsCard(bank.questionsById.get(item.id)!) };
}

describe('mrso cards --missed from the compiled pool', () => {
  const options = (over: Partial<CardsOptions>): CardsOptions => ({ module: [], limit: 200, missed: true, cram: true, ...over });
  const shown = async (over: Partial<CardsOptions>, lazy: boolean) => {
    // Outside cram a rating is logged, which would change the second run: only the first card is shown.
    const ui = ratingUi(over.cram === false ? 0 : 50);
    const missed = () => missedQuestionIds(store, bank.forms);
    const source = lazy ? missedStudySource(compiledPool(bank).pool, missed) : wholeBankSource(missed);
    await runCards(options(over), { source, reviews: store.reviews(), ui, theme: plainTheme, clock: () => NOW.getTime() });
    return ui.views.map((v) => `${v.tag} | ${v.front} | ${v.back}`);
  };

  it('shows the same cards, in the same order, as from the whole bank, with or without --module and --topic', async () => {
    record([
      HISTORY_IDS.map((_, item) => ({ item, minute: item % 7, answered: true, correct: item % 3 === 0, flagged: false, guess: false })),
      [{ item: 5, minute: 15, answered: true, correct: false, flagged: false, guess: false }],
    ]);
    for (const over of [{}, { module: [2] }, { topic: 'second' }, { module: [1, 3], topic: 'first' }, { cram: false }]) {
      const lazy = await shown(over, true);
      expect(lazy.length).toBeGreaterThan(0);
      expect(lazy).toEqual(await shown(over, false));
    }
  });

  it('leaves a held-out item out until its form is taken', async () => {
    // m1-first-002 is on held-out form 1; m1-second-002 is not.
    record([[{ item: 2, minute: 1, answered: true, correct: false, flagged: false, guess: false }, { item: 3, minute: 2, answered: true, correct: false, flagged: false, guess: false }]]);
    const fronts = async () => (await shown({}, true)).map((s) => s.split(' | ')[1]!.split('\n')[0]);
    expect(await fronts()).toEqual([bank.questionsById.get('m1-second-002')!.stem]);
    tookForm(1);
    expect(await fronts()).toEqual(['m1-second-002', 'm1-first-002'].map((id) => bank.questionsById.get(id)!.stem));
  });

  it('refuses an unknown --topic as the whole bank does', async () => {
    record([[{ item: 3, minute: 2, answered: true, correct: false, flagged: false, guess: false }]]);
    await expect(shown({ topic: 'nosuch' }, true)).rejects.toThrow(/--topic nosuch: no such topic/);
  });
});
