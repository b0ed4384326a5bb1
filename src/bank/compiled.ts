import type { AssembledBank } from './lookups.js';
import { positionsByModule, selectAllKeysOf, type QuestionPool } from './pool.js';
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
 *
 * Every line starts with the MAC of its JSON and its place (the header, the
 * question at position i, the cards), made by the cache with a key of its
 * own (see bank-source/cache.ts), and nothing is parsed before its MAC is
 * checked: an exam checks only the header and the lines it draws. The header
 * also carries the MAC of everything after it, so that a reader of the whole
 * bank checks it in one pass.
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
  /** The keyed letters of each select-all question, by id: item analysis reads wrong answers with them, no question parsed. */
  selectAllKeys: Record<string, string[]>;
  cardsLength: number;
  /** The MAC of every line after the header. */
  body: string;
}

const FORMAT = 'compiled-bank-6';

/**
 * The MAC of one part of an entry ('header', 'question <i>', 'cards',
 * 'body') and its bytes, as MAC_LENGTH hex digits. The cache binds it to its
 * secret key and to the bank bytes the entry was compiled from.
 */
export type PartMac = (part: string, bytes: Uint8Array) => string;
const MAC_LENGTH = 64;

/** One line: the part's MAC, a space, its JSON, a newline. */
function sealedLine(mac: PartMac, part: string, json: string): Buffer {
  const bytes = Buffer.from(json);
  return Buffer.concat([Buffer.from(`${mac(part, bytes)} `), bytes, Buffer.from('\n')]);
}

/**
 * The JSON of a line written by sealedLine, once its MAC is checked (`checked`:
 * already covered by the body's MAC). A line that fails is a damaged entry.
 */
function openLine(mac: PartMac, part: string, line: Uint8Array, checked = false): string {
  const bytes = Buffer.from(line.buffer, line.byteOffset, line.byteLength);
  const named = part.startsWith('question') ? part : `the ${part}`;
  if (bytes.length < MAC_LENGTH + 2 || bytes[MAC_LENGTH] !== 0x20 || bytes.at(-1) !== 0x0a) throw new DamagedCompiledBank(`${named} has no MAC`);
  const json = bytes.subarray(MAC_LENGTH + 1, -1);
  // A plain comparison: a local cache offers no timing oracle worth a constant-time one, and a failure drops the entry.
  if (!checked && mac(part, json) !== bytes.toString('latin1', 0, MAC_LENGTH)) throw new DamagedCompiledBank(`${named} failed its check`);
  return json.toString('utf8');
}

export function encodeCompiledBank(bank: AssembledBank, mac: PartMac): Buffer {
  const bodies = bank.questions.map((q, i) => sealedLine(mac, `question ${i}`, JSON.stringify(q)));
  const cards = sealedLine(mac, 'cards', JSON.stringify(bank.cards));
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
    selectAllKeys: selectAllKeysOf(bank.questions),
    cardsLength: cards.length,
    body: mac('body', Buffer.concat([...bodies, cards])),
  };
  return Buffer.concat([sealedLine(mac, 'header', JSON.stringify(header)), ...bodies, cards]);
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
  /** The bytes before the first newline (undefined if there is none); `whole`: read from a file already found whole. */
  firstLine(): { bytes: Buffer | undefined; whole: boolean };
  /** The bytes at each [start, length]. */
  read(ranges: readonly (readonly [number, number])[]): { parts: Buffer[]; whole: boolean };
  /** Whether the entry is worth checking whole now (not found whole yet, and left alone long enough to be remembered so). */
  worthCheckingWhole(): boolean;
  /** Every part read so far has been checked, the body at once: remember the file as found whole. */
  foundWhole(): void;
}

/**
 * Read an entry written by `encodeCompiledBank` with the same `mac`. One that
 * is not (another key, another format, cut short, edited) throws
 * DamagedCompiledBank: now for the header, when read for a question.
 */
export function decodeCompiledBank(entry: EntryReader, mac: PartMac): CompiledBank {
  const { bytes: line, whole: headerWhole } = entry.firstLine();
  if (!line) throw new DamagedCompiledBank('the header has no end');
  let header: Header;
  try {
    header = JSON.parse(openLine(mac, 'header', Buffer.concat([line, Buffer.from('\n')]), headerWhole)) as Header;
  } catch (error) {
    if (error instanceof DamagedCompiledBank) throw error;
    throw new DamagedCompiledBank('the header is not JSON');
  }
  if (!isHeader(header)) throw new DamagedCompiledBank('the header is not in the shape written');
  const bodyStart = line.length + 1;
  const count = header.ids.length;
  const cardsStart = bodyStart + header.offsets[count]!;
  if (cardsStart + header.cardsLength !== entry.size) throw new DamagedCompiledBank('the entry is not the length its header says'); // cut short, or something appended
  /** Question i's bytes as [start, length] in the entry. */
  const rangeOf = (i: number): [number, number] => {
    const [from, to] = [header.offsets[i], header.offsets[i + 1]];
    if (!Number.isInteger(from) || !Number.isInteger(to) || from! < 0 || to! <= from! || to! > header.offsets[count]!) {
      throw new DamagedCompiledBank(`question ${i} has no place in the entry`);
    }
    return [bodyStart + from!, to! - from!];
  };

  const parse = (i: number, bytes: Buffer, checked = false): BankQuestion => {
    const text = openLine(mac, `question ${i}`, bytes, checked);
    let question: BankQuestion;
    try {
      question = JSON.parse(text) as BankQuestion;
    } catch {
      throw new DamagedCompiledBank(`question ${i} is not JSON`);
    }
    // A flipped byte must never show one question under another's id (or with another key): check what came back.
    if (question?.id !== header.ids[i] || question.module !== header.moduleOf[i]) throw new DamagedCompiledBank(`question ${i} is not ${header.ids[i]}`);
    return question;
  };
  const parseCards = (bytes: Buffer, checked: boolean): BankCard[] => {
    const text = openLine(mac, 'cards', bytes, checked);
    try {
      const cards = JSON.parse(text) as unknown;
      if (Array.isArray(cards)) return cards as BankCard[];
    } catch {
      // reported below
    }
    throw new DamagedCompiledBank('the cards are not a JSON list');
  };
  /** Everything after the header in one read, checked by one MAC over every line (a tenth of the time of one per line). */
  const checkedBody = (): Buffer => {
    const { parts, whole } = entry.read([[bodyStart, entry.size - bodyStart]]);
    if (!whole && mac('body', parts[0]!) !== header.body) throw new DamagedCompiledBank('the questions and cards failed their check');
    entry.foundWhole();
    return parts[0]!;
  };
  return {
    issues: header.issues,
    assembled: () => {
      const body = checkedBody();
      // Sliced (no copy) per question.
      const slice = (start: number, length: number) => body.subarray(start - bodyStart, start - bodyStart + length);
      const questions = header.ids.map((_, i) => parse(i, slice(...rangeOf(i)), true));
      return { modules: header.modules, forms: header.forms, cards: parseCards(slice(cardsStart, header.cardsLength), true), issues: header.issues, questions };
    },
    cards: () => {
      const { parts, whole } = entry.read([[cardsStart, header.cardsLength]]);
      return parseCards(parts[0]!, whole);
    },
    pool: () => {
      // Checked whole once after it settles, an entry is then used with no MAC checked at all, until its file changes.
      if (entry.worthCheckingWhole()) checkedBody();
      const questionsAt = (positions: readonly number[]) => {
        const { parts, whole } = entry.read(positions.map(rangeOf));
        return positions.map((p, k) => parse(p, parts[k]!, whole));
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
        selectAllKey: (id) => {
          const key = Object.hasOwn(header.selectAllKeys, id) ? header.selectAllKeys[id] : undefined;
          return Array.isArray(key) ? key : undefined;
        },
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
    typeof h.body === 'string' &&
    [h.modules, h.forms, h.issues, h.ids, h.moduleOf, h.offsets].every(Array.isArray) &&
    Number.isInteger(h.cardsLength) &&
    h.offsets!.length === h.ids!.length + 1 &&
    h.ids!.length === h.moduleOf!.length &&
    h.offsets![0] === 0 &&
    typeof h.byModule === 'object' &&
    h.byModule !== null &&
    typeof h.selectAllKeys === 'object' &&
    h.selectAllKeys !== null &&
    Number.isInteger(h.offsets!.at(-1))
  );
}
