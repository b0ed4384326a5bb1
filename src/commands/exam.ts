import { UsageError, UserError } from '../errors.js';
import { pickByBlueprint, withChoiceOrders } from '../exam/draw.js';
import { seededRng, type Rng } from '../exam/rng.js';
import { startExam, type ExamMode } from '../exam/session.js';
import { defaultTimeLimitMinutes, formatClock } from '../exam/timing.js';
import type { HistoryStore } from '../store/history.js';
import { renderResult } from '../ui/render-result.js';
import type { Theme } from '../ui/theme.js';
import type { Ui } from '../ui/views.js';
import type { BankQuestion } from '../bank/types.js';
import type { QuestionPool } from '../bank/pool.js';
import { checkModules } from './options.js';
import { describe, restoreState, runSession } from './exam-session.js';
import { ratingForAnswer } from '../cards/from-answers.js';
import { reviewStoreFor, studySettings } from './study-context.js';
import { bankLabel, makeUi, openHistory, stdoutTheme, type GlobalOptions } from './context.js';
import { loadUsablePool } from './load-bank.js';

export async function examCommand(flags: ExamFlags, globals: GlobalOptions): Promise<void> {
  const options = parseExamOptions(flags);
  const pool = await loadUsablePool(globals);
  const store = openHistory(globals);
  try {
    const theme = stdoutTheme();
    const ui = await makeUi(theme);
    await runExam(options, { pool, bankDir: bankLabel(globals), store, ui, theme, clock: Date.now });
  } finally {
    store.close();
  }
}

/** `mrso exam` flags as commander hands them over (each value already checked by its parser in cli.ts). */
export interface ExamFlags {
  count?: number;
  module?: number[];
  mode?: ExamMode;
  time?: number;
  untimed?: boolean;
  seed?: string;
  resume?: boolean;
  new?: boolean;
}

export interface ExamOptions {
  count: number;
  module: number[];
  mode: ExamMode;
  time: number | undefined;
  untimed?: boolean | undefined;
  seed?: string | undefined;
  resume?: boolean | undefined;
  new?: boolean | undefined;
}

export interface ExamDeps {
  pool: QuestionPool;
  bankDir: string;
  store: HistoryStore;
  ui: Ui;
  theme: Theme;
  clock: () => number;
  /** A fixed item set (mrso review) instead of a blueprint draw; unfinished exams are then left alone. */
  items?: BankQuestion[];
}

export function parseExamOptions(flags: ExamFlags): ExamOptions {
  if (flags.untimed && flags.time !== undefined) {
    throw new UsageError('--time and --untimed cannot be used together', 'Pick one: --time 60 or --untimed.');
  }
  return { ...flags, count: flags.count ?? 100, module: flags.module ?? [], mode: flags.mode ?? 'exam', time: flags.time };
}

/** `mrso exam`: draw (or resume) a mock exam or practice quiz and run it. */
export async function runExam(options: ExamOptions, deps: ExamDeps): Promise<void> {
  const { pool, store, ui, clock } = deps;
  checkModules(pool, options.module);

  let attemptId: number | undefined;
  const unfinished = deps.items ? undefined : store.latestUnfinished();
  if (unfinished && options.new) store.abandonAttempt(unfinished.id);
  else if (unfinished && (options.resume || (ui.interactive && (await offerResume(deps, unfinished))))) attemptId = unfinished.id;
  else if (options.resume) throw new UserError('there is no unfinished exam to resume', 'Start one with: mrso exam');
  else if (unfinished && !ui.interactive) {
    ui.print(`Note: an unfinished ${unfinished.mode} (#${unfinished.id}) is kept; resume it later with: mrso exam --resume`);
  }

  let state;
  if (attemptId !== undefined) {
    state = restoreState(store, pool, attemptId);
    ui.print(deps.theme.dim(`Resuming #${attemptId}: ${state.responses.filter((r) => r !== null).length}/${state.items.length} answered` + (state.timeLimitMs === null ? '' : `, ${formatClock(state.timeLimitMs - state.elapsedMs)} left`)));
  } else {
    const mode: ExamMode = options.mode;
    const seed = options.seed ?? String(clock());
    const rng = seededRng(seed);
    const { questions, shortfall } = deps.items ? { questions: deps.items, shortfall: 0 } : drawFromPool(options, pool, store, rng);
    const drawn = { items: withChoiceOrders(questions, rng), shortfall };
    if (drawn.items.length === 0) throw new UserError('no questions match those options', 'Try without --module, or with another module.');
    if (drawn.shortfall > 0) {
      ui.print(deps.theme.warn(`Only ${drawn.items.length} questions match (you asked for ${options.count}); running with ${drawn.items.length}.`));
    }
    const minutes = options.untimed ? null : (options.time ?? (mode === 'exam' ? defaultTimeLimitMinutes(drawn.items.length) : null));
    attemptId = store.createAttempt({
      mode,
      seed,
      params: { count: options.count, modules: options.module, bank: deps.bankDir },
      timeLimitS: minutes === null ? null : minutes * 60,
      startedAt: new Date(clock()).toISOString(),
      items: drawn.items.map((item, position) => ({ position, itemId: item.question.id, itemHash: item.question.hash, choiceOrder: item.choiceOrder })),
    });
    state = startExam(drawn.items, mode, minutes === null ? null : minutes * 60_000);
    const limit = minutes === null ? 'untimed' : `${minutes} min`;
    ui.print(deps.theme.dim(`${mode === 'exam' ? 'Mock exam' : 'Practice'}: ${drawn.items.length} questions, ${limit}, pass mark 70%. Seed ${seed}.`));
  }

  const { state: final, score } = await runSession(state, { ui, store, clock, attemptId, onMarked: (marks, source) => feedMemory(deps, marks, source) });
  const missed = score.missed.map(({ index, item }) => ({
    number: index + 1,
    itemId: item.question.id,
    stem: item.question.stem,
    given: describe(item, final.responses[index] ?? null),
    key: describe(item, item.question.answer),
    explanation: item.question.explanation,
    refs: item.question.refs,
  }));
  ui.print(renderResult({ mode: final.mode, score, elapsedMs: final.elapsedMs, modules: pool.modules, missed }, deps.theme, ui.width));
}

/** The blueprint draw's questions, parsed before the attempt is recorded: a damaged cache entry stops the command with nothing written. */
function drawFromPool(options: ExamOptions, pool: QuestionPool, store: HistoryStore, rng: Rng): { questions: BankQuestion[]; shortfall: number } {
  const { picked, shortfall } = pickByBlueprint({ source: pool, count: options.count, onlyModules: options.module, lastAnswers: (ids) => store.lastAnswersOf(ids), rng });
  return { questions: pool.questionsAt(picked), shortfall };
}

/** Feed marked answers into the questions' FSRS memory, one logged review each. */
async function feedMemory(deps: ExamDeps, marks: { question: { id: string }; correct: boolean; timeMs: number }[], source: 'exam' | 'practice'): Promise<void> {
  // The scheduler (ts-fsrs) loads with the first marked answer, not before the first question.
  const { newMemory, rate } = await import('../cards/scheduler.js');
  const reviews = reviewStoreFor(deps.store);
  const { retention, days } = studySettings(reviews);
  const memory = reviews.latestMemory('question');
  for (const mark of marks) {
    const at = new Date(deps.clock());
    const before = memory.get(mark.question.id) ?? null;
    const rating = ratingForAnswer(mark.correct, mark.timeMs);
    const after = rate(before ?? newMemory(at), rating, at, retention, days);
    reviews.append({ itemId: mark.question.id, kind: 'question', source, rating, reviewedAt: at.toISOString(), elapsedMs: mark.timeMs, retention, before, after });
  }
}

async function offerResume(deps: ExamDeps, unfinished: { id: number; mode: string; startedAt: string }): Promise<boolean> {
  const state = restoreState(deps.store, deps.pool, unfinished.id);
  const answered = state.responses.filter((r) => r !== null).length;
  const left = state.timeLimitMs === null ? '' : `, ${formatClock(state.timeLimitMs - state.elapsedMs)} left`;
  const resume = await deps.ui.confirm(`You have an unfinished ${unfinished.mode} (${answered}/${state.items.length} answered${left}). Resume it?`, true);
  if (!resume) deps.store.abandonAttempt(unfinished.id);
  return resume;
}
