import { UserError } from '../errors.js';
import { withLookups } from '../bank/lookups.js';
import { DamagedCompiledBank } from '../bank/compiled.js';
import { poolOf, type QuestionPool } from '../bank/pool.js';
import type { Bank, BankIssue } from '../bank/types.js';
import { bankDirSignature, readBankDir, type BankSource } from '../files/bank-files.js';
import { hasSettled } from '../files/signature.js';
import { outlineOf, packOutline, unpackOutline, type BankOutline } from '../bank/outline.js';
import { embeddedBankFiles } from '../files/embedded.js';
import { diskBankCache, noBankCache, type BankCache } from '../files/bank-cache.js';
import { bankCodeId, version } from '../version.js';
import { shippedBankDir } from '../files/paths.js';
import { bankDir, type GlobalOptions } from './context.js';

/*
 * How a command gets the question bank: from the compiled-bank cache when
 * the files are unchanged (known by their signature once settled, else by
 * hashing every byte), else parsed and checked afresh; and the refusals of
 * a bank unfit for study.
 */

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

/** How a bank is looked up in the cache. */
export interface ReadOptions {
  /** False reads and hashes every byte whatever the files' signature (mrso bank check). */
  trustSignature?: boolean;
  /** The clock the settling time is measured by (tests move it on instead of waiting). */
  now?: () => number;
}

/**
 * The bank's cache key. A folder whose files show the same signature as when
 * their bytes were last hashed gets that key without reading them, as git's
 * index does (see bankDirSignature); anything else is read and hashed in full.
 */
function locate(dir: string | null, cache: BankCache, options: ReadOptions): Located {
  const embedded = dir === null ? embeddedBankFiles() : null;
  if (embedded) return { key: cache.keyOf(embedded), sources: { files: embedded, issues: [] } };
  const folder = dir ?? shippedBankDir();
  // Taken before the read: a file changed while it is read shows a new signature next time.
  const seen = bankDirSignature(folder);
  const known = seen && options.trustSignature !== false ? cache.keyBySignature(folder, seen.signature) : undefined;
  if (known) return { key: known, sources: null };
  const sources = readBankDir(folder);
  const key = cache.keyOf(sources.files);
  if (seen && sources.issues.length === 0 && hasSettled(seen.newestChangeMs, (options.now ?? Date.now)())) cache.rememberSignature(folder, seen.signature, key);
  return { key, sources };
}

/** What the cache holds for the bank's key, or else the bank parsed, checked and cached afresh. */
async function cachedOrCompiled<T>(
  dir: string | null,
  cache: BankCache,
  fromCache: (key: string) => T | undefined,
  fromBank: (bank: Bank, issues: BankIssue[]) => T,
  options: ReadOptions,
): Promise<{ value: T; readIssues: BankIssue[] }> {
  let located = locate(dir, cache, options);
  let value = fromCache(located.key);
  // A key known by signature whose entry has gone (a cleared cache): read and hash after all.
  if (value === undefined && !located.sources) {
    located = locate(dir, cache, { ...options, trustSignature: false });
    value = fromCache(located.key);
  }
  const sources = located.sources ?? { files: [], issues: [] };
  if (value !== undefined) return { value, readIssues: sources.issues };
  const { bank, issues } = await compileBank(sources.files, located.key, cache);
  return { value: fromBank(bank, issues), readIssues: sources.issues };
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

/** The bank and every finding: from the compiled-bank cache when no file changed, else parsed and checked afresh. */
export async function readBank(dir: string | null, cache: BankCache = defaultBankCache(), options: ReadOptions = {}): Promise<{ bank: Bank; issues: BankIssue[] }> {
  const { value, readIssues } = await cachedOrCompiled(dir, cache, (key) => cachedBank(cache, key), (bank, issues) => ({ bank, issues }), options);
  return { bank: value.bank, issues: [...readIssues, ...value.issues] };
}

function cachedBank(cache: BankCache, key: string): { bank: Bank; issues: BankIssue[] } | undefined {
  const compiled = cache.getBank(key);
  if (!compiled) return undefined;
  try {
    return { bank: withLookups(compiled.assembled()), issues: compiled.issues };
  } catch (error) {
    if (!(error instanceof DamagedCompiledBank)) throw error;
    cache.dropBank(key);
    return undefined;
  }
}

/**
 * What an exam needs (see QuestionPool): from the cache, only the questions
 * drawn are parsed. A damaged entry met then is removed, and the command
 * stops before anything is recorded.
 */
export async function readPool(dir: string | null, cache: BankCache = defaultBankCache(), options: ReadOptions = {}): Promise<{ pool: QuestionPool; issues: BankIssue[] }> {
  const { value, readIssues } = await cachedOrCompiled(
    dir,
    cache,
    (key) => {
      const compiled = cache.getBank(key);
      return compiled && { pool: guardedPool(compiled.pool(), () => cache.dropBank(key)), issues: compiled.issues };
    },
    (bank, issues) => ({ pool: poolOf(bank), issues }),
    options,
  );
  return { pool: value.pool, issues: [...readIssues, ...value.issues] };
}

function guardedPool(lazy: QuestionPool, drop: () => void): QuestionPool {
  const guarded = <A, R>(read: (arg: A) => R) => (arg: A): R => {
    try {
      return read(arg);
    } catch (error) {
      if (!(error instanceof DamagedCompiledBank)) throw error;
      drop();
      throw new UserError(`the compiled-bank cache was damaged (${error.message}) and has been removed`, 'Run the command again: the bank is compiled afresh.');
    }
  };
  return { ...lazy, questions: guarded(lazy.questions), questionsAt: guarded(lazy.questionsAt) };
}

/** The bank's outline (modules, documents cited, card ids) and every finding: what the reports need, read from the cache in a few milliseconds. */
export async function readBankOutline(dir: string | null, cache: BankCache = defaultBankCache(), options: ReadOptions = {}): Promise<{ outline: BankOutline; issues: BankIssue[] }> {
  const { value, readIssues } = await cachedOrCompiled(
    dir,
    cache,
    (key) => {
      const packed = cache.getOutline(key);
      return packed && unpackOutline(packed);
    },
    (bank, issues) => ({ outline: outlineOf(bank), issues }),
    options,
  );
  return { outline: value.outline, issues: [...readIssues, ...value.issues] };
}

/** The pool of a bank fit for studying, with the same refusals as `loadUsableBank`. */
export async function loadUsablePool(globals: GlobalOptions): Promise<QuestionPool> {
  const { pool, issues } = await readPool(bankDir(globals));
  refuseUnusable(globals, issues, pool.size);
  return pool;
}

/** A bank fit for studying: any error stops here with the first one named. */
export async function loadUsableBank(globals: GlobalOptions): Promise<Bank> {
  const { bank, issues } = await readBank(bankDir(globals));
  refuseUnusable(globals, issues, bank.questions.length);
  return bank;
}

/** The outline of a bank fit for studying, with the same refusals as `loadUsableBank`. */
export async function loadUsableOutline(globals: GlobalOptions): Promise<BankOutline> {
  const { outline, issues } = await readBankOutline(bankDir(globals));
  refuseUnusable(globals, issues, outline.questionCount);
  return outline;
}

function refuseUnusable(globals: GlobalOptions, issues: BankIssue[], questionCount: number): void {
  const dir = bankDir(globals);
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) {
    const first = errors[0]!;
    throw new UserError(
      `${formatIssue(first)}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`,
      `Fix the question bank (mrso bank check${globals.bank ? ` --bank ${globals.bank}` : ''} lists every problem).`,
    );
  }
  if (questionCount === 0) {
    throw new UserError(`the bank in ${dir ?? shippedBankDir()} has no questions`, 'Point --bank at a folder with module files.');
  }
}

export function formatIssue(i: BankIssue): string {
  return `${i.file}:${i.line}:${i.col}${i.id ? ` ${i.id}` : ''}: ${i.message}`;
}

