import type { Bank, BankQuestion } from '../bank/types.js';
import { UserError } from '../errors.js';
import { reviewSetIds } from '../store/review-queries.js';
import { topicBuckets, type HistoryStore } from '../store/history.js';
import { buildStatsView } from '../report/stats.js';
import { shuffled, seededRng } from '../exam/rng.js';
import { makeUi, openHistory, stdoutTheme, bankLabel, type GlobalOptions } from './context.js';
import { loadUsableBank } from './load-bank.js';
import { runExam } from './exam.js';
import { poolOf } from '../bank/pool.js';

/** `mrso review` flags as commander hands them over (values checked by their parsers in cli.ts). */
export interface ReviewFlags {
  missed?: boolean;
  flagged?: boolean;
  weak?: boolean;
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
    const items = pickReviewItems(options, bank, store, new Date());
    if (items.length === 0) {
      throw new UserError(
        `nothing to review yet from ${sets(options).join(' or ')} items`,
        'Items you miss (or flag in a mock exam) collect here until you answer them right twice in a row. Try: mrso exam --mode practice',
      );
    }
    const theme = stdoutTheme();
    await runExam(
      { count: items.length, module: [], mode: 'practice', time: undefined, untimed: true, seed: options.seed, resume: false, new: false },
      { pool: poolOf(bank), bankDir: bankLabel(globals), store, ui: await makeUi(theme), theme, clock: Date.now, items },
    );
  } finally {
    store.close();
  }
}

function sets(options: ReviewOptions): ('missed' | 'flagged' | 'weak')[] {
  const chosen = (['missed', 'flagged', 'weak'] as const).filter((k) => options[k]);
  return chosen.length ? [...chosen] : ['missed'];
}

/** Missed and flagged sets in their own order (most recent, most often), then weak-topic items; no repeats. */
export function pickReviewItems(options: ReviewOptions, bank: Bank, store: HistoryStore, now: Date): BankQuestion[] {
  const ids: string[] = [];
  for (const set of sets(options)) {
    if (set === 'weak') ids.push(...weakTopicItems(bank, store, now, options.seed ?? String(now.getTime())));
    // Read newest first through indexes, stopping once there are enough (not the whole answer log).
    else ids.push(...reviewSetIds(store.db, set, options.count + ids.length, (id) => bank.questionsById.has(id)));
  }
  return [...new Set(ids)]
    .map((id) => bank.questionsById.get(id))
    .filter((q): q is BankQuestion => q !== undefined)
    .slice(0, options.count);
}

function weakTopicItems(bank: Bank, store: HistoryStore, now: Date, seed: string): string[] {
  const view = buildStatsView({ buckets: topicBuckets(store.db, { now: now.toISOString() }), exams: [], modules: bank.modules });
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
