import type { Hash, Hmac } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { ParseCache, ParsedFile } from '../bank/load.js';
import { DamagedCompiledBank, decodeCompiledBank, encodeCompiledBank, type CompiledBank, type EntryReader, type PartMac } from '../bank/compiled.js';
import type { AssembledBank } from '../bank/lookups.js';
import type { PackedOutline } from '../bank/outline.js';
import type { BankFile } from '../bank/types.js';
import type { BankSource } from './folder.js';
import { replaceFile } from '../files/replace-file.js';
import { privateCacheDir, safeCacheDir } from '../files/safe-dir.js';
import { defaultKeyFolder, openKeyFolder, type CheckedEntries } from './cache-key.js';
import { hasSettled, lastChangeMs, statSignature } from './signature.js';

/** Bump when the shape of a cached entry changes, so old entries are ignored. */
const CACHE_FORMAT = 'bank-parse-9';

type Entry = Record<string, unknown>;
/** The top-level arrays an entry was written with: a cheap check against a foreign or damaged file, not a schema. */
const hasArrays = (value: Entry, ...keys: string[]): boolean => keys.every((k) => Array.isArray(value[k]));

export interface BankCache {
  /** The key of exactly these bytes at these paths (and this mrso version). */
  keyOf(files: BankSource[]): string;
  /** The key last computed for a folder whose files had this signature (see bankDirSignature), if any. */
  keyBySignature(dir: string, signature: string): string | undefined;
  rememberSignature(dir: string, signature: string, key: string): void;
  /** The compiled bank (assembled, rule-checked) for a key, or undefined. `recheck`: every MAC, even of an entry found whole before. */
  getBank(key: string, recheck?: boolean): CompiledBank | undefined;
  setBank(key: string, assembled: AssembledBank): void;
  /** Remove an entry found damaged after it was served (`why`: what failed), so the next run compiles afresh. */
  dropBank(key: string, why: string): void;
  /** Each entry found damaged (and removed) by this cache so far, as one line: what failed. */
  damaged(): readonly string[];
  /** The small outline the reports read, written beside the compiled bank. */
  getOutline(key: string, recheck?: boolean): PackedOutline | undefined;
  setOutline(key: string, outline: PackedOutline): void;
  /** Parsed single files, for a rebuild after an edit to one file. */
  parsed: ParseCache;
}

/**
 * The compiled bank on disk, keyed by the SHA-256 of every file's path and
 * bytes: any edit (even a same-length re-key) gives a new key. Beside the
 * entries, a record per bank folder of the key its files' signature last
 * hashed to (see bankDirSignature). A cache that cannot be read or written
 * is simply skipped.
 *
 * What protects the answer keys: the cache is used only in a folder no one
 * but the user can write (safe-dir.ts: owned by the user, mode 0700, not a
 * symlink), and every entry, and every line of a compiled bank, carries an
 * HMAC-SHA256 under a per-user secret kept outside the cache (cache-key.ts),
 * over the entry's name (so the bank bytes it stands for) and its bytes. An
 * entry that fails its check (changed by a sync tool, an edit, another
 * machine's copy, anyone who can write the cache but not read the key) is
 * removed and compiled afresh, never used. Whoever can read the key (the
 * user, or a program running as the user) can forge an entry, as they could
 * edit the bank or mrso itself.
 *
 * An entry found whole (every MAC checked) once it has settled is recorded
 * beside the key by its file's identity (see CheckedEntries); while the file
 * shows that identity it has not been written since, so it is used without
 * checking its MACs again: an exam from a settled cache loads no node:crypto.
 * An exam from an entry not yet found whole checks its body once if settled,
 * else only the header and the lines it draws.
 */
export function diskBankCache(version: string, folder?: string, keyFolder?: string, now: () => number = Date.now): BankCache {
  const dir = folder === undefined ? privateCacheDir('bank') : safeCacheDir(folder);
  if (!dir) return noBankCache;
  const keys = openKeyFolder(keyFolder ?? defaultKeyFolder());
  if (!keys) return noBankCache;
  const { secret, checked } = keys;
  const damaged: string[] = [];
  const remove = (name: string, why: string) => {
    damaged.push(why);
    try {
      rmSync(join(dir, name), { force: true });
    } catch {
      // Left in place, it fails its check again next time: slower, never wrong.
    }
  };
  /** The MAC of an entry's part: the name (which holds the key of the bank bytes), the part and the bytes, each framed. */
  const mac = (name: string, part: string, bytes: Uint8Array) => hmac(secret).update(`${CACHE_FORMAT}\0${version}\0${name}\0${part}\0`).update(bytes).digest('hex');
  /**
   * A JSON entry is its MAC, a newline, then the JSON. One that is not there
   * or unreadable is a miss; one that fails its check, or is not the shape
   * written, is damaged. `remember`: a file found whole is recorded as such
   * (see CheckedEntries), and is then read without checking its MAC again.
   */
  const read = <T>(name: string, shaped: (value: Entry) => boolean, remember: 'remember' | 'recheck' | 'never' = 'remember'): T | undefined => {
    let bytes: Buffer;
    let found: { identity: string; settled: boolean };
    try {
      const fd = openSync(join(dir, name), 'r');
      try {
        found = identityOf(fd, now());
        bytes = readFileSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch {
      return undefined;
    }
    const json = bytes.subarray(65);
    const whole = remember === 'remember' && checked.get(name) === found.identity;
    if (!whole && (bytes[64] !== 0x0a || bytes.toString('latin1', 0, 64) !== mac(name, 'json', json))) return void remove(name, `${entryKind(name)} failed its check`);
    try {
      const value = JSON.parse(json.toString('utf8')) as unknown;
      if (typeof value === 'object' && value !== null && shaped(value as Entry)) {
        if (remember !== 'never' && !whole && found.settled) checked.set(name, found.identity);
        return value as T;
      }
    } catch {
      // reported below
    }
    return void remove(name, `${entryKind(name)} is not in the shape written`);
  };
  const write = (name: string, content: string | Buffer) => {
    try {
      replaceFile(join(dir, name), content);
    } catch {
      // A read-only or full cache folder costs speed, not correctness.
    }
  };
  const writeJson = (name: string, value: unknown) => {
    const json = Buffer.from(JSON.stringify(value));
    write(name, Buffer.concat([Buffer.from(`${mac(name, 'json', json)}\n`), json]));
  };
  const bankEntry = (key: string) => `bank-${key}.bin`;
  const entryMac = (key: string): PartMac => (part, bytes) => mac(bankEntry(key), part, bytes);
  // Per format and version too: another mrso's record (an upgrade) is never read, so never taken for a damaged one.
  const signatureEntry = (folder: string) => `signature-${fnv1a(`${CACHE_FORMAT}\0${version}\0${resolve(folder)}`)}.json`;
  const keyBySignature = (folder: string, signature: string): string | undefined => {
    const entry = read<{ version: string; dir: string; signature: string; key: string }>(signatureEntry(folder), (v) => typeof v['key'] === 'string');
    // The file name is only a short hash of the folder: everything is compared in full.
    return entry && entry.version === version && entry.dir === resolve(folder) && entry.signature === signature ? entry.key : undefined;
  };
  const fileKeys = new WeakMap<BankFile, string>();
  const fileKey = (file: BankFile) => {
    let key = fileKeys.get(file);
    if (!key) fileKeys.set(file, (key = sha256().update(`${CACHE_FORMAT}\0${version}\0${file.path}\0${file.text}`).digest('hex')));
    return key;
  };
  return {
    keyOf(files) {
      // Hash the raw bytes (no text decoding); each path and length is framed so no two file sets can run together.
      const hash = sha256().update(`${CACHE_FORMAT}\0${version}\0${files.length}\0`);
      for (const f of files) hash.update(`${f.path}\0${f.bytes.length}\0`).update(f.bytes);
      return hash.digest('hex');
    },
    keyBySignature,
    rememberSignature(folder, signature, key) {
      // Not rewritten when it already says so: a new file would have to settle before an exam could use it without its MAC.
      if (keyBySignature(folder, signature) !== key) writeJson(signatureEntry(folder), { version, dir: resolve(folder), signature, key });
    },
    getBank: (key, recheck = false) => {
      let entry: EntryReader;
      try {
        entry = fileEntry(join(dir, bankEntry(key)), key, bankEntry(key), recheck ? { get: () => undefined, set: checked.set } : checked, now);
      } catch {
        return undefined; // not there
      }
      try {
        return decodeCompiledBank(entry, entryMac(key));
      } catch (error) {
        if (!(error instanceof DamagedCompiledBank)) throw error;
        return void remove(bankEntry(key), error.message);
      }
    },
    setBank: (key, assembled) => write(bankEntry(key), Buffer.concat([Buffer.from(`${key}\n`), encodeCompiledBank(assembled, entryMac(key))])),
    dropBank: (key, why) => remove(bankEntry(key), why),
    damaged: () => damaged,
    getOutline: (key, recheck = false) => read<PackedOutline>(`outline-${key}.json`, (v) => hasArrays(v, 'modules', 'issues', 'questionIds', 'docStart', 'docIndex', 'docs', 'cardIds'), recheck ? 'recheck' : 'remember'),
    setOutline: (key, outline) => writeJson(`outline-${key}.json`, outline),
    parsed: {
      // Read only while compiling, when node:crypto is loaded anyway: always checked, never remembered.
      get: (file) => read<ParsedFile>(`${fileKey(file)}.json`, parsedShape, 'never'),
      set: (file, parsed) => writeJson(`${fileKey(file)}.json`, parsed),
    },
  };
}

/** Who an open file is (see signature.ts), and whether it has been left alone long enough for that to be remembered. */
function identityOf(fd: number, now: number): { identity: string; settled: boolean } {
  const stat = fstatSync(fd, { bigint: true });
  return { identity: statSignature(stat).join(' '), settled: hasSettled(lastChangeMs(stat), now) };
}

/**
 * A stored entry read in parts: the header line at once, other ranges when
 * asked for. Each read opens the file afresh (a rewrite under the same key
 * has the same bytes, and the decoder checks what it gets); a file gone or
 * cut short meanwhile is a damaged entry. The entry's first line is the key
 * of the bank bytes it was compiled from, which must be the key asked for.
 * Each read says whether its file is one found whole before (`checked`).
 */
function fileEntry(path: string, key: string, name: string, checked: CheckedEntries, now: () => number): EntryReader {
  const skip = key.length + 1;
  const size = statSync(path).size - skip;
  // The identity of every file read so far (null once two differ), and whether each had settled.
  let seen: string | null | undefined;
  let settled = true;
  const withFile = <T>(use: (fd: number) => T): { value: T; whole: boolean } => {
    let fd: number | undefined;
    try {
      fd = openSync(path, 'r');
      const found = identityOf(fd, now());
      seen = seen === undefined || seen === found.identity ? found.identity : null;
      settled &&= found.settled;
      return { value: use(fd), whole: checked.get(name) === found.identity };
    } catch (error) {
      if (error instanceof DamagedCompiledBank) throw error;
      throw new DamagedCompiledBank(`${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  };
  const readFully = (fd: number, target: Buffer, at: number) => {
    for (let filled = 0; filled < target.length; ) {
      const n = readSync(fd, target, filled, target.length - filled, at + filled);
      if (n === 0) throw new DamagedCompiledBank(`${path} is shorter than its header says`);
      filled += n;
    }
  };
  return {
    size,
    firstLine: () => {
      const { value: bytes, whole } = withFile((fd) => {
        // The header of a 10,000-question bank is about 200 kB: read in steps until its newline.
        for (let length = Math.min(size, 256 * 1024); ; length = Math.min(size, length * 2)) {
          const stamp = Buffer.allocUnsafe(skip);
          readFully(fd, stamp, 0);
          if (stamp.toString('latin1') !== `${key}\n`) throw new DamagedCompiledBank(`${path} was compiled from other bank files`);
          const head = Buffer.allocUnsafe(length);
          readFully(fd, head, skip);
          const end = head.indexOf(0x0a);
          if (end >= 0) return head.subarray(0, end);
          if (length === size) return undefined;
        }
      });
      return { bytes, whole };
    },
    read: (ranges) => {
      const { value: parts, whole } = withFile((fd) =>
        ranges.map(([start, length]) => {
          const part = Buffer.allocUnsafe(length);
          readFully(fd, part, skip + start);
          return part;
        }),
      );
      return { parts, whole };
    },
    worthCheckingWhole: () => settled && typeof seen === 'string' && checked.get(name) !== seen,
    foundWhole: () => {
      if (settled && typeof seen === 'string' && checked.get(name) !== seen) checked.set(name, seen);
    },
  };
}

/** node:crypto is loaded at the first hash, not with the module: `--help` never needs it. */
let cryptoModule: typeof import('node:crypto') | undefined;
const crypto = () => (cryptoModule ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto'));
const sha256 = (): Hash => crypto().createHash('sha256');
const hmac = (secret: Buffer): Hmac => crypto().createHmac('sha256', secret);

/** A parsed file as written: the modules file, the forms file, or a module's. */
function parsedShape(v: Entry): boolean {
  if (v['kind'] === 'modules') return hasArrays(v, 'modules', 'issues');
  if (v['kind'] === 'forms') return hasArrays(v, 'forms', 'issues');
  return v['kind'] === 'module' && hasArrays(v, 'questions', 'cards', 'issues');
}

/** What an entry is, for a message. */
function entryKind(name: string): string {
  if (name.startsWith('outline-')) return 'the outline';
  if (name.startsWith('signature-')) return "the bank folder's signature record";
  return 'a parsed bank file';
}

/** A short name for a folder's entry (32-bit FNV-1a); collisions only cost a miss, as entries hold the folder in full. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Keeps nothing: for code run from src/ (the tests), which has no build id to key entries on. */
export const noBankCache: BankCache = {
  keyOf: () => '',
  keyBySignature: () => undefined,
  rememberSignature: () => undefined,
  getBank: () => undefined,
  setBank: () => undefined,
  dropBank: () => undefined,
  damaged: () => [],
  getOutline: () => undefined,
  setOutline: () => undefined,
  parsed: { get: () => undefined, set: () => undefined },
};
