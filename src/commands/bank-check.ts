import { layoutWidth, wrap } from '../ui/layout.js';
import { UserError } from '../errors.js';
import { openBank } from '../bank-source/open.js';
import { summariseBank, type BankSummary } from '../report/bank-summary.js';
import { renderBankCheck } from '../ui/render-bank.js';
import type { Theme } from '../ui/theme.js';
import { bankDir, bankLabel, printLine, stdoutTheme, type GlobalOptions } from './context.js';

export interface BankCheckOptions {
  json?: boolean;
}

export type { BankSummary };

export async function bankCheckCommand(options: BankCheckOptions, globals: GlobalOptions): Promise<void> {
  // Every byte is read and hashed here, whatever the files' signature: this is the command that vouches for the bank.
  const { content: bank, issues, cacheDamaged } = await openBank(bankDir(globals), 'bank', { verify: true });
  const theme = stdoutTheme();
  if (cacheDamaged.length > 0 && !options.json) {
    const more = cacheDamaged.length > 1 ? `, and ${cacheDamaged.length - 1} more` : '';
    printLine(theme.warn(wrap(`The compiled-bank cache was damaged (${cacheDamaged[0]}${more}): removed and rebuilt from the bank files.`, layoutWidth(process.env, process.stdout.columns))));
  }
  runBankCheck(options, summariseBank(bankLabel(globals), bank, issues), { theme, print: printLine });
}

/** `mrso bank check`: counts, then every problem as file:line:col id: message; exit 1 on any error. */
export function runBankCheck(options: BankCheckOptions, summary: BankSummary, deps: { theme: Theme; print: (s: string) => void; width?: number }): void {
  deps.print(options.json ? JSON.stringify(summary, null, 2) : renderBankCheck(summary, deps.theme, deps.width ?? layoutWidth(process.env, process.stdout.columns)));
  if (summary.errors > 0) {
    throw new UserError(`the bank has ${summary.errors} error(s)`, 'Fix each file:line above and run mrso bank check again.', 'BANK_INVALID');
  }
}
