import type { Bank, BankCard, BankIssue, BankQuestion, MockForm } from './types.js';
import type { Module } from './schema.js';

/** A loaded bank without its lookup maps, and all its findings: what the compiled-bank cache stores. */
export interface AssembledBank {
  modules: Module[];
  /** Absent in a bank assembled before forms existed: read as none. */
  forms?: MockForm[];
  questions: BankQuestion[];
  cards: BankCard[];
  issues: BankIssue[];
}

/** Add the id lookups. Kept apart from the loader so a cached bank is used without loading the YAML parser or the schema. */
export function withLookups(b: Omit<AssembledBank, 'issues'>): Bank {
  return {
    modules: b.modules,
    forms: b.forms ?? [],
    questions: b.questions,
    cards: b.cards,
    questionsById: new Map(b.questions.map((q) => [q.id, q])),
    cardsById: new Map(b.cards.map((c) => [c.id, c])),
  };
}
