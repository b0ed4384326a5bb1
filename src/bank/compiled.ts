import type { AssembledBank } from './lookups.js';
import { positionsByModule, type QuestionPool } from './pool.js';
import type { Module } from './schema.js';
import type { BankCard, BankIssue, BankQuestion, MockForm } from './types.js';

/**
 * The compiled bank as the cache stores it: one JSON header line (modules,
 * findings, each question's id, module and where its text starts, and each
 * module's question positions), each question's JSON on its own line, then
 * the cards on one line. An exam parses the header and only the questions it
 * shows: a tenth of the work of parsing the whole bank. Nothing loops over
 * every question before the draw (a loop of 10,000 steps costs ~3 ms while
 * the code is cold): offsets are checked when their question is read, and
 * the draw checks the module of each position it visits.
 */
interface Header {
  format: typeof FORMAT;
  modules: Module[];
  forms: MockForm[];
  issues: BankIssue[];
  ids: string[];
  moduleOf: number[];
  /** Where each question starts, from the end of the header line; one more entry, where the cards start. */
  offsets: number[];
  /** Each module's question positions, so that the draw need not go through every question. */
  byModule: Record<string, number[]>;
  cardsLength: number;
}

const FORMAT = 'compiled-bank-4';

export function encodeCompiledBank(bank: AssembledBank): Buffer {
  const bodies = bank.questions.map((q) => Buffer.from(`${JSON.stringify(q)}\n`));
  const cards = Buffer.from(`${JSON.stringify(bank.cards)}\n`);
  const offsets = [0];
  for (const body of bodies) offsets.push(offsets.at(-1)! + body.length);
  const header: Header = {
    format: FORMAT,
    modules: bank.modules,
    forms: bank.forms ?? [],
    issues: bank.issues,
    ids: bank.questions.map((q) => q.id),
    moduleOf: bank.questions.map((q) => q.module),
    offsets,
    byModule: Object.fromEntries(positionsByModule(bank.questions.map((q) => q.module))),
    cardsLength: cards.length,
  };
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), ...bodies, cards]);
}

/** A cache entry that does not hold what its header says: the caller drops it and compiles afresh. */
export class DamagedCompiledBank extends Error {}

export interface CompiledBank {
  issues: BankIssue[];
  /** Everything, every question parsed. */
  assembled(): AssembledBank;
  /** The modules and each question's id and module now; a question's text only when asked for. */
  pool(): QuestionPool;
  /** The flashcards alone (their line of the entry), no question read. */
  cards(): BankCard[];
}

/** Reads of one stored entry, so that a caller reads only the parts it needs. */
export interface EntryReader {
  size: number;
  /** The bytes before the first newline, or undefined if there is none. */
  firstLine(): Buffer | undefined;
  /** The bytes at each [start, length]. */
  read(ranges: readonly (readonly [number, number])[]): Buffer[];
}

/** Read an entry written by `encodeCompiledBank`; undefined if it is not one (another format, cut short, not JSON). */
export function decodeCompiledBank(entry: EntryReader): CompiledBank | undefined {
  const line = entry.firstLine();
  if (!line) return undefined;
  let header: Header;
  try {
    header = JSON.parse(line.toString('utf8')) as Header;
  } catch {
    return undefined;
  }
  if (!isHeader(header)) return undefined;
  const bodyStart = line.length + 1;
  const count = header.ids.length;
  const cardsStart = bodyStart + header.offsets[count]!;
  if (cardsStart + header.cardsLength !== entry.size) return undefined; // cut short, or something appended
  /** Question i's bytes as [start, length] in the entry. */
  const rangeOf = (i: number): [number, number] => {
    const [from, to] = [header.offsets[i], header.offsets[i + 1]];
    if (!Number.isInteger(from) || !Number.isInteger(to) || from! < 0 || to! <= from! || to! > header.offsets[count]!) {
      throw new DamagedCompiledBank(`question ${i} has no place in the entry`);
    }
    return [bodyStart + from!, to! - from!];
  };

  const parse = (i: number, bytes: Buffer): BankQuestion => {
    let question: BankQuestion;
    try {
      question = JSON.parse(bytes.toString('utf8')) as BankQuestion;
    } catch {
      throw new DamagedCompiledBank(`question ${i} is not JSON`);
    }
    // A flipped byte must never show one question under another's id (or with another key): check what came back.
    if (question?.id !== header.ids[i] || question.module !== header.moduleOf[i]) throw new DamagedCompiledBank(`question ${i} is not ${header.ids[i]}`);
    return question;
  };
  const parseCards = (bytes: Buffer): BankCard[] => {
    try {
      const cards = JSON.parse(bytes.toString('utf8')) as unknown;
      if (Array.isArray(cards)) return cards as BankCard[];
    } catch {
      // reported below
    }
    throw new DamagedCompiledBank('the cards are not a JSON list');
  };
  return {
    issues: header.issues,
    assembled: () => {
      // Everything after the header in one read, then sliced (no copy) per question.
      const [body] = entry.read([[bodyStart, entry.size - bodyStart]]);
      const slice = (start: number, length: number) => body!.subarray(start - bodyStart, start - bodyStart + length);
      const questions = header.ids.map((_, i) => parse(i, slice(...rangeOf(i))));
      return { modules: header.modules, forms: header.forms, cards: parseCards(slice(cardsStart, header.cardsLength)), issues: header.issues, questions };
    },
    cards: () => parseCards(entry.read([[cardsStart, header.cardsLength]])[0]!),
    pool: () => {
      const questionsAt = (positions: readonly number[]) => {
        const parts = entry.read(positions.map(rangeOf));
        return positions.map((p, k) => parse(p, parts[k]!));
      };
      return {
        modules: header.modules,
        forms: header.forms,
        size: count,
        positionsOf: (module) => {
          const list = header.byModule[String(module)];
          return Array.isArray(list) ? list : [];
        },
        idAt: (position) => header.ids[position],
        moduleAt: (position) => header.moduleOf[position],
        questionsAt,
        questions: (ids) => {
          // One pass over the bank's ids against the few wanted: a map of every id costs ~6× more, cold.
          const positions = new Map<string, number[]>();
          ids.forEach((id, k) => positions.set(id, [...(positions.get(id) ?? []), k]));
          const wanted: (number | undefined)[] = ids.map(() => undefined);
          header.ids.forEach((id, i) => positions.get(id)?.forEach((k) => (wanted[k] = i)));
          const found = wanted.filter((i): i is number => i !== undefined);
          const parsed = new Map(questionsAt(found).map((q, k) => [found[k]!, q]));
          return wanted.map((i) => (i === undefined ? undefined : parsed.get(i)));
        },
      };
    },
  };
}

function isHeader(value: unknown): value is Header {
  if (typeof value !== 'object' || value === null) return false;
  const h = value as Partial<Header>;
  return (
    h.format === FORMAT &&
    [h.modules, h.forms, h.issues, h.ids, h.moduleOf, h.offsets].every(Array.isArray) &&
    Number.isInteger(h.cardsLength) &&
    h.offsets!.length === h.ids!.length + 1 &&
    h.ids!.length === h.moduleOf!.length &&
    h.offsets![0] === 0 &&
    typeof h.byModule === 'object' &&
    h.byModule !== null &&
    Number.isInteger(h.offsets!.at(-1))
  );
}
