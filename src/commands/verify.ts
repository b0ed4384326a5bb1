import type { Bank } from '../bank/types.js';
import { UserError } from '../errors.js';
import { pathExists, readRegularFile, UnreadableFile } from '../files/regular-file.js';
import { normaliseCode, readEmbedded, recordHtml, verificationCode, type EmbeddedRecord, type RecordData } from '../report/record.js';
import type { AttemptRow, HistoryStore } from '../store/history.js';
import { sanitizeLine } from '../ui/sanitize.js';
import { openHistory, printLine, type GlobalOptions } from './context.js';
import { loadUsableBank } from './load-bank.js';
import { existingInstallationId, existingSecret, recordBank, recordData, remark } from './record-data.js';

/** No real record comes near this; a larger file is refused unread. */
const MAX_RECORD_BYTES = 1024 * 1024;

/** `mrso verify FILE|CODE`: check a completion record against the local history, re-marking its answers against the bank. */
export async function verifyCommand(target: string, globals: GlobalOptions): Promise<void> {
  const shown = sanitizeLine(target);
  const html = readRecordFile(target, shown);
  const bank = await loadUsableBank(globals);
  const store = openHistory(globals, { readonly: true });
  try {
    const secret = existingSecret(store);
    const installation = existingInstallationId(store);
    if (html === null) {
      verifyCode(store, bank, normaliseCode(target), secret, installation);
      return;
    }
    const claimed = readEmbedded(html);
    if (!claimed) throw new UserError(`NOT VALID: ${shown} is not an mrso completion record (no record data inside)`);
    if (!('code' in claimed)) throw new UserError(`NOT VALID: ${shown} is a record of an older format (${sanitizeLine(claimed.version)}) whose score was not re-marked`, 'Make a new record with: mrso cert');
    if (!secret || claimed.installation !== installation) {
      throw new UserError(
        `NOT VALID HERE: ${shown} was not issued by this history (it names installation ${sanitizeLine(claimed.installation)}; this history is ${installation ?? 'one that has issued no records'})`,
        'Verify on the computer (and with the --db) where the record was made.',
      );
    }
    const issued = store.findRecord(claimed.code);
    if (!issued) throw new UserError(`NOT VALID: ${shown}: this history issued no record with code ${sanitizeLine(claimed.code)}`);
    const attempt = store.attempt(issued.attemptId);
    if (!attempt || attempt.id !== claimed.attemptId) throw new UserError(`NOT VALID: ${shown}: the record names attempt #${claimed.attemptId}, which this history does not hold under that code`);
    const data = rebuild(store, bank, attempt, { name: issued.name, installation, bank: recordBank(store, claimed.code) ?? claimed.bank }, shown);
    const code = verificationCode(data, secret);
    const problems: string[] = [];
    if (claimed.code !== code) problems.push(`the verification code ${sanitizeLine(claimed.code)} does not match the recorded answers`);
    if (claimed.name !== data.name) problems.push(`the name was changed`);
    if (claimed.correct !== data.correct || claimed.total !== data.total) problems.push(`the score says ${claimed.correct}/${claimed.total}; the answers re-marked give ${data.correct}/${data.total}`);
    if (claimed.finishedAt !== data.finishedAt) problems.push(`the date says ${sanitizeLine(claimed.finishedAt)}; the history says ${data.finishedAt}`);
    if (claimed.bank.hash !== data.bank.hash || claimed.bank.shipped !== data.bank.shipped) problems.push('the bank it names was changed');
    if (problems.length === 0) {
      // Module titles are shown, not certified: the page is rebuilt with the titles it carries.
      const expected = recordHtml(withTitles(data, claimed), code);
      if (expected !== html) problems.push(`the visible text was changed (${firstDifference(expected, html)})`);
    }
    if (problems.length > 0) throw new UserError(`NOT VALID: ${shown}: ${problems.join('; ')}`);
    printLine(`VALID: ${shown} is attempt #${attempt.id} of ${sanitizeLine(data.name)}, ${data.finishedAt.slice(0, 10)}, ${data.correct}/${data.total}, code ${code}`);
    printLine(`  It matches this history and this bank (answers re-marked); it cannot prove who sat the exam.`);
  } finally {
    store.close();
  }
}

/** The record file's text, or null when the argument is a code. A path that names nothing says so, rather than being read as a code. */
function readRecordFile(target: string, shown: string): string | null {
  if (!pathExists(target)) {
    if (/[/\\]|\.[A-Za-z]{2,5}$/.test(target)) throw new UserError(`no such file: ${shown}`, 'Check the path, or pass the verification code itself (MRSO-XXXX-…).');
    return null;
  }
  try {
    return readRegularFile(target, MAX_RECORD_BYTES).toString('utf8');
  } catch (error) {
    if (error instanceof UnreadableFile) throw new UserError(`cannot read ${shown}: ${error.message}`, 'Pass the record file (mrso-record-N.html) or its verification code.');
    throw new UserError(`cannot read ${shown} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'Pass the record file (mrso-record-N.html) or its verification code.');
  }
}

function verifyCode(store: HistoryStore, bank: Bank, code: string, secret: string | undefined, installation: string | undefined): void {
  const issued = secret && installation ? store.findRecord(code) : undefined;
  const recorded = issued && recordBank(store, code);
  if (!issued || !recorded || !secret || !installation) {
    throw new UserError(`NOT VALID: ${sanitizeLine(code)} matches no record issued by this history`, 'Check the code, or verify the record file itself: mrso verify FILE');
  }
  const attempt = store.attempt(issued.attemptId);
  if (!attempt) throw new UserError(`NOT VALID: ${code}: its attempt #${issued.attemptId} is no longer in this history`);
  const data = rebuild(store, bank, attempt, { name: issued.name, installation, bank: recorded }, code);
  if (verificationCode(data, secret) !== code) throw new UserError(`NOT VALID: ${code} no longer matches the recorded answers of attempt #${attempt.id}`);
  printLine(`VALID: ${code} is attempt #${attempt.id} of ${sanitizeLine(issued.name)}, ${data.finishedAt.slice(0, 10)}, ${data.correct}/${data.total}`);
  printLine(`  It matches this history and this bank (answers re-marked); it cannot prove who sat the exam.`);
}

/** The record's data as it is now: the history's answers re-marked against the bank; any disagreement is reported. */
function rebuild(store: HistoryStore, bank: Bank, attempt: AttemptRow, facts: { name: string; installation: string; bank: RecordData['bank'] }, shown: string): RecordData {
  const remarked = remark(store, bank, attempt);
  if ('why' in remarked) throw new UserError(`NOT VALID: ${shown}: attempt #${attempt.id}: ${remarked.why}`);
  return recordData(attempt, remarked, bank, facts);
}

function withTitles(data: RecordData, claimed: EmbeddedRecord): RecordData {
  return { ...data, modules: data.modules.map((m) => ({ ...m, title: claimed.titles[String(m.number)] ?? m.title })) };
}

function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const line = a.findIndex((l, i) => l !== b[i]);
  return `line ${line + 1}: "${sanitizeLine((b[line] ?? '').trim().slice(0, 80))}"`;
}
