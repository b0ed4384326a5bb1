import { randomBytes } from 'node:crypto';
import type { Bank } from '../bank/types.js';
import { UserError } from '../errors.js';
import { defaultTimeLimitMinutes } from '../exam/timing.js';
import type { RecordData } from '../report/record.js';
import { disagreements, remarkAttempt, type Remarked } from '../report/remark.js';
import type { AttemptRow, HistoryStore } from '../store/history.js';
import { reviewStoreFor } from './study-context.js';

export const FULL_EXAM_ITEMS = 100;
/** How an attempt on the shipped bank names its bank (bankLabel in context.ts). */
export const SHIPPED_BANK_LABEL = 'questions (shipped)';

/** The per-install secret that keys verification codes, made on first use. */
export function installSecret(store: HistoryStore): string {
  return settingOrNew(store, 'install.secret', () => randomBytes(32).toString('hex'));
}

export function existingSecret(store: HistoryStore): string | undefined {
  return reviewStoreFor(store).getSetting('install.secret');
}

/** This history's public id, printed on each record it issues, so a record checked elsewhere is told apart from a forged one. */
export function installationId(store: HistoryStore): string {
  return settingOrNew(store, 'install.id', () => (randomBytes(8).toString('hex').match(/.{4}/g) ?? []).join('-'));
}

export function existingInstallationId(store: HistoryStore): string | undefined {
  return reviewStoreFor(store).getSetting('install.id');
}

function settingOrNew(store: HistoryStore, key: string, make: () => string): string {
  const settings = reviewStoreFor(store);
  const existing = settings.getSetting(key);
  if (existing) return existing;
  const value = make();
  settings.setSetting(key, value);
  return value;
}

/** The bank a record was issued against, kept by code so `mrso verify CODE` can rebuild it. */
export function rememberRecordBank(store: HistoryStore, code: string, bank: RecordData['bank']): void {
  reviewStoreFor(store).setSetting(`record.${code}.bank`, JSON.stringify(bank));
}

export function recordBank(store: HistoryStore, code: string): RecordData['bank'] | undefined {
  const raw = reviewStoreFor(store).getSetting(`record.${code}.bank`);
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as RecordData['bank'];
    return typeof value.hash === 'string' && typeof value.shipped === 'boolean' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The attempt's answers marked again against the bank, or why that cannot be done or disagrees with the history. */
export function remark(store: HistoryStore, bank: Bank, attempt: AttemptRow): Remarked | { why: string } {
  const items = store.attemptItems(attempt.id);
  const responses = new Map(store.responses(attempt.id).map((r) => [r.position, r]));
  const answers = items.map((i) => ({ position: i.position, itemId: i.itemId, itemHash: i.itemHash, response: responses.get(i.position)?.response ?? null, storedCorrect: responses.get(i.position)?.correct ?? false }));
  const remarked = remarkAttempt(answers, bank.questionsById);
  if ('cannot' in remarked) return { why: `its answers cannot be re-marked: ${remarked.cannot}` };
  const stored = `${attempt.scoreCorrect ?? 0}/${attempt.scoreTotal ?? 0}`;
  if (attempt.scoreCorrect !== remarked.correct || attempt.scoreTotal !== remarked.total || attempt.passed !== remarked.passed) {
    return { why: `its stored score (${stored}) disagrees with its answers re-marked against the bank (${remarked.correct}/${remarked.total}): the history was edited` };
  }
  const changed = disagreements(answers, remarked);
  if (changed.length > 0) return { why: `${changed.length} stored mark(s) disagree with the answers re-marked against the bank (first at position ${changed[0]! + 1}): the history was edited` };
  return remarked;
}

/**
 * Why an attempt cannot have a record, or nothing when it can: only a
 * submitted, timed (default limit or longer), full-blueprint mock exam of at
 * least 100 items on the shipped bank, passed on its answers as re-marked.
 */
export function ineligibility(attempt: AttemptRow, itemCount: number, bankModules: number[]): string | null {
  if (attempt.mode !== 'exam') return 'it was a practice session, not a mock exam';
  if (attempt.status !== 'submitted') return 'it has not been submitted';
  if (itemCount < FULL_EXAM_ITEMS) return `it had ${itemCount} items; a record needs a full mock exam of at least ${FULL_EXAM_ITEMS}`;
  const modules = attempt.params.modules ?? [];
  if (modules.length > 0 && !bankModules.every((m) => modules.includes(m))) return `it covered module(s) ${modules.join(', ')} only; a record needs every module (no --module)`;
  if (attempt.timeLimitS === null) return 'it was untimed (--untimed); a record needs a timed mock exam';
  const defaultMinutes = defaultTimeLimitMinutes(itemCount);
  if (attempt.timeLimitS < defaultMinutes * 60) return `its time limit was ${Math.round(attempt.timeLimitS / 60)} min, under the default ${defaultMinutes} min; a record needs the default limit or longer`;
  if (attempt.params.bank !== SHIPPED_BANK_LABEL) return 'it was taken on a custom bank (--bank); a record needs the bank shipped with mrso';
  return null;
}

/** Everything a record states: the attempt as re-marked, how it was taken, and which bank and installation. */
export function recordData(attempt: AttemptRow, remarked: Remarked, bank: Bank, facts: { name: string; installation: string; bank: RecordData['bank'] }): RecordData {
  const titles = new Map(bank.modules.map((m) => [m.number, m.title]));
  return {
    attemptId: attempt.id,
    name: facts.name,
    installation: facts.installation,
    bank: facts.bank,
    startedAt: attempt.startedAt,
    finishedAt: attempt.finishedAt ?? '',
    timeLimitS: attempt.timeLimitS ?? 0,
    elapsedMs: attempt.elapsedMs,
    correct: remarked.correct,
    total: remarked.total,
    passed: remarked.passed,
    modules: remarked.modules.map((m) => ({ ...m, title: titles.get(m.number) ?? `Module ${m.number}` })),
    answers: remarked.answers,
  };
}

export function requireAttempt(store: HistoryStore, id: number): AttemptRow {
  const attempt = store.attempt(id);
  if (!attempt) throw new UserError(`attempt #${id} is not in this history (${store.path})`, 'List your mock exams with: mrso stats');
  return attempt;
}
