import type { Domain } from './domains.js';
import type { Card, Module, Question } from './schema.js';

/** One YAML file of the bank as read from disk, before parsing. */
export interface BankFile {
  path: string;
  text: string;
}

/** A question as the app uses it: the YAML item plus where it lives. */
export type BankQuestion = Question & {
  module: number;
  domain: Domain;
  file: string;
  line: number;
  col: number;
  /** Short hash of the item's content, so history can tell an edited item apart. */
  hash: string;
};

export type BankCard = Card & { module: number; domain: Domain; file: string; line: number; col: number };

export interface Bank {
  modules: Module[];
  questions: BankQuestion[];
  cards: BankCard[];
  questionsById: Map<string, BankQuestion>;
  cardsById: Map<string, BankCard>;
}

export interface BankIssue {
  severity: 'error' | 'warning';
  file: string;
  line: number;
  col: number;
  id?: string;
  message: string;
}
