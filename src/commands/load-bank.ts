import { BankError } from '../errors.js';
import type { QuestionPool } from '../bank/pool.js';
import type { Bank } from '../bank/types.js';
import type { BankOutline } from '../bank/outline.js';
import { openBank, type BankNeed, type BankContent, type OpenedBank } from '../bank-source/open.js';
import { formatIssue } from '../ui/render-bank.js';
import { bankDir, type GlobalOptions } from './context.js';

/*
 * The command-line side of the bank's door (bank-source/open.ts): which
 * folder the options name, and the refusal of a bank unfit for study, whose
 * hint names the command that lists every problem.
 */

/** The bank asked for by --bank / MRSO_BANK, for what `need` names, refused if it has an error or no questions. */
export async function openUsableBank<N extends BankNeed>(globals: GlobalOptions, need: N): Promise<BankContent[N]> {
  const opened = await openBank(bankDir(globals), need);
  refuseUnusable(globals, opened);
  return opened.content;
}

export const loadUsablePool = (globals: GlobalOptions): Promise<QuestionPool> => openUsableBank(globals, 'pool');
export const loadUsableBank = (globals: GlobalOptions): Promise<Bank> => openUsableBank(globals, 'bank');
export const loadUsableOutline = (globals: GlobalOptions): Promise<BankOutline> => openUsableBank(globals, 'outline');

function refuseUnusable(globals: GlobalOptions, opened: OpenedBank<BankNeed>): void {
  const errors = opened.issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) {
    throw new BankError(
      `${formatIssue(errors[0]!)}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`,
      `Fix the question bank (mrso bank check${globals.bank ? ` --bank ${globals.bank}` : ''} lists every problem).`,
      'BANK_INVALID',
    );
  }
  if (opened.questionCount === 0) {
    throw new BankError(`the bank in ${opened.folder ?? 'this executable'} has no questions`, 'Point --bank at a folder with module files.', 'BANK_EMPTY');
  }
}
