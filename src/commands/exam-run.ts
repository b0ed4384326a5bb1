import { wrap } from '../ui/layout.js';
import { withChoiceOrders } from '../exam/draw.js';
import type { Rng } from '../exam/rng.js';
import { formatClock } from '../exam/timing.js';
import { startEngine, type EngineState } from '../exam/engine.js';
import { startExam, type ExamMode } from '../exam/session.js';
import type { HistoryStore } from '../store/history.js';
import type { SessionStore, ProcessId } from '../store/sessions.js';
import type { Theme } from '../ui/theme.js';
import { PromptAborted, type Ui } from '../ui/views.js';
import type { BankQuestion } from '../bank/types.js';
import type { QuestionPool } from '../bank/pool.js';
import { Interrupted, UserError } from '../errors.js';
import { runSession, type Mark } from './exam-driver.js';
import { buildResultView } from './exam-result.js';
import { ratingForAnswer } from '../cards/from-answers.js';
import { isProcessRunning, thisProcess } from '../files/process.js';

/*
 * Running a session: record the attempt, claim it for this process, drive
 * the engine through the terminal, log marked answers to the memory model,
 * and print the result. Shared by \`mrso exam\` and \`mrso review\`.
 */

export interface ExamDeps {
  pool: QuestionPool;
  bankDir: string;
  store: HistoryStore;
  ui: Ui;
  theme: Theme;
  clock: () => number;
  /** This process, for the claim on the attempt it runs (default: the real pid and start time). */
  me?: ProcessId;
  isRunning?: (holder: ProcessId) => boolean;
}

/** Record a new attempt over these questions and run it: the exam's draw, or a review set built by `mrso review`. */
export async function startSession(
  questions: BankQuestion[],
  plan: { mode: ExamMode; seed: string; rng: Rng; minutes: number | null; params: { count: number; modules: number[]; bank: string; untimed?: boolean; form?: number } },
  deps: ExamDeps,
): Promise<void> {
  const { store, ui, clock } = deps;
  const sessions = store.sessions();
  const items = withChoiceOrders(questions, plan.rng);
  const startedAt = new Date(clock()).toISOString();
  // A new attempt is claimed for this process as it is recorded: no other mrso can know of it yet.
  const me = deps.me ?? thisProcess();
  const id = store.createAttempt({
    mode: plan.mode,
    seed: plan.seed,
    params: plan.params,
    timeLimitS: plan.minutes === null ? null : plan.minutes * 60,
    startedAt,
    items: items.map((item, position) => ({ position, itemId: item.question.id, itemHash: item.question.hash, choiceOrder: item.choiceOrder })),
    claimedBy: { holder: me, at: startedAt },
  });
  const limit = plan.minutes === null ? 'untimed' : `${plan.minutes} min`;
  ui.print(deps.theme.dim(wrap(`${plan.mode === 'exam' ? 'Mock exam' : 'Practice'} #${id}: ${items.length} questions, ${limit}, pass mark 70%. Seed ${plan.seed}.`, ui.width)));
  await whileClaimed(id, sessions, me, () => runAttempt(id, startEngine(startExam(items, plan.mode, plan.minutes === null ? null : plan.minutes * 60_000), clock()), deps, sessions));
}

export async function runAttempt(id: number, state: EngineState, deps: ExamDeps, sessions: SessionStore): Promise<void> {
  const { ui, clock, theme } = deps;
  // The scheduler (ts-fsrs) and the study settings it is fed with are not needed for the first question of a mock
  // exam: they load at submit. Practice logs each answer as it is checked, inside the answer's transaction, so
  // they load first.
  const scheduler = async (): Promise<MemoryLog> => {
    const [fsrs, study] = await Promise.all([import('../cards/scheduler.js'), import('./study-context.js')]);
    return { ...fsrs, reviewStoreFor: study.reviewStoreFor, studySettings: study.studySettings };
  };
  let loaded = state.mode === 'practice' ? await scheduler() : undefined;
  const outcome = await runSession(state, {
    ui,
    sessions,
    clock,
    attemptId: id,
    ready: async () => {
      loaded ??= await scheduler();
    },
    logMarks: (marks, source) => {
      if (!loaded) throw new Error('the scheduler is not loaded');
      logToMemory(deps, loaded, marks, source);
    },
  });
  if (outcome.reason === 'time-up') ui.print(theme.warn(wrap(`Time is up: the exam was submitted at ${formatClock(outcome.state.elapsedMs)}.`, ui.width)));
  const attempt = deps.store.attempt(id)!;
  // The result screen (and the width-aware layout) loads after the exam, not before its first question.
  const { renderResult } = await import('../ui/render-result.js');
  ui.print(renderResult(buildResultView(attempt, outcome.state, outcome.score, deps.pool.modules), theme, ui.width));
}

/** What logging marked answers to memory needs, loaded when first needed. */
type MemoryLog = typeof import('../cards/scheduler.js') & Pick<typeof import('./study-context.js'), 'reviewStoreFor' | 'studySettings'>;

/** Feed marked answers into the questions' FSRS memory, one logged review each (inside the caller's transaction). */
function logToMemory(deps: ExamDeps, scheduler: MemoryLog, marks: Mark[], source: 'exam' | 'practice'): void {
  const reviews = scheduler.reviewStoreFor(deps.store);
  const { retention, days } = scheduler.studySettings(reviews);
  const memory = reviews.latestMemory('question');
  for (const mark of marks) {
    const at = new Date(deps.clock());
    const before = memory.get(mark.question.id) ?? null;
    // A right guess is not mastery: it counts as Hard, never Good or Easy.
    const rating = ratingForAnswer(mark.correct, mark.timeMs, mark.guess);
    const after = scheduler.rate(before ?? scheduler.newMemory(at), rating, at, retention, days);
    memory.set(mark.question.id, after);
    reviews.append({ itemId: mark.question.id, kind: 'question', source, rating, reviewedAt: at.toISOString(), elapsedMs: mark.timeMs, retention, before, after });
  }
}

/** Hold the attempt for this process while it runs; refuse, in one line, an attempt another running mrso holds. */
export async function withClaim(id: number, sessions: SessionStore, deps: ExamDeps, run: () => Promise<void>): Promise<void> {
  const me = deps.me ?? thisProcess();
  const claim = sessions.claim(id, me, deps.isRunning ?? isProcessRunning, new Date(deps.clock()).toISOString());
  if (!claim.ok) throw new UserError(`session #${id} is open in another mrso (process ${claim.holder.pid}); finish or quit it there first`);
  await whileClaimed(id, sessions, me, run);
}

/** Run an attempt this process holds, and give it back however the run ends. */
async function whileClaimed(id: number, sessions: SessionStore, me: ProcessId, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (error instanceof PromptAborted) throw new Interrupted('stopped; nothing was lost', `Continue with: mrso exam --resume ${id}`);
    throw error;
  } finally {
    sessions.release(id, me);
  }
}

