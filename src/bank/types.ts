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

/** A fixed held-out mock exam (questions/forms.yaml): its items are never drawn by practice until it is taken. */
export interface MockForm {
  number: number;
  /** Item ids in the order the form shows them. */
  items: string[];
}

export interface Bank {
  modules: Module[];
  /** Held-out mock forms; empty for a bank without forms.yaml. */
  forms: MockForm[];
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
