import { UserError } from '../errors.js';
import { scoreExam } from '../exam/score.js';
import type { HistoryStore } from '../store/history.js';
import type { QuestionPool } from '../bank/pool.js';
import { renderResult } from '../ui/render-result.js';
import type { Theme } from '../ui/theme.js';
import { openHistory, printLine, stdoutTheme, systemClock, type GlobalOptions } from './context.js';
import { layoutWidth } from '../ui/layout.js';
import { loadUsablePool } from './load-bank.js';
import { restoreSession } from './exam-driver.js';
import { buildResultView } from './exam-result.js';

/** `mrso results [ID]`: reprint a finished session's result screen (default: the latest finished one). */
export async function resultsCommand(id: number | undefined, globals: GlobalOptions): Promise<void> {
  const pool = await loadUsablePool(globals);
  const store = openHistory(globals, { readonly: true });
  try {
    printLine(resultText(id, { store, pool, theme: stdoutTheme(), width: layoutWidth(process.env, process.stdout.columns), now: systemClock() }));
  } finally {
    store.close();
  }
}

export function resultText(id: number | undefined, deps: { store: HistoryStore; pool: QuestionPool; theme: Theme; width: number; now: number }): string {
  const sessions = deps.store.sessions();
  const target = id ?? sessions.list({ all: true }).find((s) => s.status === 'submitted')?.id;
  if (target === undefined) throw new UserError('no finished session yet; take one with: mrso exam');
  const attempt = deps.store.attempt(target);
  if (!attempt) throw new UserError(`there is no session #${target}; list them with: mrso sessions`);
  if (attempt.status !== 'submitted') throw new UserError(`session #${target} is not finished; resume it with: mrso exam --resume ${target}`);
  const state = restoreSession(deps.store, sessions, deps.pool, target, deps.now);
  return renderResult(buildResultView(attempt, state, scoreExam(state), deps.pool.modules), deps.theme, deps.width);
}
