import type { Module } from './schema.js';
import type { Bank, BankIssue } from './types.js';

/**
 * What the reports need of a bank: its modules, each question's refs and the
 * card ids. `mrso stats` reads this instead of the whole bank, so its start-up
 * does not grow with the length of stems and explanations.
 */
export interface BankOutline {
  modules: Module[];
  questionCount: number;
  refsOf(questionId: string): string[] | undefined;
  cardIds: string[];
}

export function outlineOf(bank: Bank): BankOutline {
  return {
    modules: bank.modules,
    questionCount: bank.questions.length,
    refsOf: (id) => bank.questionsById.get(id)?.refs,
    cardIds: bank.cards.map((c) => c.id),
  };
}

/**
 * The outline as cached. Refs are stored once each and pointed at by number,
 * in flat arrays: JSON.parse reads arrays of strings and numbers many times
 * faster than ten thousand small objects or arrays.
 */
export interface PackedOutline {
  modules: Module[];
  issues: BankIssue[];
  questionIds: string[];
  /** Question i's refs are refs[refIndex[refStart[i]]] … refs[refIndex[refStart[i + 1] - 1]]. */
  refStart: number[];
  refIndex: number[];
  refs: string[];
  cardIds: string[];
}

export function packOutline(bank: Bank, issues: BankIssue[]): PackedOutline {
  const refs: string[] = [];
  const numberOf = new Map<string, number>();
  const refStart: number[] = [0];
  const refIndex: number[] = [];
  for (const q of bank.questions) {
    for (const ref of q.refs) {
      let n = numberOf.get(ref);
      if (n === undefined) numberOf.set(ref, (n = refs.push(ref) - 1));
      refIndex.push(n);
    }
    refStart.push(refIndex.length);
  }
  return { modules: bank.modules, issues, questionIds: bank.questions.map((q) => q.id), refStart, refIndex, refs, cardIds: bank.cards.map((c) => c.id) };
}

export function unpackOutline(packed: PackedOutline): { outline: BankOutline; issues: BankIssue[] } {
  // Plain loops: this runs once per missed item on every `mrso stats`, in code too short-lived to be optimised.
  let positionOf: Map<string, number> | undefined;
  const refsOf = (id: string): string[] | undefined => {
    if (!positionOf) {
      positionOf = new Map();
      for (let i = 0; i < packed.questionIds.length; i++) positionOf.set(packed.questionIds[i]!, i);
    }
    const i = positionOf.get(id);
    if (i === undefined) return undefined;
    const refs: string[] = [];
    for (let k = packed.refStart[i]!; k < packed.refStart[i + 1]!; k++) refs.push(packed.refs[packed.refIndex[k]!]!);
    return refs;
  };
  return { outline: { modules: packed.modules, questionCount: packed.questionIds.length, refsOf, cardIds: packed.cardIds }, issues: packed.issues };
}
