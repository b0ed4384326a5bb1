import { createHash } from 'node:crypto';
import type { Response } from '../bank/schema.js';
import type { BankQuestion } from '../bank/types.js';
import { isCorrect } from '../exam/session.js';
import { PASS_MARK } from '../exam/score.js';

/** One drawn item of an attempt, with the answer recorded for it (null: not answered). */
export interface RecordedAnswer {
  position: number;
  itemId: string;
  itemHash: string;
  response: Response | null;
  /** The mark stored when the answer was given. */
  storedCorrect: boolean;
}

export interface Remarked {
  correct: number;
  total: number;
  passed: boolean;
  modules: { number: number; correct: number; total: number }[];
  answers: { position: number; itemId: string; itemHash: string; response: string | null; correct: boolean }[];
}

/**
 * Mark every recorded answer again against the bank item with the recorded
 * content hash (or one the item lists as superseded by a rewording), so a
 * record states what the answers earn, not what a score column says. Returns
 * why it cannot when an item is missing from the bank or has changed since
 * (its hash differs): such an attempt cannot be re-marked.
 */
export function remarkAttempt(answers: RecordedAnswer[], questionsById: ReadonlyMap<string, BankQuestion>): Remarked | { cannot: string } {
  const byModule = new Map<number, { correct: number; total: number }>();
  const marked: Remarked['answers'] = [];
  let correct = 0;
  for (const a of [...answers].sort((x, y) => x.position - y.position)) {
    const question = questionsById.get(a.itemId);
    if (!question) return { cannot: `item ${a.itemId} (position ${a.position + 1}) is not in this bank` };
    // An older hash the bank lists as the same item in other words (`supersedes`) re-marks as the item now stands.
    if (question.hash !== a.itemHash && !question.supersedes?.includes(a.itemHash)) {
      return { cannot: `item ${a.itemId} has changed in this bank since it was answered (content hash ${a.itemHash}, now ${question.hash})` };
    }
    const right = isCorrect(question, a.response);
    if (right) correct++;
    const m = byModule.get(question.module) ?? { correct: 0, total: 0 };
    m.total++;
    if (right) m.correct++;
    byModule.set(question.module, m);
    marked.push({ position: a.position, itemId: a.itemId, itemHash: a.itemHash, response: a.response === null ? null : JSON.stringify(a.response), correct: right });
  }
  const total = marked.length;
  return {
    correct,
    total,
    passed: total > 0 && correct / total >= PASS_MARK,
    modules: [...byModule].sort(([a], [b]) => a - b).map(([number, m]) => ({ number, ...m })),
    answers: marked,
  };
}

/** Positions whose stored mark differs from the re-marked one (an edited history). */
export function disagreements(answers: RecordedAnswer[], remarked: Remarked): number[] {
  const stored = new Map(answers.map((a) => [a.position, a.storedCorrect]));
  return remarked.answers.filter((a) => stored.get(a.position) !== a.correct).map((a) => a.position);
}

/** A bank's content hash: SHA-256 over every question's id and content hash, in id order (the record names its bank by it). */
export function bankContentHash(questions: readonly BankQuestion[]): string {
  const lines = questions.map((q) => `${q.id}\t${q.hash}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}
