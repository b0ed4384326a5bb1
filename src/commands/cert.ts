import { userInfo } from 'node:os';
import { UserError } from '../errors.js';
import { recordHtml, verificationCode } from '../report/record.js';
import { writeFileAtomic } from '../files/write.js';
import { openHistory, printLine, type GlobalOptions } from './context.js';
import { loadUsableBank } from './load-bank.js';
import { ineligibility, installSecret, recordData, requireAttempt } from './record-data.js';

/** `mrso cert` flags as commander hands them over (values checked by their parsers in cli.ts). */
export interface CertFlags {
  attempt?: number;
  name?: string;
  output?: string;
}

/** `mrso cert`: an HTML completion record for a passing full mock exam, with a verification code. */
export async function certCommand(options: CertFlags, globals: GlobalOptions): Promise<void> {
  const bank = await loadUsableBank(globals);
  const store = openHistory(globals);
  try {
    const attempt =
      options.attempt !== undefined
        ? requireAttempt(store, options.attempt)
        : store.submittedExams().find((a) => ineligibility(a) === null);
    if (!attempt) {
      throw new UserError('no passing full mock exam (100 items, 70% or more) in this history yet', 'Take one with: mrso exam --count 100');
    }
    const why = ineligibility(attempt);
    if (why) throw new UserError(`attempt #${attempt.id} cannot have a completion record: ${why}`, 'Records are for a passing full mock exam: mrso exam --count 100');
    const name = options.name ?? userInfo().username;
    const data = recordData(store, bank, attempt, name);
    const code = verificationCode(data, installSecret(store));
    const path = options.output ?? `mrso-record-${attempt.id}.html`;
    writeFileAtomic(path, recordHtml(data, code));
    store.saveRecord(code, attempt.id, name, new Date().toISOString());
    printLine(`Wrote the completion record for attempt #${attempt.id} (${data.correct}/${data.total}) to ${path}`);
    printLine(`Verification code: ${code}  (check with: mrso verify ${path})`);
  } finally {
    store.close();
  }
}
