import { wrap } from '../ui/layout.js';
import { UsageError, UserError } from '../errors.js';
import { pickByBlueprint } from '../exam/draw.js';
import { seededRng, type Rng } from '../exam/rng.js';
import type { ExamMode } from '../exam/session.js';
import { defaultTimeLimitMinutes, formatClock } from '../exam/timing.js';
import type { HistoryStore } from '../store/history.js';
import type { SessionStore } from '../store/sessions.js';
import type { BankQuestion } from '../bank/types.js';
import type { QuestionPool } from '../bank/pool.js';
import { checkModules } from './options.js';
import { restoreSession } from './exam-driver.js';
import { runAttempt, startSession, withClaim, type ExamDeps } from './exam-run.js';

export type { ExamDeps } from './exam-run.js';
import { bankLabel, makeUi, openHistory, stdoutTheme, type GlobalOptions } from './context.js';
import { loadUsablePool } from './load-bank.js';
import { heldOutIds, planForm, withoutHeldOut } from '../exam/held-out.js';

export async function examCommand(flags: ExamFlags, globals: GlobalOptions, given?: ReadonlySet<string>): Promise<void> {
  const options = parseExamOptions(flags, given);
  const pool = await loadUsablePool(globals);
  const store = openHistory(globals);
  const theme = stdoutTheme();
  const ui = await makeUi(theme);
  try {
    await runExam(options, { pool, bankDir: bankLabel(globals), store, ui, theme, clock: Date.now });
  } finally {
    ui.close?.();
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
  /** true for a bare --resume, else the session id given. */
  resume?: boolean | number;
  new?: boolean;
  /** A held-out mock form's number (questions/forms.yaml). */
  form?: number;
}

export interface ExamOptions {
  count: number;
  module: number[];
  mode: ExamMode;
  time: number | undefined;
  untimed?: boolean | undefined;
  seed?: string | undefined;
  resume?: boolean | number | undefined;
  new?: boolean | undefined;
  form?: number | undefined;
}


/** `given`: the flags typed on the command line (the table fills in defaults, which never clash). */
export function parseExamOptions(flags: ExamFlags, given?: ReadonlySet<string>): ExamOptions {
  if (flags.untimed && flags.time !== undefined) {
    throw new UsageError('--time and --untimed cannot be used together; pick one: --time 60 or --untimed');
  }
  if (flags.resume !== undefined && flags.resume !== false) {
    const clash = (['new', 'count', 'module', 'mode', 'time', 'untimed', 'seed', 'form'] as const).find((k) => flags[k] !== undefined && flags[k] !== false && (given?.has(k) ?? true));
    if (clash) throw new UsageError(`--resume continues a session as it was saved; it cannot be used with --${clash}`);
  }
  if (flags.form !== undefined) {
    // A form is a fixed, timed, full mock exam: what would change its items, mode or clock is refused.
    const typed = (k: string) => given?.has(k) ?? true;
    const clash =
      flags.count !== undefined && typed('count') ? '--count'
      : flags.module !== undefined && flags.module.length > 0 && typed('module') ? '--module'
      : flags.mode === 'practice' ? '--mode practice'
      : flags.untimed ? '--untimed'
      : undefined;
    if (clash) throw new UsageError(`--form takes the whole held-out form as a timed mock exam; it cannot be used with ${clash}`);
  }
  return { ...flags, count: flags.count ?? 100, module: flags.module ?? [], mode: flags.mode ?? 'exam', time: flags.time };
}

/** `mrso exam`: draw a mock exam or practice quiz (or resume a saved one) and run it. */
export async function runExam(options: ExamOptions, deps: ExamDeps): Promise<void> {
  const { pool, store, ui, clock } = deps;
  const sessions = store.sessions();
  if (options.resume !== undefined && options.resume !== false) {
    const id = options.resume === true ? sessions.newestUnfinished()?.id : options.resume;
    if (id === undefined) throw new UserError('there is no unfinished session to resume; start one with: mrso exam');
    const attempt = store.attempt(id);
    if (!attempt) throw new UserError(`there is no session #${id}; list them with: mrso sessions`);
    if (attempt.status !== 'in_progress') throw new UserError(`session #${id} is ${attempt.status === 'submitted' ? `finished; see its result with: mrso results ${id}` : 'discarded'}`);
    await withClaim(id, sessions, deps, async () => {
      const state = restoreSession(store, sessions, pool, id, clock());
      const left = state.timeLimitMs === null ? '' : `, ${formatClock(state.timeLimitMs - state.elapsedMs)} left`;
      ui.print(deps.theme.dim(wrap(`Resuming #${id}: ${state.responses.filter((r) => r !== null).length}/${state.items.length} answered${left}`, ui.width)));
      await runAttempt(id, state, deps, sessions);
    });
    return;
  }

  if (options.form !== undefined) {
    await startForm(options.form, options, deps);
    return;
  }
  checkModules(pool, options.module);
  noteUnfinished(sessions, deps);
  const seed = options.seed ?? String(clock());
  const rng = seededRng(seed);
  const { questions, shortfall } = drawFromPool(options, pool, store, rng);
  if (questions.length === 0) throw new UserError('no questions match those options; try without --module, or with another module');
  if (shortfall > 0) ui.print(deps.theme.warn(wrap(`Only ${questions.length} questions match (you asked for ${options.count}); running with ${questions.length}.`, ui.width)));
  const minutes = options.untimed ? null : (options.time ?? (options.mode === 'exam' ? defaultTimeLimitMinutes(questions.length) : null));
  await startSession(questions, { mode: options.mode, seed, rng, minutes, params: { count: options.count, modules: options.module, bank: deps.bankDir, untimed: options.untimed === true } }, deps);
}

/** `mrso exam --form N`: the held-out form's items in order, as a timed full mock exam whose params record the form. */
async function startForm(number: number, options: ExamOptions, deps: ExamDeps): Promise<void> {
  const { pool, store, ui, clock } = deps;
  const listed = pool.forms.find((f) => f.number === number)?.items ?? [];
  const found = new Map(pool.questions(listed).flatMap((q) => (q ? [[q.id, q] as const] : [])));
  const plan = planForm(pool.forms, number, store.takenForms(), (id) => found.has(id));
  if (!plan.ok) throw new UsageError(`${plan.reason}. ${plan.hint}`);
  if (plan.warning) ui.print(deps.theme.warn(plan.warning));
  noteUnfinished(store.sessions(), deps);
  const questions = plan.items.map((id) => found.get(id)!);
  const seed = options.seed ?? String(clock());
  const minutes = options.time ?? defaultTimeLimitMinutes(questions.length);
  await startSession(questions, { mode: 'exam', seed, rng: seededRng(seed), minutes, params: { count: questions.length, modules: [], bank: deps.bankDir, untimed: false, form: number } }, deps);
}

/** Starting something new never sets an unfinished session aside: say which are open and how to go back. */
function noteUnfinished(sessions: SessionStore, deps: ExamDeps): void {
  const open = sessions.list();
  if (open.length === 0) return;
  const first = open[0]!;
  const others = open.length > 1 ? ` and ${open.length - 1} more (mrso sessions)` : '';
  deps.ui.print(deps.theme.dim(wrap(`Note: unfinished ${first.mode === 'exam' ? 'mock exam' : 'practice'} #${first.id} (${first.answered}/${first.items} answered) is kept${others}; resume it with: mrso exam --resume ${first.id}`, deps.ui.width)));
}

/**
 * The blueprint draw's questions, parsed before the attempt is recorded: a
 * damaged cache entry stops the command with nothing written. Numeric items
 * are drill items: a mock exam never draws them (the draw runs again without
 * any it met; the pool knows types only once questions are parsed).
 */
function drawFromPool(options: ExamOptions, pool: QuestionPool, store: HistoryStore, rng: Rng): { questions: BankQuestion[]; shortfall: number } {
  const exclude = new Set<number>();
  // Items of a held-out form not yet taken are never drawn: the form must measure first exposure.
  const source = withoutHeldOut(pool, heldOutIds(pool.forms, store.takenForms()));
  for (;;) {
    const { picked, shortfall } = pickByBlueprint({ source, count: options.count, onlyModules: options.module, lastAnswers: (ids) => store.lastAnswersOf(ids), rng, exclude });
    const questions = pool.questionsAt(picked);
    const numeric = options.mode === 'exam' ? picked.filter((_, i) => questions[i]!.type === 'numeric') : [];
    if (numeric.length === 0) return { questions, shortfall };
    for (const p of numeric) exclude.add(p);
  }
}

