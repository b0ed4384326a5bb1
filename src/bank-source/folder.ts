import { readdirSync, statSync } from 'node:fs';
import { join, relative, isAbsolute, resolve } from 'node:path';
import { BankError } from '../errors.js';
import type { BankIssue } from '../bank/types.js';
import { lastChangeMs, statSignature } from './signature.js';
import { readRegularFile, UnreadableFile } from '../files/regular-file.js';

/** A bank file as read: its bytes are hashed for the cache and decoded only when the bank must be parsed. */
export interface BankSource {
  /** The file's name within the bank (never the folder): a bank is the same bank from any working folder. */
  path: string;
  bytes: Buffer;
}

/** Larger files are refused unread: no real module file comes near this. */
export const MAX_BANK_FILE_BYTES = 5 * 1024 * 1024;

const bankFileNames = (dir: string): string[] => readdirSync(dir).filter((n) => /\.ya?ml$/i.test(n)).sort();

/** Read every .yaml/.yml file of a bank folder (not recursive). */
export function readBankDir(dir: string): { files: BankSource[]; issues: BankIssue[] } {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a folder');
    names = bankFileNames(dir);
  } catch {
    throw new BankError(
      `bank folder ${dir} does not exist or is not a folder`,
      'Pass --bank DIR (or set MRSO_BANK) to a folder holding modules.yaml and the module files.',
      'BANK_NOT_FOUND',
    );
  }
  const files: BankSource[] = [];
  const issues: BankIssue[] = [];
  for (const name of names) {
    const full = join(dir, name);
    // Named within the bank; openBank shows each problem's file as seen from where mrso runs (inBankFolder).
    const shown = name;
    try {
      const size = statSync(full).size;
      if (size > MAX_BANK_FILE_BYTES) {
        issues.push({ severity: 'error', file: shown, line: 1, col: 1, message: `file is ${(size / 1048576).toFixed(1)} MB; bank files are limited to 5 MB` });
        continue;
      }
      // Only a regular file, read up to the limit: a link to /dev/zero or a FIFO is refused, not read forever.
      files.push({ path: shown, bytes: readRegularFile(full, MAX_BANK_FILE_BYTES) });
    } catch (e) {
      const why = e instanceof UnreadableFile ? (e.reason === 'too-large' ? 'file is larger than 5 MB; bank files are limited to 5 MB' : `cannot be read: ${e.message}`) : `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`;
      issues.push({ severity: 'error', file: shown, line: 1, col: 1, message: why });
    }
  }
  return { files, issues };
}

/**
 * Who the bank files are on disk, as one string: each file's path as shown
 * and its signature (see signature.ts). The caller trusts it only once the
 * files have settled (`newestChangeMs`).
 * Null if the folder cannot be listed (the reader then reports why).
 */
export function bankDirSignature(dir: string): { signature: string; newestChangeMs: number } | null {
  try {
    let newest = 0;
    const files = bankFileNames(dir).map((name) => {
      const full = join(dir, name);
      const stat = statSync(full, { bigint: true });
      newest = Math.max(newest, lastChangeMs(stat));
      return [name, ...statSignature(stat)];
    });
    return { signature: JSON.stringify(files), newestChangeMs: newest };
  } catch {
    return null;
  }
}

/** A problem's file (named within the bank) as seen from where mrso runs. */
export function inBankFolder(folder: string, file: string): string {
  return isAbsolute(file) ? file : displayPath(join(resolve(folder), file));
}

/** Paths relative to the working folder when inside it, so messages stay short. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
