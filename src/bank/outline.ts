import type { Module } from './schema.js';
import type { Bank, BankIssue, MockForm } from './types.js';

/**
 * What the reports need of a bank: its modules, the documents each question
 * cites and the card ids. `mrso stats` reads this instead of the whole bank, so
 * its start-up does not grow with the length of stems and explanations.
 */
export interface BankOutline {
  modules: Module[];
  /** The held-out mock forms (empty without forms.yaml). */
  forms: MockForm[];
  questionCount: number;
  /** The documents a question cites, each once (see documentsCited); undefined for an id not in the bank. */
  documentsOf(questionId: string): string[] | undefined;
  /**
   * Per-item counts summed by the documents the items cite (each item adding
   * its count once to each document it cites; ids not in the bank add
   * nothing): what `documentsOf` gives one id at a time, for thousands at once.
   */
  sumByDocument(countOf: ReadonlyMap<string, number>): Map<string, number>;
  cardIds: string[];
  /** Drill items (numeric): they count toward topic reports, never toward readiness or a form. */
  drillIds: string[];
}

/** A question's type as a string: drill types arrive in the bank format over time. */
const isDrillType = (type: string) => type === 'numeric';

/** A ref names its document before any " — section": "ACR Manual on MR Safety (2024) — zones". */
export function documentOf(ref: string): string {
  return ref.split(' — ')[0]!.trim();
}

/** The documents cited by a list of refs, each once, in order of first citation. */
export function documentsCited(refs: readonly string[]): string[] {
  return [...new Set(refs.map(documentOf))];
}

export function outlineOf(bank: Bank): BankOutline {
  return {
    modules: bank.modules,
    forms: bank.forms,
    questionCount: bank.questions.length,
    documentsOf: (id) => {
      const q = bank.questionsById.get(id);
      return q && documentsCited(q.refs);
    },
    sumByDocument: (countOf) => sumByDocument(countOf, (id) => {
      const q = bank.questionsById.get(id);
      return q && documentsCited(q.refs);
    }),
    cardIds: bank.cards.map((c) => c.id),
    drillIds: bank.questions.filter((q) => isDrillType(q.type as string)).map((q) => q.id),
  };
}

function sumByDocument(countOf: ReadonlyMap<string, number>, documentsOf: (id: string) => string[] | undefined): Map<string, number> {
  const totals = new Map<string, number>();
  for (const [id, count] of countOf) {
    const docs = documentsOf(id);
    if (docs) for (const doc of docs) totals.set(doc, (totals.get(doc) ?? 0) + count);
  }
  return totals;
}

/**
 * The outline as cached. Documents are stored once each and pointed at by
 * number, in flat arrays: JSON.parse reads arrays of strings and numbers many
 * times faster than ten thousand small objects or arrays.
 */
export interface PackedOutline {
  modules: Module[];
  forms?: MockForm[];
  issues: BankIssue[];
  questionIds: string[];
  /** Question i cites docs[docIndex[docStart[i]]] … docs[docIndex[docStart[i + 1] - 1]]. */
  docStart: number[];
  docIndex: number[];
  docs: string[];
  cardIds: string[];
  drillIds?: string[];
}

export function packOutline(bank: Bank, issues: BankIssue[]): PackedOutline {
  const docs: string[] = [];
  const numberOf = new Map<string, number>();
  const docStart: number[] = [0];
  const docIndex: number[] = [];
  for (const q of bank.questions) {
    for (const doc of documentsCited(q.refs)) {
      let n = numberOf.get(doc);
      if (n === undefined) numberOf.set(doc, (n = docs.push(doc) - 1));
      docIndex.push(n);
    }
    docStart.push(docIndex.length);
  }
  return { modules: bank.modules, forms: bank.forms, issues, questionIds: bank.questions.map((q) => q.id), docStart, docIndex, docs, cardIds: bank.cards.map((c) => c.id), drillIds: bank.questions.filter((q) => isDrillType(q.type as string)).map((q) => q.id) };
}

export function unpackOutline(packed: PackedOutline): { outline: BankOutline; issues: BankIssue[] } {
  // Plain loops: this runs once per missed item on every `mrso stats`, in code too short-lived to be optimised.
  let positionOf: Map<string, number> | undefined;
  const documentsOf = (id: string): string[] | undefined => {
    if (!positionOf) {
      positionOf = new Map();
      for (let i = 0; i < packed.questionIds.length; i++) positionOf.set(packed.questionIds[i]!, i);
    }
    const i = positionOf.get(id);
    if (i === undefined) return undefined;
    const docs: string[] = [];
    for (let k = packed.docStart[i]!; k < packed.docStart[i + 1]!; k++) docs.push(packed.docs[packed.docIndex[k]!]!);
    return docs;
  };
  // One pass over the bank's ids, looking each up among the counted ones: no map of every id built (most are not asked about).
  const sumByDocument = (countOf: ReadonlyMap<string, number>): Map<string, number> => {
    const perDoc = new Float64Array(packed.docs.length);
    const cited = new Uint8Array(packed.docs.length);
    if (countOf.size > 0) {
      for (let i = 0; i < packed.questionIds.length; i++) {
        const count = countOf.get(packed.questionIds[i]!);
        if (count === undefined) continue;
        for (let k = packed.docStart[i]!; k < packed.docStart[i + 1]!; k++) {
          perDoc[packed.docIndex[k]!]! += count;
          cited[packed.docIndex[k]!] = 1;
        }
      }
    }
    const totals = new Map<string, number>();
    for (let d = 0; d < perDoc.length; d++) if (cited[d]) totals.set(packed.docs[d]!, perDoc[d]!);
    return totals;
  };
  return { outline: { modules: packed.modules, forms: packed.forms ?? [], questionCount: packed.questionIds.length, documentsOf, sumByDocument, cardIds: packed.cardIds, drillIds: packed.drillIds ?? [] }, issues: packed.issues };
}
