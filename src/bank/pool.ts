import type { Module } from './schema.js';
import type { Bank, BankQuestion } from './types.js';

/** What an exam needs of the bank: enough to draw from it, and the questions it shows. */
export interface QuestionPool {
  modules: Module[];
  /** Every question's id and module, in bank order. */
  entries: readonly { id: string; module: number }[];
  /** Questions in full, undefined for an id not in the bank; from the cache, only these are read and parsed. */
  questions(ids: readonly string[]): (BankQuestion | undefined)[];
}

export function poolOf(bank: Bank): QuestionPool {
  return { modules: bank.modules, entries: bank.questions, questions: (ids) => ids.map((id) => bank.questionsById.get(id)) };
}
