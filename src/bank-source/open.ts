import { resolve } from 'node:path';
import { withLookups } from '../bank/lookups.js';
import { DamagedCompiledBank } from '../bank/compiled.js';
import { poolOf, type QuestionPool } from '../bank/pool.js';
import type { Module } from '../bank/schema.js';
import type { Bank, BankCard, BankIssue } from '../bank/types.js';
import { outlineOf, packOutline, unpackOutline, type BankOutline } from '../bank/outline.js';
import { BankCacheDamaged } from '../errors.js';
import { shippedBankDir } from '../files/paths.js';
import { bankCodeId, version } from '../version.js';
import { diskBankCache, noBankCache, type BankCache } from './cache.js';
import { embeddedBankFiles } from './embedded.js';
import { bankDirSignature, displayPath, inBankFolder, readBankDir, type BankSource } from './folder.js';
import { hasSettled } from './signature.js';

/*
 * The one door to the question bank. A command asks for what it needs
 * (`openBank(dir, 'pool')`) and gets one shape back: that content, every
 * finding, and where it came from. Behind the door: locating the files (a
 * folder, the shipped one, or the standalone executable's embedded copy),
 * the compiled-bank cache keyed by the files' bytes (known by the folder's
 * signature once settled, else by hashing every byte), and a fresh parse
 * and check when nothing is cached. It knows nothing of the command line.
 */

/** What a caller can ask for: the whole bank, what an exam draws from, what the reports read, or the flashcards. */
export interface BankContent {
  bank: Bank;
  pool: QuestionPool;
  outline: BankOutline;
  cards: BankCards;
}

/** What a flashcard session reads: the modules and the cards, none of the questions. */
export interface BankCards {
  modules: Module[];
  cards: BankCard[];
}
export type BankNeed = keyof BankContent;

export interface OpenedBank<N extends BankNeed> {
  content: BankContent[N];
  /** Every finding, errors and warnings, as file:line:col (see ui/render-bank.ts formatIssue). */
  issues: BankIssue[];
  questionCount: number;
  /** The folder read, or null for the bank embedded in the standalone executable. */
  folder: string | null;
  /** Cache entries found damaged, removed and compiled afresh: what failed, one line each. */
  cacheDamaged: readonly string[];
}

export interface OpenBankOptions {
  /**
   * Read and hash every byte, whatever the folder's signature says: for
   * `mrso bank check`, which vouches for the bank. (A full parse that skips
   * the cache takes seconds on a 10,000-question bank, past its 1 s target;
   * every MAC of the cached entries is checked instead: see cache.ts.)
   */
  verify?: boolean;
  /** The clock the settling time is measured by (tests move it on instead of waiting). */
  now?: () => number;
  /** Default: the per-user disk cache of this build (none when run from src/). */
  cache?: BankCache;
}

/** Open the bank in `dir` (null: the shipped bank) for what `need` names. */
export async function openBank<N extends BankNeed>(dir: string | null, need: N, options: OpenBankOptions = {}): Promise<OpenedBank<N>> {
  const cache = options.cache ?? defaultBankCache();
  const embedded = dir === null ? embeddedBankFiles() : null;
  // Absolute: the folder's signature record is found from any working folder.
  const folder = embedded ? null : resolve(dir ?? shippedBankDir());
  const locate = (trustSignature: boolean): Located =>
    embedded ? { key: cache.keyOf(embedded), sources: { files: embedded, issues: [] } } : locateFolder(folder!, cache, trustSignature, options.now ?? Date.now);

  let located = locate(!options.verify);
  let found = fromCache(cache, located.key, need, options.verify);
  // Vouching for the bank, check the outline the reports read too: one damaged (removed) or missing is compiled afresh with the rest.
  if (found && options.verify && need !== 'outline' && !cache.getOutline(located.key, true)) found = undefined;
  // A key known by signature whose entry has gone (a cleared cache): read and hash after all.
  if (found === undefined && !located.sources) {
    located = locate(false);
    found = fromCache(cache, located.key, need);
  }
  const sources = located.sources ?? { files: [], issues: [] };
  if (found === undefined) {
    const { bank, issues } = await compileBank(sources.files, located.key, cache);
    found = { content: contentOf(bank, need), issues, questionCount: bank.questions.length };
  }
  const issues = [...sources.issues, ...found.issues];
  return {
    content: found.content,
    issues: folder === null ? issues : issues.map((i) => ({ ...i, file: inBankFolder(folder, i.file) })),
    questionCount: found.questionCount,
    folder: folder === null ? null : displayPath(folder),
    cacheDamaged: cache.damaged(),
  };
}

/** The whole bank and every finding (a shorthand for tests and tools). */
export async function readBank(dir: string | null, cache?: BankCache, options: Omit<OpenBankOptions, 'cache'> = {}): Promise<{ bank: Bank; issues: BankIssue[] }> {
  const opened = await openBank(dir, 'bank', { ...options, ...(cache ? { cache } : {}) });
  return { bank: opened.content, issues: opened.issues };
}

/** The disk cache, keyed on this build's version and bank code. */
function defaultBankCache(): BankCache {
  const code = bankCodeId();
  return code === null ? noBankCache : diskBankCache(`${version()}+${code}`);
}

interface Located {
  key: string;
  /** The files as read, or null when the key was known from the folder's signature alone. */
  sources: { files: BankSource[]; issues: BankIssue[] } | null;
}

/**
 * The bank's cache key. A folder whose files show the same signature as when
 * their bytes were last hashed gets that key without reading them, as git's
 * index does (see bankDirSignature); anything else is read and hashed in full.
 */
function locateFolder(folder: string, cache: BankCache, trustSignature: boolean, now: () => number): Located {
  // Taken before the read: a file changed while it is read shows a new signature next time.
  const seen = bankDirSignature(folder);
  const known = seen && trustSignature ? cache.keyBySignature(folder, seen.signature) : undefined;
  if (known) return { key: known, sources: null };
  const sources = readBankDir(folder);
  const key = cache.keyOf(sources.files);
  if (seen && sources.issues.length === 0 && hasSettled(seen.newestChangeMs, now())) cache.rememberSignature(folder, seen.signature, key);
  return { key, sources };
}

type Found<N extends BankNeed> = { content: BankContent[N]; issues: BankIssue[]; questionCount: number };

/** What the cache holds for this key and need, or undefined (a miss, or an entry found damaged and dropped). */
function fromCache<N extends BankNeed>(cache: BankCache, key: string, need: N, recheck = false): Found<N> | undefined {
  if (need === 'outline') {
    const packed = cache.getOutline(key, recheck);
    if (!packed) return undefined;
    const { outline, issues } = unpackOutline(packed);
    return { content: outline as BankContent[N], issues, questionCount: outline.questionCount };
  }
  const compiled = cache.getBank(key, recheck);
  if (!compiled) return undefined;
  try {
    if (need === 'cards') {
      const { modules, size } = compiled.pool();
      const cards: BankCards = { modules, cards: compiled.cards() };
      return { content: cards as BankContent[N], issues: compiled.issues, questionCount: size };
    }
    if (need === 'pool') {
      const pool = guardedPool(compiled.pool(), (why) => cache.dropBank(key, why));
      return { content: pool as BankContent[N], issues: compiled.issues, questionCount: pool.size };
    }
    const bank = withLookups(compiled.assembled());
    return { content: bank as BankContent[N], issues: compiled.issues, questionCount: bank.questions.length };
  } catch (error) {
    if (!(error instanceof DamagedCompiledBank)) throw error;
    cache.dropBank(key, error.message);
    return undefined;
  }
}

function contentOf<N extends BankNeed>(bank: Bank, need: N): BankContent[N] {
  const content = need === 'pool' ? poolOf(bank) : need === 'outline' ? outlineOf(bank) : need === 'cards' ? { modules: bank.modules, cards: bank.cards } : bank;
  return content as BankContent[N];
}

/** Parse and check the bank, and cache the result (whole, and as an outline) under the files' key. */
async function compileBank(files: BankSource[], key: string, cache: BankCache): Promise<{ bank: Bank; issues: BankIssue[] }> {
  // The YAML parser and the schema are loaded only here, when the bank changed since it was last compiled.
  const { loadBank } = await import('../bank/load.js');
  const { bank, issues } = loadBank(
    files.map((f) => ({ path: f.path, text: f.bytes.toString('utf8') })),
    cache.parsed,
  );
  cache.setBank(key, { modules: bank.modules, forms: bank.forms, questions: bank.questions, cards: bank.cards, issues });
  cache.setOutline(key, packOutline(bank, issues));
  return { bank, issues };
}

/**
 * From the cache, an exam's questions are parsed only when drawn. A damaged
 * entry met then is removed, and the command stops before anything is
 * recorded.
 */
function guardedPool(lazy: QuestionPool, drop: (why: string) => void): QuestionPool {
  const guarded = <A, R>(read: (arg: A) => R) => (arg: A): R => {
    try {
      return read(arg);
    } catch (error) {
      if (!(error instanceof DamagedCompiledBank)) throw error;
      drop(error.message);
      throw new BankCacheDamaged(error.message);
    }
  };
  return { ...lazy, questions: guarded(lazy.questions), questionsAt: guarded(lazy.questionsAt) };
}
