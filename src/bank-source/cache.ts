import type { Hash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { ParseCache, ParsedFile } from '../bank/load.js';
import { DamagedCompiledBank, decodeCompiledBank, encodeCompiledBank, type CompiledBank, type EntryReader } from '../bank/compiled.js';
import type { AssembledBank } from '../bank/lookups.js';
import type { PackedOutline } from '../bank/outline.js';
import type { BankFile } from '../bank/types.js';
import type { BankSource } from './folder.js';
import { replaceFile } from '../files/replace-file.js';
import { privateCacheDir, safeCacheDir } from '../files/safe-dir.js';

/** Bump when the shape of a cached entry changes, so old entries are ignored. */
const CACHE_FORMAT = 'bank-parse-7';

type Entry = Record<string, unknown>;
/** The top-level arrays an entry was written with: a cheap check against a foreign or damaged file, not a schema. */
const hasArrays = (value: Entry, ...keys: string[]): boolean => keys.every((k) => Array.isArray(value[k]));

export interface BankCache {
  /** The key of exactly these bytes at these paths (and this mrso version). */
  keyOf(files: BankSource[]): string;
  /** The key last computed for a folder whose files had this signature (see bankDirSignature), if any. */
  keyBySignature(dir: string, signature: string): string | undefined;
  rememberSignature(dir: string, signature: string, key: string): void;
  /** The compiled bank (assembled, rule-checked) for a key, or undefined. */
  getBank(key: string): CompiledBank | undefined;
  setBank(key: string, assembled: AssembledBank): void;
  /** Remove an entry found damaged after it was served, so the next run compiles afresh. */
  dropBank(key: string): void;
  /** The small outline the reports read, written beside the compiled bank. */
  getOutline(key: string): PackedOutline | undefined;
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
 * symlink), so planting or editing an entry takes the user's own rights,
 * which could as well edit the bank, or mrso. A MAC would add nothing: its
 * key would live in the same folder. Each compiled entry starts with the key
 * (SHA-256) of the bank bytes it was compiled from and is served only under
 * that key, so an entry copied or renamed to stand for other bytes is a miss.
 */
export function diskBankCache(version: string, folder?: string): BankCache {
  const dir = folder === undefined ? privateCacheDir('bank') : safeCacheDir(folder);
  if (!dir) return noBankCache;
  // An entry that is unreadable, or not the shape written (another program, a disk fault), is a miss.
  const read = <T>(name: string, shaped: (value: Entry) => boolean): T | undefined => {
    try {
      const value = JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown;
      return typeof value === 'object' && value !== null && shaped(value as Entry) ? (value as T) : undefined;
    } catch {
      return undefined;
    }
  };
  const write = (name: string, content: string | Buffer) => {
    try {
      replaceFile(join(dir, name), content);
    } catch {
      // A read-only or full cache folder costs speed, not correctness.
    }
  };
  const signatureEntry = (folder: string) => `signature-${fnv1a(resolve(folder))}.json`;
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
    keyBySignature(folder, signature) {
      const entry = read<{ version: string; dir: string; signature: string; key: string }>(signatureEntry(folder), (v) => typeof v['key'] === 'string');
      // The file name is only a short hash of the folder: everything is compared in full.
      return entry && entry.version === version && entry.dir === resolve(folder) && entry.signature === signature ? entry.key : undefined;
    },
    rememberSignature: (folder, signature, key) => write(signatureEntry(folder), JSON.stringify({ version, dir: resolve(folder), signature, key })),
    getBank: (key) => {
      try {
        return decodeCompiledBank(fileEntry(join(dir, `bank-${key}.bin`), key));
      } catch {
        return undefined;
      }
    },
    setBank: (key, assembled) => write(`bank-${key}.bin`, Buffer.concat([Buffer.from(`${key}\n`), encodeCompiledBank(assembled)])),
    dropBank: (key) => {
      try {
        rmSync(join(dir, `bank-${key}.bin`), { force: true });
      } catch {
        // Left in place, it is found damaged again next time: slower, never wrong.
      }
    },
    getOutline: (key) => read<PackedOutline>(`outline-${key}.json`, (v) => hasArrays(v, 'modules', 'issues', 'questionIds', 'docStart', 'docIndex', 'docs', 'cardIds')),
    setOutline: (key, outline) => write(`outline-${key}.json`, JSON.stringify(outline)),
    parsed: {
      get: (file) => read<ParsedFile>(`${fileKey(file)}.json`, (v) => (v['kind'] === 'modules' ? hasArrays(v, 'modules', 'issues') : v['kind'] === 'module' && hasArrays(v, 'questions', 'cards', 'issues'))),
      set: (file, parsed) => write(`${fileKey(file)}.json`, JSON.stringify(parsed)),
    },
  };
}

/**
 * A stored entry read in parts: the header line at once, other ranges when
 * asked for. Each read opens the file afresh (a rewrite under the same key
 * has the same bytes, and the decoder checks what it gets); a file gone or
 * cut short meanwhile is a damaged entry. The entry's first line is the key
 * of the bank bytes it was compiled from, which must be the key asked for.
 */
function fileEntry(path: string, key: string): EntryReader {
  const skip = key.length + 1;
  const size = statSync(path).size - skip;
  const withFile = <T>(use: (fd: number) => T): T => {
    let fd: number | undefined;
    try {
      fd = openSync(path, 'r');
      return use(fd);
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
    firstLine: () =>
      withFile((fd) => {
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
      }),
    read: (ranges) =>
      withFile((fd) =>
        ranges.map(([start, length]) => {
          const part = Buffer.allocUnsafe(length);
          readFully(fd, part, skip + start);
          return part;
        }),
      ),
  };
}

/** node:crypto takes a few milliseconds to load, so only a run that hashes loads it. */
function sha256(): Hash {
  const { createHash } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return createHash('sha256');
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
  getOutline: () => undefined,
  setOutline: () => undefined,
  parsed: { get: () => undefined, set: () => undefined },
};
