import { UserError } from '../errors.js';
import { formatClock } from '../exam/timing.js';
import type { SessionSummary } from '../store/sessions.js';
import { table, wrap } from '../ui/layout.js';
import type { Theme } from '../ui/theme.js';
import { PromptAborted, type Ui } from '../ui/views.js';
import { Interrupted } from '../errors.js';
import type { HistoryStore } from '../store/history.js';
import { makeUi, openHistory, stdoutTheme, type GlobalOptions } from './context.js';

/** `mrso sessions` flags as commander hands them over. */
export interface SessionsFlags {
  discard?: number;
  yes?: boolean;
}

export async function sessionsCommand(flags: SessionsFlags, globals: GlobalOptions): Promise<void> {
  const store = openHistory(globals);
  const theme = stdoutTheme();
  const ui = await makeUi(theme);
  try {
    await runSessions(flags, { store, ui, theme });
  } finally {
    ui.close?.();
    store.close();
  }
}

/** List unfinished and finished sessions, or (with --discard) set one unfinished session aside, after asking. */
export async function runSessions(flags: SessionsFlags, deps: { store: HistoryStore; ui: Ui; theme: Theme }): Promise<void> {
  const { ui, theme } = deps;
  const sessions = deps.store.sessions();
  if (flags.discard !== undefined) {
    const id = flags.discard;
    const target = sessions.list().find((s) => s.id === id);
    if (!target) throw new UserError(`there is no unfinished session #${id}; list them with: mrso sessions`);
    if (!flags.yes) {
      if (!ui.interactive) throw new UserError(`discarding #${id} needs a yes: run it in a terminal, or add --yes`);
      let sure: boolean;
      try {
        sure = await ui.confirm(`Discard ${label(target)} #${id} (${target.answered}/${target.items} answered)? Its answers stay in your history, but it can no longer be resumed.`, false);
      } catch (error) {
        if (error instanceof PromptAborted) throw new Interrupted('nothing discarded');
        throw error;
      }
      if (!sure) {
        ui.print('Nothing discarded.');
        return;
      }
    }
    sessions.discard(id);
    ui.print(`Discarded #${id}.`);
    return;
  }
  const open = sessions.list();
  const finished = sessions.list({ all: true, limit: 40 }).filter((s) => s.status === 'submitted').slice(0, 20);
  if (open.length === 0 && finished.length === 0) {
    ui.print(wrap('No sessions yet. Start one with: mrso exam (or mrso exam --mode practice)', ui.width));
    return;
  }
  const width = ui.width;
  ui.print(theme.title(`Unfinished (${open.length})`));
  if (open.length === 0) ui.print(theme.dim('  none'));
  else {
    const rows = open.map((s) => [`#${s.id}`, label(s), modules(s), `${s.answered}/${s.items}`, s.timeLimitS === null ? 'untimed' : formatClock(s.timeLimitS * 1000 - s.elapsedMs), day(s.startedAt)]);
    for (const line of table([{ header: 'id' }, { header: 'mode' }, { header: 'modules', flex: true, shorten: true, min: 8 }, { header: 'answered', align: 'right' }, { header: 'left', align: 'right' }, { header: 'started' }], rows, width, { indent: '  ', styleHeader: theme.dim })) ui.print(line);
    ui.print(theme.dim(wrap('Resume: mrso exam --resume ID  ·  set one aside: mrso sessions --discard ID', ui.width, { first: '  ' })));
  }
  if (finished.length > 0) {
    ui.print('');
    ui.print(theme.title(`Finished (latest ${finished.length})`));
    const rows = finished.map((s) => [`#${s.id}`, label(s), modules(s), `${s.scoreCorrect ?? 0}/${s.items}`, s.passed ? 'pass' : 'not yet', day(s.finishedAt ?? s.startedAt)]);
    for (const line of table([{ header: 'id' }, { header: 'mode' }, { header: 'modules', flex: true, shorten: true, min: 8 }, { header: 'score', align: 'right' }, { header: 'result' }, { header: 'finished' }], rows, width, { indent: '  ', styleHeader: theme.dim })) ui.print(line);
    ui.print(theme.dim('  Reopen a result: mrso results ID'));
  }
}

function label(s: SessionSummary): string {
  return s.mode === 'exam' ? 'mock exam' : 'practice';
}

function modules(s: SessionSummary): string {
  return s.modules.length === 0 ? 'all' : s.modules.join(', ');
}

/** The learner's local date and time, to the minute. */
function day(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
