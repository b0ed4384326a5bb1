import { UserError } from '../errors.js';
import { loadBank } from '../bank/load.js';
import type { Bank, BankIssue } from '../bank/types.js';
import { readBankDir } from '../files/bank-files.js';
import { defaultDbPath, shippedBankDir } from '../files/paths.js';
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

export function bankDir(globals: GlobalOptions, env = process.env): string {
  return globals.bank ?? env['MRSO_BANK'] ?? shippedBankDir();
}

export function dbPath(globals: GlobalOptions, env = process.env): string {
  return globals.db ?? env['MRSO_DB'] ?? defaultDbPath(env);
}

export function readBank(dir: string): { bank: Bank; issues: BankIssue[] } {
  const { files, issues: readIssues } = readBankDir(dir);
  const { bank, issues } = loadBank(files);
  return { bank, issues: [...readIssues, ...issues] };
}

/** A bank fit for studying: any error stops here with the first one named. */
export function loadUsableBank(globals: GlobalOptions): Bank {
  const dir = bankDir(globals);
  const { bank, issues } = readBank(dir);
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) {
    const first = errors[0]!;
    throw new UserError(
      `${formatIssue(first)}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`,
      `Fix the question bank (mrso bank check${globals.bank ? ` --bank ${globals.bank}` : ''} lists every problem).`,
    );
  }
  if (bank.questions.length === 0) {
    throw new UserError(`the bank in ${dir} has no questions`, 'Point --bank at a folder with module files.');
  }
  return bank;
}

export function formatIssue(i: BankIssue): string {
  return `${i.file}:${i.line}:${i.col}${i.id ? ` ${i.id}` : ''}: ${i.message}`;
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
  if (process.stdin.isTTY && process.stdout.isTTY) {
    const { terminalUi } = await import('../ui/prompts.js');
    return terminalUi(theme);
  }
  const { lineUi } = await import('../ui/line-ui.js');
  return lineUi(theme);
}
