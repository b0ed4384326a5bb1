import { isatty } from 'node:tty';
import type { Bank } from '../bank/types.js';
import { Interrupted, UsageError, UserError } from '../errors.js';
import { writeExport } from '../files/safe-export.js';
import { recordHtml, verificationCode } from '../report/record.js';
import { bankContentHash, type Remarked } from '../report/remark.js';
import type { AttemptRow, HistoryStore } from '../store/history.js';
import { sanitizeLine } from '../ui/sanitize.js';
import { bankDir, openHistory, printLine, systemClock, type GlobalOptions } from './context.js';
import { loadUsableBank } from './load-bank.js';
import { ineligibility, installationId, installSecret, recordData, remark, rememberRecordBank, requireAttempt } from './record-data.js';

/** `mrso cert` flags as commander hands them over (values checked by their parsers in cli.ts). */
export interface CertFlags {
  attempt?: number;
  name?: string;
  output?: string;
  force?: boolean;
}

const QUALIFYING = 'a timed mock exam of 100 items from every module on the shipped bank: mrso exam --count 100';

/** `mrso cert`: an HTML completion record for a passing full mock exam, with a verification code. */
export async function certCommand(options: CertFlags, globals: GlobalOptions): Promise<void> {
  if (bankDir(globals) !== null) throw new UserError('a completion record is marked against the bank shipped with mrso, not a custom bank', 'Run mrso cert without --bank (and without MRSO_BANK).');
  const givenName = options.name === undefined ? undefined : checkName(options.name);
  const bank = await loadUsableBank(globals);
  const store = openHistory(globals);
  try {
    const { attempt, remarked } = chooseAttempt(store, bank, options.attempt);
    const name = givenName ?? (await askName());
    const facts = { name, installation: installationId(store), bank: { hash: bankContentHash(bank.questions), shipped: true } };
    const data = recordData(attempt, remarked, bank, facts);
    const code = verificationCode(data, installSecret(store));
    const path = options.output ?? `mrso-record-${attempt.id}.html`;
    writeExport(path, recordHtml(data, code), { force: options.force });
    rememberRecordBank(store, code, facts.bank);
    store.saveRecord(code, attempt.id, name, new Date(systemClock()).toISOString());
    printLine(`Wrote the completion record for attempt #${attempt.id} (${data.correct}/${data.total}) to ${sanitizeLine(path)}`);
    printLine(`Verification code: ${code}  (check with: mrso verify ${sanitizeLine(path)})`);
  } finally {
    store.close();
  }
}

/** The attempt asked for, or the newest that qualifies; one line saying why when none does. */
function chooseAttempt(store: HistoryStore, bank: Bank, id: number | undefined): { attempt: AttemptRow; remarked: Remarked } {
  const modules = bank.modules.map((m) => m.number);
  const assess = (attempt: AttemptRow): Remarked | { why: string } => {
    const why = ineligibility(attempt, store.attemptItems(attempt.id).length, modules);
    if (why) return { why };
    const remarked = remark(store, bank, attempt);
    if ('why' in remarked) return remarked;
    return remarked.passed ? remarked : { why: `it scored ${remarked.correct}/${remarked.total}, below the 70% pass mark` };
  };
  if (id !== undefined) {
    const attempt = requireAttempt(store, id);
    const result = assess(attempt);
    if ('why' in result) throw new UserError(`attempt #${attempt.id} cannot have a completion record: ${result.why}`, `Records are for ${QUALIFYING}`);
    return { attempt, remarked: result };
  }
  for (const attempt of store.submittedExams()) {
    const result = assess(attempt);
    if (!('why' in result)) return { attempt, remarked: result };
  }
  throw new UserError('no passing full mock exam in this history yet (timed, 100 items, every module, shipped bank, 70% or more)', `Take one with: mrso exam --count 100`);
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new UsageError('--name is empty', 'For example: --name "Alex Morgan"');
  if (sanitizeLine(trimmed) !== trimmed) throw new UsageError('--name holds control or invisible characters', 'For example: --name "Alex Morgan"');
  return trimmed;
}

/** The name on the record is asked for, never taken from the login name; without a terminal, --name is required. */
async function askName(): Promise<string> {
  if (!isatty(0) || !isatty(1)) throw new UsageError('the record needs the name to print on it: pass --name (there is no terminal to ask on)', 'For example: mrso cert --name "Alex Morgan"');
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const controller = new AbortController();
  rl.on('SIGINT', () => controller.abort());
  rl.on('close', () => controller.abort());
  try {
    for (;;) {
      const answer = (await rl.question('Name to print on the record: ', { signal: controller.signal })).trim();
      if (answer !== '' && answer.length <= 120 && sanitizeLine(answer) === answer) return answer;
      process.stdout.write('  Type the name as it should appear (up to 120 characters).\n');
    }
  } catch (error) {
    if ((error as Error).name === 'AbortError' || controller.signal.aborted) throw new Interrupted('no record written', 'Run mrso cert again when ready.');
    throw error;
  } finally {
    rl.close();
  }
}
