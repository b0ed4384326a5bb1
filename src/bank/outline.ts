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
   * Per-item counts (`counts[i]` for `ids[i]`) summed by the documents the
   * items cite: each item adds its count once to each document it cites; ids
   * not in the bank add nothing. What `documentsOf` gives one id at a time,
   * for thousands at once. Fastest with `ids` in ascending order (as SQLite
   * sorts text), but right in any order.
   */
  sumByDocument(ids: readonly string[], counts: readonly number[]): Map<string, number>;
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
    sumByDocument: (ids, counts) => {
      const totals = new Map<string, number>();
      for (let i = 0; i < ids.length; i++) {
        const q = bank.questionsById.get(ids[i]!);
        if (q) for (const doc of documentsCited(q.refs)) totals.set(doc, (totals.get(doc) ?? 0) + counts[i]!);
      }
      return totals;
    },
    cardIds: bank.cards.map((c) => c.id),
    drillIds: bank.questions.filter((q) => isDrillType(q.type as string)).map((q) => q.id),
  };
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
  // In ascending order of id (JavaScript's, by UTF-16 unit), for sumByDocument's merge with ids as SQLite sorts them; it checks both orders.
  const questions = [...bank.questions].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const q of questions) {
    for (const doc of documentsCited(q.refs)) {
      let n = numberOf.get(doc);
      if (n === undefined) numberOf.set(doc, (n = docs.push(doc) - 1));
      docIndex.push(n);
    }
    docStart.push(docIndex.length);
  }
  return { modules: bank.modules, forms: bank.forms, issues, questionIds: questions.map((q) => q.id), docStart, docIndex, docs, cardIds: bank.cards.map((c) => c.id), drillIds: bank.questions.filter((q) => isDrillType(q.type as string)).map((q) => q.id) };
}

export function unpackOutline(packed: PackedOutline): { outline: BankOutline; issues: BankIssue[] } {
  // Plain loops: this runs on every `mrso stats`, in code too short-lived to be optimised.
  let positionOf: Map<string, number> | undefined;
  const positions = () => {
    const map = new Map<string, number>();
    for (let i = 0; i < packed.questionIds.length; i++) map.set(packed.questionIds[i]!, i);
    return map;
  };
  const documentsOf = (id: string): string[] | undefined => {
    positionOf ??= positions();
    const i = positionOf.get(id);
    if (i === undefined) return undefined;
    const docs: string[] = [];
    for (let k = packed.docStart[i]!; k < packed.docStart[i + 1]!; k++) docs.push(packed.docs[packed.docIndex[k]!]!);
    return docs;
  };
  const addDocs = (perDoc: Float64Array, cited: Uint8Array, i: number, count: number) => {
    for (let k = packed.docStart[i]!; k < packed.docStart[i + 1]!; k++) {
      perDoc[packed.docIndex[k]!]! += count;
      cited[packed.docIndex[k]!] = 1;
    }
  };
  /*
   * Both lists in ascending order (packOutline sorts the bank's ids): one
   * merge, comparing strings, with no map of ten thousand ids built (hashing
   * them is most of the cost). Should either turn out not to be in order (an
   * outline cached before it was sorted), it starts over by looking each id up.
   */
  const merged = (ids: readonly string[], counts: readonly number[], perDoc: Float64Array, cited: Uint8Array): boolean => {
    const q = packed.questionIds;
    for (let j = 1; j < ids.length; j++) if (!(ids[j - 1]! < ids[j]!)) return false;
    let j = 0;
    // To the end of the bank's ids even once every id is placed: an id passed over is absent only if all of them are in order.
    for (let i = 0; i < q.length; i++) {
      const id = q[i]!;
      if (i > 0 && !(q[i - 1]! < id)) return false;
      while (j < ids.length && ids[j]! < id) j++;
      if (j < ids.length && ids[j] === id) {
        addDocs(perDoc, cited, i, counts[j]!);
        j++;
      }
    }
    return true;
  };
  const sumByDocument = (ids: readonly string[], counts: readonly number[]): Map<string, number> => {
    let perDoc = new Float64Array(packed.docs.length);
    let cited = new Uint8Array(packed.docs.length);
    if (ids.length > 0 && !merged(ids, counts, perDoc, cited)) {
      perDoc = new Float64Array(packed.docs.length);
      cited = new Uint8Array(packed.docs.length);
      positionOf ??= positions();
      for (let j = 0; j < ids.length; j++) {
        const i = positionOf.get(ids[j]!);
        if (i !== undefined) addDocs(perDoc, cited, i, counts[j]!);
      }
    }
    const totals = new Map<string, number>();
    for (let d = 0; d < perDoc.length; d++) if (cited[d]) totals.set(packed.docs[d]!, perDoc[d]!);
    return totals;
  };
  return { outline: { modules: packed.modules, forms: packed.forms ?? [], questionCount: packed.questionIds.length, documentsOf, sumByDocument, cardIds: packed.cardIds, drillIds: packed.drillIds ?? [] }, issues: packed.issues };
}
