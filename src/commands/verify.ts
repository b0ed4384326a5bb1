import { existsSync, readFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import { normaliseCode, readEmbedded, recordHtml, verificationCode } from '../report/record.js';
import { openHistory, printLine, type GlobalOptions } from './context.js';
import { loadUsableBank } from './load-bank.js';
import { existingSecret, recordData, requireAttempt } from './record-data.js';

/** `mrso verify FILE|CODE`: check a completion record against the local history. */
export async function verifyCommand(target: string, globals: GlobalOptions): Promise<void> {
  const bank = await loadUsableBank(globals);
  const store = openHistory(globals, { readonly: true });
  try {
    const secret = existingSecret(store);
    if (!secret) throw new UserError('this history has issued no completion records', 'Verify on the computer (and with the --db) where the record was made.');

    if (!existsSync(target)) {
      const code = normaliseCode(target);
      const issued = store.findRecord(code);
      if (issued) {
        const attempt = requireAttempt(store, issued.attemptId);
        // Recomputed from the answers as they are now: an edited history no longer matches.
        if (verificationCode(recordData(store, bank, attempt, issued.name), secret) === code) {
          printLine(`VALID: ${code} is attempt #${attempt.id} of ${issued.name}, ${attempt.finishedAt?.slice(0, 10)}, ${attempt.scoreCorrect}/${attempt.scoreTotal}`);
          return;
        }
      }
      throw new UserError(`NOT VALID: ${code} matches no mock exam in this history`, 'Check the code, or verify the record file itself: mrso verify FILE');
    }

    const html = readFileSync(target, 'utf8');
    const claimed = readEmbedded(html);
    if (!claimed) throw new UserError(`NOT VALID: ${target} is not an mrso completion record (no record data inside)`);
    const attempt = requireAttempt(store, claimed.attemptId);
    const data = recordData(store, bank, attempt, claimed.name);
    const code = verificationCode(data, secret);
    const problems: string[] = [];
    if (claimed.code !== code) problems.push(`the verification code ${claimed.code} does not match the recorded answers`);
    if (claimed.correct !== data.correct || claimed.total !== data.total) problems.push(`the score says ${claimed.correct}/${claimed.total}; the history says ${data.correct}/${data.total}`);
    if (claimed.finishedAt !== data.finishedAt) problems.push(`the date says ${claimed.finishedAt}; the history says ${data.finishedAt}`);
    if (problems.length === 0 && recordHtml(data, code) !== html) problems.push(`the visible text was changed (${firstDifference(recordHtml(data, code), html)})`);
    if (problems.length > 0) throw new UserError(`NOT VALID: ${target}: ${problems.join('; ')}`);
    printLine(`VALID: ${target} is attempt #${attempt.id} of ${claimed.name}, ${data.finishedAt.slice(0, 10)}, ${data.correct}/${data.total}, code ${code}`);
  } finally {
    store.close();
  }
}

function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const line = a.findIndex((l, i) => l !== b[i]);
  return `line ${line + 1}: "${(b[line] ?? '').trim().slice(0, 80)}"`;
}
