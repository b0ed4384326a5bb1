import type { BankQuestion } from '../bank/types.js';
import type { QuestionPool } from '../bank/pool.js';
import { UserError } from '../errors.js';
import { practiceSet, type PracticeSet } from '../exam/practice-set.js';
import { excludeHeldOut, heldOutIds } from '../exam/held-out.js';
import type { HistoryStore } from '../store/history.js';
import { buildStatsView } from '../report/stats.js';
import { shuffled, seededRng } from '../exam/rng.js';
import { makeUi, openHistory, stdoutTheme, bankLabel, systemClock, type GlobalOptions } from './context.js';
import { loadUsablePool } from './load-bank.js';
import { startSession, type ExamDeps } from './exam-run.js';
import type { Ui } from '../ui/views.js';

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
  // The pool, not the whole bank: from the cache only the questions of the review set are parsed.
  const pool = await loadUsablePool(globals);
  const store = openHistory(globals);
  try {
    const theme = stdoutTheme();
    await runReview(options, { pool, bankDir: bankLabel(globals), store, ui: () => makeUi(theme), theme, clock: systemClock });
  } finally {
    store.close();
  }
}

/** The review set run as an untimed practice session; the terminal is set up only once there is something to review. */
export async function runReview(options: ReviewOptions, deps: Omit<ExamDeps, 'ui'> & { ui: () => Promise<Ui> }): Promise<void> {
  const items = pickReviewItems(options, deps.pool, deps.store, new Date(deps.clock()));
  if (items.length === 0) {
    throw new UserError(
      `nothing to review yet from ${sets(options).join(' or ')} items`,
      'Items you miss (or flag in a mock exam) collect here until you answer them right twice in a row. Try: mrso exam --mode practice',
    );
  }
  const ui = await deps.ui();
  const seed = options.seed ?? String(deps.clock());
  try {
    await startSession(
      items,
      { mode: 'practice', seed, rng: seededRng(seed), minutes: null, params: { count: items.length, modules: [], bank: deps.bankDir, untimed: true } },
      { ...deps, ui },
    );
  } finally {
    ui.close?.();
  }
}

function sets(options: ReviewOptions): PracticeSet[] {
  const chosen = (['missed', 'flagged', 'confident-wrong', 'weak'] as const).filter((k) => (k === 'confident-wrong' ? options.confidentWrong : options[k]));
  return chosen.length ? [...chosen] : ['missed'];
}

/** The review set, built in the core (exam/practice-set.ts) from the answer trail and the weak topics. */
export function pickReviewItems(options: ReviewOptions, pool: QuestionPool, store: HistoryStore, now: Date): BankQuestion[] {
  const chosen = sets(options);
  // Items of a held-out form not yet taken stay out of every review set, so the form measures first exposure.
  const held = heldOutIds(pool.forms, store.takenForms());
  let inBank: Set<string> | undefined;
  const wanted = (id: string) => (inBank ??= idsOf(pool)).has(id) && !held.has(id);
  return practiceSet({
    sets: chosen,
    // Read newest first through indexes, stopping once there are enough (not the whole answer log).
    idsOf: (set) => store.reviewSetIds(set, options.count, wanted),
    weakIds: () => excludeHeldOut(weakTopicItems(pool, store, now, options.seed ?? String(now.getTime())), held, (id) => id),
    questions: (ids) => pool.questions(ids),
    count: options.count,
  });
}

/** Every id in the bank (the pool's header lists them: nothing is parsed). */
function idsOf(pool: QuestionPool): Set<string> {
  const ids = new Set<string>();
  for (let p = 0; p < pool.size; p++) ids.add(pool.idAt(p)!);
  return ids;
}

function weakTopicItems(pool: QuestionPool, store: HistoryStore, now: Date, seed: string): string[] {
  const view = buildStatsView({ buckets: store.topicBuckets({ now: now.toISOString() }), exams: [], modules: pool.modules });
  const weak = view.topics.filter((t) => t.weak);
  const picked = weak.length ? weak : view.topics.filter((t) => t.answered > 0).slice(0, 3);
  const topics = picked.map((t) => `${t.module}/${t.topic}`);
  // A question's topic is in its text: only the weak topics' modules are read, in bank order as before.
  const positions = [...new Set(picked.map((t) => t.module))].flatMap((m) => pool.positionsOf(m)).sort((a, b) => a - b);
  const candidates = pool.questionsAt(positions).filter((q) => topics.includes(`${q.module}/${q.topic}`));
  const lastRight = new Map(store.lastAnswersOf(candidates.map((q) => q.id)).map((right, i) => [candidates[i]!.id, right]));
  // Within the weak topics: unseen and last-missed items first.
  const rank = (q: BankQuestion) => (lastRight.get(q.id) === undefined ? 0 : lastRight.get(q.id) ? 2 : 1);
  return shuffled(candidates, seededRng(seed))
    .sort((a, b) => rank(a) - rank(b))
    .map((q) => q.id);
}
