import { isAbsolute } from 'node:path';
import { HistoryError, UsageError } from '../errors.js';
import { defaultDbPath } from '../files/paths.js';
import { NoHistory } from '../store/open.js';
import { HistoryStore } from '../store/history.js';
import { colourLevel, makeTheme, type Theme } from '../ui/theme.js';
import type { Ui } from '../ui/views.js';
import { directStdout, isTerminal } from '../startup/stdout.js';

/** Options every command accepts (defined on the root program). */
export interface GlobalOptions {
  bank?: string;
  db?: string;
  debug?: boolean;
}

/** The bank folder asked for; null means the shipped bank (package files, or embedded in the executable). */
export function bankDir(globals: GlobalOptions, env = process.env): string | null {
  return globals.bank ?? env['MRSO_BANK'] ?? null;
}

/** How to name the bank in messages and history. */
export function bankLabel(globals: GlobalOptions): string {
  return bankDir(globals) ?? 'questions (shipped)';
}

/** The history file: --db, else MRSO_DB, else the per-user data folder, which needs a home folder (never the current one). */
export function dbPath(globals: GlobalOptions, env = process.env): string {
  if (globals.db !== undefined) return globals.db;
  if (env['MRSO_DB']) return env['MRSO_DB'];
  const path = defaultDbPath(env);
  if (!isAbsolute(path)) {
    throw new HistoryError('HOME is empty, so there is no per-user folder for the history', 'Set HOME, or pass --db FILE (or set MRSO_DB) to name the history file.', 'HISTORY_NO_HOME');
  }
  return path;
}

/** The history for a report, or null when there is none yet (a report of nothing is not an error). */
export function openHistoryIfAny(globals: GlobalOptions): HistoryStore | null {
  try {
    return openHistory(globals, { readonly: true });
  } catch (error) {
    if (error instanceof NoHistory) return null;
    throw error;
  }
}

export function openHistory(globals: GlobalOptions, options: { readonly?: boolean } = {}): HistoryStore {
  const path = dbPath(globals);
  // An empty --db is a mistake (often an unset shell variable), never "no history yet": that would read as lost data.
  if (path === '') throw new UsageError('--db is empty', 'Pass --db FILE, such as --db ~/mrso/history.db.');
  return HistoryStore.open(path, options);
}

export function stdoutTheme(): Theme {
  // isTerminal, not process.stdout.isTTY: that would set up the stream (see startup/stdout.ts).
  return makeTheme(colourLevel(process.env, isTerminal(1)));
}

export const printLine = (text: string): void => {
  process.stdout.write(`${text}\n`);
};

/** Prompts on a terminal; plain lines from stdin otherwise (pipes, scripts, CI). */
export async function makeUi(theme: Theme): Promise<Ui> {
  // isTerminal, not process.stdin.isTTY: that would set up stdin now, and the line UI waits until it reads.
  if (isTerminal(0) && isTerminal(1)) {
    const { terminalUi } = await import('../ui/prompts.js');
    return terminalUi(theme);
  }
  const { lineUi } = await import('../ui/line-ui.js');
  // Its lines go straight to file descriptor 1, in order: the stream code loads with readline, after the first question.
  return lineUi(theme, undefined, directStdout);
}

/** The clock commands hand to the core: the one place the edge reads the time (lint keeps Date.now() and new Date() out of commands). */
export const systemClock = (): number => Date.now();
