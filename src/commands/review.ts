import type { Bank, BankQuestion } from '../bank/types.js';
import { UserError } from '../errors.js';
import { practiceSet, type PracticeSet } from '../exam/practice-set.js';
import { excludeHeldOut, heldOutIds } from '../exam/held-out.js';
import { reviewSet } from '../report/review-sets.js';
import type { HistoryStore } from '../store/history.js';
import { buildStatsView } from '../report/stats.js';
import { shuffled, seededRng } from '../exam/rng.js';
import { makeUi, openHistory, stdoutTheme, bankLabel, systemClock, type GlobalOptions } from './context.js';
import { loadUsableBank } from './load-bank.js';
import { startSession } from './exam-run.js';
import { poolOf } from '../bank/pool.js';

/** `mrso review` flags as commander hands them over (values checked by their parsers in cli.ts). */
export interface ReviewFlags {
  missed?: boolean;
  flagged?: boolean;
  weak?: boolean;
  /** Items answered wrong while not marked a guess (a confident error). */
  confidentWrong?: boolean;
  count?: number;
  seed?: string;
}

export type ReviewOptions = ReviewFlags & { count: number };

/** `mrso review`: a practice quiz from what you missed, flagged, or your weakest topics. */
export async function reviewCommand(flags: ReviewFlags, globals: GlobalOptions): Promise<void> {
  const options: ReviewOptions = { ...flags, count: flags.count ?? 20 };
  const bank = await loadUsableBank(globals);
  const store = openHistory(globals);
  try {
    const items = pickReviewItems(options, bank, store, new Date(systemClock()));
    if (items.length === 0) {
      throw new UserError(
        `nothing to review yet from ${sets(options).join(' or ')} items`,
        'Items you miss (or flag in a mock exam) collect here until you answer them right twice in a row. Try: mrso exam --mode practice',
      );
    }
    const theme = stdoutTheme();
    const ui = await makeUi(theme);
    const seed = options.seed ?? String(systemClock());
    try {
      await startSession(
        items,
        { mode: 'practice', seed, rng: seededRng(seed), minutes: null, params: { count: items.length, modules: [], bank: bankLabel(globals), untimed: true } },
        { pool: poolOf(bank), bankDir: bankLabel(globals), store, ui, theme, clock: systemClock },
      );
    } finally {
      ui.close?.();
    }
  } finally {
    store.close();
  }
}

function sets(options: ReviewOptions): PracticeSet[] {
  const chosen = (['missed', 'flagged', 'confident-wrong', 'weak'] as const).filter((k) => (k === 'confident-wrong' ? options.confidentWrong : options[k]));
  return chosen.length ? [...chosen] : ['missed'];
}

/** The review set, built in the core (exam/practice-set.ts) from the answer trail and the weak topics. */
export function pickReviewItems(options: ReviewOptions, bank: Bank, store: HistoryStore, now: Date): BankQuestion[] {
  const chosen = sets(options);
  // Items of a held-out form not yet taken stay out of every review set, so the form measures first exposure.
  const held = heldOutIds(bank.forms, store.takenForms());
  const wanted = (id: string) => bank.questionsById.has(id) && !held.has(id);
  return practiceSet({
    sets: chosen,
    // Missed and flagged: read newest first through indexes, stopping once there are enough (not the whole answer
    // log). Confident-wrong needs each answer's guess mark, so it reads the trail of missed items.
    idsOf: (set) =>
      set === 'confident-wrong'
        ? reviewSet(store.answerTrail(), 'confident-wrong').map((c) => c.itemId).filter(wanted)
        : store.reviewSetIds(set, options.count, wanted),
    weakIds: () => excludeHeldOut(weakTopicItems(bank, store, now, options.seed ?? String(now.getTime())), held, (id) => id),
    questionsById: bank.questionsById,
    count: options.count,
  });
}

function weakTopicItems(bank: Bank, store: HistoryStore, now: Date, seed: string): string[] {
  const view = buildStatsView({ buckets: store.topicBuckets({ now: now.toISOString() }), exams: [], modules: bank.modules });
  const weak = view.topics.filter((t) => t.weak);
  const topics = (weak.length ? weak : view.topics.filter((t) => t.answered > 0).slice(0, 3)).map((t) => `${t.module}/${t.topic}`);
  const pool = bank.questions.filter((q) => topics.includes(`${q.module}/${q.topic}`));
  const lastRight = new Map(store.lastAnswersOf(pool.map((q) => q.id)).map((right, i) => [pool[i]!.id, right]));
  // Within the weak topics: unseen and last-missed items first.
  const rank = (q: BankQuestion) => (lastRight.get(q.id) === undefined ? 0 : lastRight.get(q.id) ? 2 : 1);
  return shuffled(pool, seededRng(seed))
    .sort((a, b) => rank(a) - rank(b))
    .map((q) => q.id);
}
