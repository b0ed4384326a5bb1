import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AssembledBank, ParseCache, ParsedFile } from '../bank/load.js';
import type { BankFile } from '../bank/types.js';
import { cacheDir } from './paths.js';

/** Bump when the shape of a parsed file changes, so old cache entries are ignored. */
const CACHE_FORMAT = 'bank-parse-3';

/**
 * Parsed bank files on disk, keyed by a hash of the file's path and content
 * (and this mrso's version): YAML is parsed once per change, not per run. A
 * cache that cannot be read or written is simply skipped.
 */
export function diskParseCache(version: string, dir = join(cacheDir(), 'bank')): ParseCache {
  const keys = new WeakMap<BankFile, string>();
  const keyOf = (file: BankFile) => {
    let key = keys.get(file);
    if (!key) keys.set(file, (key = createHash('sha256').update(`${CACHE_FORMAT}\0${version}\0${file.path}\0${file.text}`).digest('hex')));
    return key;
  };
  const bankKeyOf = (files: BankFile[]) => `bank-${createHash('sha256').update(files.map(keyOf).join('\0')).digest('hex')}`;
  const read = <T>(key: string): T | undefined => {
    try {
      return JSON.parse(readFileSync(join(dir, `${key}.json`), 'utf8')) as T;
    } catch {
      return undefined;
    }
  };
  const write = (key: string, value: unknown) => {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const target = join(dir, `${key}.json`);
      const temp = `${target}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(value));
      renameSync(temp, target);
    } catch {
      // A read-only or full cache folder costs speed, not correctness.
    }
  };
  return {
    get: (file) => read<ParsedFile>(keyOf(file)),
    set: (file, parsed) => write(keyOf(file), parsed),
    getBank: (files) => read<AssembledBank>(bankKeyOf(files)),
    setBank: (files, assembled) => write(bankKeyOf(files), assembled),
  };
}
