import { isatty } from 'node:tty';
import { defaultDbPath } from '../files/paths.js';
import { openDb } from '../store/open.js';
import { HistoryStore } from '../store/history.js';
import { colourLevel, makeTheme, type Theme } from '../ui/theme.js';
import type { Ui } from '../ui/views.js';

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

export function dbPath(globals: GlobalOptions, env = process.env): string {
  return globals.db ?? env['MRSO_DB'] ?? defaultDbPath(env);
}

export function openHistory(globals: GlobalOptions, options: { readonly?: boolean } = {}): HistoryStore {
  const path = dbPath(globals);
  return new HistoryStore(openDb(path, options), path);
}

export function stdoutTheme(): Theme {
  return makeTheme(colourLevel(process.env, Boolean(process.stdout.isTTY)));
}

export const printLine = (text: string): void => {
  process.stdout.write(`${text}\n`);
};

/** Prompts on a terminal; plain lines from stdin otherwise (pipes, scripts, CI). */
export async function makeUi(theme: Theme): Promise<Ui> {
  // isatty, not process.stdin.isTTY: that would set up stdin now, and the line UI waits until it reads.
  if (isatty(0) && isatty(1)) {
    const { terminalUi } = await import('../ui/prompts.js');
    return terminalUi(theme);
  }
  const { lineUi } = await import('../ui/line-ui.js');
  return lineUi(theme);
}
