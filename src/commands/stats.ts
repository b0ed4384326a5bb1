import { z } from 'zod';
import type { Bank } from '../bank/types.js';
import { buildStatsView } from '../report/stats.js';
import type { HistoryStore } from '../store/history.js';
import { examRecords, topicTallies } from '../store/history.js';
import { renderStats } from '../ui/render-stats.js';
import type { Theme } from '../ui/theme.js';
import { parseOptions } from './options.js';
import { loadUsableBank, openHistory, printLine, stdoutTheme, type GlobalOptions } from './context.js';
import { NoHistory } from '../store/open.js';

export function statsCommand(raw: unknown, globals: GlobalOptions): void {
  const options = parseStatsOptions(raw);
  const bank = loadUsableBank(globals);
  let store: HistoryStore | null = null;
  try {
    store = openHistory(globals, { readonly: true });
  } catch (error) {
    if (!(error instanceof NoHistory)) throw error;
  }
  try {
    runStats(options, { bank, store, theme: stdoutTheme(), print: printLine });
  } finally {
    store?.close();
  }
}

export const StatsOptionsSchema = z.object({ json: z.boolean().optional() });
export type StatsOptions = z.output<typeof StatsOptionsSchema>;

export const parseStatsOptions = (raw: unknown): StatsOptions => parseOptions(StatsOptionsSchema, raw);

/** `mrso stats`: standing per module, exam domain and topic, from local history. */
export function runStats(options: StatsOptions, deps: { bank: Bank; store: HistoryStore | null; theme: Theme; print: (s: string) => void }): void {
  const tallies = deps.store ? topicTallies(deps.store.db) : [];
  const exams = deps.store ? examRecords(deps.store.db) : [];
  const view = buildStatsView(tallies, exams, deps.bank.modules);
  deps.print(options.json ? JSON.stringify(view, null, 2) : renderStats(view, deps.theme));
}
