import { closeSync, constants, fstatSync, linkSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { defaultDataDir } from '../files/paths.js';
import { safeCacheDir } from '../files/safe-dir.js';

/*
 * The per-user secret that authenticates the compiled-bank cache (see
 * cache.ts): 32 random bytes in mrso's data folder, not in the cache, so a
 * program that can change the cache (a sync or backup tool restoring another
 * machine's copy, a careless edit, anyone who can write the cache folder but
 * not the data folder) cannot make an entry mrso will believe. It does not
 * protect against whoever can read this file: the user, and any program
 * running as the user, who could as well edit the bank or mrso itself.
 */

const KEY_BYTES = 32;
const KEY_FILE = 'bank-cache.key';

/** Where the key is kept by default: a private folder inside mrso's data folder (beside the history). */
export const defaultKeyFolder = (env: NodeJS.ProcessEnv = process.env): string => join(defaultDataDir(env), 'keys');

/**
 * The cache key in `folder`, created on first use; null turns the cache off.
 * The folder must pass safeCacheDir (owned by the user, 0700, not a
 * symlink). A key file that is not a regular file of the user's that no one
 * else can read or write (a symlink, group-writable) is refused, never
 * replaced: someone else may know it. A key file of the wrong length is
 * replaced by a new key, so every entry made under the old one fails its
 * check and is compiled afresh.
 */
export function cacheKey(folder: string, platform = process.platform): Buffer | null {
  const dir = safeCacheDir(folder, platform);
  if (!dir) return null;
  const path = join(dir, KEY_FILE);
  try {
    const found = readKey(path, platform);
    if (found === 'refused') return null;
    if (found) return found;
    return publishKey(dir, path, found === undefined ? 'create' : 'replace', platform);
  } catch {
    return null;
  }
}

/** The key, 'refused', undefined when there is no key file, or null when it holds something else than a key. */
function readKey(path: string, platform: string): Buffer | 'refused' | null | undefined {
  let fd: number;
  try {
    // O_NOFOLLOW: a symlink in the key's place fails to open (ELOOP) instead of being followed.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : 'refused';
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return 'refused';
    if (platform !== 'win32') {
      if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return 'refused';
      if ((stat.mode & 0o077) !== 0) return 'refused';
    }
    const key = Buffer.alloc(KEY_BYTES + 1);
    const length = readSync(fd, key, 0, key.length, 0);
    return length === KEY_BYTES ? key.subarray(0, KEY_BYTES) : null;
  } finally {
    closeSync(fd);
  }
}

/**
 * Write a new key beside the key file, then link it into place whole (a
 * reader never sees half a key). Creating, a key published meanwhile by
 * another mrso wins and is read; replacing a malformed one, the new key is
 * renamed over it.
 */
function publishKey(dir: string, path: string, how: 'create' | 'replace', platform: string): Buffer | null {
  const { randomBytes } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  const key = randomBytes(KEY_BYTES);
  const temp = join(dir, `.${KEY_FILE}.${process.pid}.${key.toString('hex', 0, 4)}`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, key);
  } finally {
    closeSync(fd);
  }
  try {
    if (how === 'replace') {
      renameSync(temp, path);
      return key;
    }
    try {
      linkSync(temp, path);
      return key;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        const theirs = readKey(path, platform);
        return Buffer.isBuffer(theirs) ? theirs : null;
      }
      // A file system without hard links: a rename, which may replace a key written at the same moment (costing a recompile, nothing worse).
      renameSync(temp, path);
      return key;
    }
  } finally {
    rmSync(temp, { force: true });
  }
}
