import type { BankOutline } from '../bank/outline.js';
import type { StatsView } from '../report/stats.js';
import type { HistoryStore } from '../store/history.js';
import { renderStats, type StatsCommands } from '../ui/render-stats.js';
import { layoutWidth } from '../ui/layout.js';
import type { Theme } from '../ui/theme.js';
import { checkModules } from './options.js';
import { isTerminal, writeOut } from '../startup/stdout.js';
import { openHistoryIfAny, stdoutTheme, systemClock, type GlobalOptions } from './context.js';
import { loadUsableOutline } from './load-bank.js';
import { gatherStats, type StatsOptions } from './stats-data.js';

export type { StatsOptions } from './stats-data.js';

/** `mrso stats` flags as commander hands them over (values checked by their parsers in cli.ts). */
export interface StatsFlags {
  module?: number[];
  since?: string;
  json?: boolean;
}

export async function statsCommand(flags: StatsFlags, globals: GlobalOptions): Promise<void> {
  const options: StatsOptions = { ...flags, module: flags.module ?? [] };
  const bank = await loadUsableOutline(globals);
  checkModules(bank, options.module);
  const store = openHistoryIfAny(globals);
  try {
    // Straight to file descriptor 1, and the width asked of a terminal only: process.stdout on a pipe would set up the stream code (~5 ms).
    const columns = isTerminal(1) ? process.stdout.columns : undefined;
    runStats(options, { bank, store, theme: stdoutTheme(), print: (text) => writeOut(`${text}\n`), now: new Date(systemClock()), width: layoutWidth(process.env, columns) });
  } finally {
    store?.close();
  }
}

/** `mrso stats`: standing per module, exam domain and topic, readiness, and what to re-read. */
export function runStats(options: StatsOptions, deps: { bank: BankOutline; store: HistoryStore | null; theme: Theme; print: (s: string) => void; now: Date; width?: number }): StatsView {
  const view = gatherStats(options, deps);
  deps.print(options.json ? JSON.stringify(view, null, 2) : renderStats(view, deps.theme, deps.width ?? 80, commandsFor(view)));
  return view;
}

/** Command strings the screen shows, built at the edge. */
export function commandsFor(view: StatsView): StatsCommands {
  void view;
  return {
    start: 'mrso exam --mode practice --count 20',
    form: (n) => `mrso exam --form ${n}`,
    practise: (modules) => `mrso exam --mode practice ${modules.map((m) => `--module ${m}`).join(' ')} --count 20`,
  };
}
