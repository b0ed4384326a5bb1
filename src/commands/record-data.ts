import { randomBytes } from 'node:crypto';
import type { Bank } from '../bank/types.js';
import { UserError } from '../errors.js';
import type { RecordData } from '../report/record.js';
import type { AttemptRow, HistoryStore } from '../store/history.js';
import { reviewStoreFor } from './study-context.js';

export const FULL_EXAM_ITEMS = 100;

/** The per-install secret that keys verification codes, made on first use. */
export function installSecret(store: HistoryStore): string {
  const settings = reviewStoreFor(store);
  const existing = settings.getSetting('install.secret');
  if (existing) return existing;
  const secret = randomBytes(32).toString('hex');
  settings.setSetting('install.secret', secret);
  return secret;
}

export function existingSecret(store: HistoryStore): string | undefined {
  return reviewStoreFor(store).getSetting('install.secret');
}

/** Everything a record states, read back from the recorded attempt. */
export function recordData(store: HistoryStore, bank: Bank, attempt: AttemptRow, name: string): RecordData {
  const items = store.attemptItems(attempt.id);
  const responses = new Map(store.responses(attempt.id).map((r) => [r.position, r]));
  const modules = bank.modules
    .map((m) => {
      const own = items.filter((i) => (responses.get(i.position)?.module ?? bank.questionsById.get(i.itemId)?.module) === m.number);
      return { number: m.number, title: m.title, correct: own.filter((i) => responses.get(i.position)?.correct).length, total: own.length };
    })
    .filter((m) => m.total > 0);
  return {
    attemptId: attempt.id,
    name,
    startedAt: attempt.startedAt,
    finishedAt: attempt.finishedAt ?? '',
    correct: attempt.scoreCorrect ?? 0,
    total: attempt.scoreTotal ?? items.length,
    passed: attempt.passed ?? false,
    modules,
    answers: items.map((i) => {
      const r = responses.get(i.position);
      return { position: i.position, itemId: i.itemId, itemHash: i.itemHash, response: r?.response === null || r === undefined ? null : JSON.stringify(r.response), correct: r?.correct ?? false };
    }),
  };
}

/** Why an attempt cannot have a record, or nothing when it can. */
export function ineligibility(attempt: AttemptRow): string | null {
  if (attempt.mode !== 'exam') return 'it was a practice session, not a mock exam';
  if (attempt.status !== 'submitted') return 'it has not been submitted';
  if ((attempt.scoreTotal ?? 0) < FULL_EXAM_ITEMS) return `it had ${attempt.scoreTotal} items; a record needs a full mock exam of at least ${FULL_EXAM_ITEMS}`;
  if (!attempt.passed) return `it scored ${attempt.scoreCorrect}/${attempt.scoreTotal}, below the 70% pass mark`;
  return null;
}

export function requireAttempt(store: HistoryStore, id: number): AttemptRow {
  const attempt = store.attempt(id);
  if (!attempt) throw new UserError(`attempt #${id} is not in this history (${store.path})`, 'List your mock exams with: mrso stats');
  return attempt;
}
