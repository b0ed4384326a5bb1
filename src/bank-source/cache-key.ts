import { closeSync, constants, fstatSync, linkSync, openSync, readFileSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { defaultDataDir } from '../files/paths.js';
import { replaceFile } from '../files/replace-file.js';
import { safeCacheDir } from '../files/safe-dir.js';
import { statSignature } from './signature.js';

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
/** No symlink followed (ELOOP instead), and no wait on a FIFO put in a file's place. */
const OPEN_PRIVATE = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** The secret, and who its file is on disk (see signature.ts). */
interface Key {
  secret: Buffer;
  identity: string;
}

/** Where the key is kept by default: a private folder inside mrso's data folder (beside the history). */
export const defaultKeyFolder = (env: NodeJS.ProcessEnv = process.env): string => join(defaultDataDir(env), 'keys');

/**
 * Which cache entries were found whole (every MAC checked) and by which file
 * identity (device, inode, size, modify and change times: see signature.ts),
 * kept beside the key, where only the user writes. An entry whose file still
 * shows that identity has not been written since, so it is used without
 * checking its MACs again, and without loading node:crypto.
 */
export interface CheckedEntries {
  get(name: string): string | undefined;
  set(name: string, identity: string): void;
}

/** Few banks are in use at once: older records are let go (costing one check of their entry). */
const MAX_CHECKED = 32;

/** `keyFile`: the key file's identity; a record made under another key file (replaced, restored) is let go. */
function checkedEntries(dir: string, keyFile: string): CheckedEntries {
  const path = join(dir, 'bank-cache.checked');
  let record: Record<string, string> | undefined;
  const load = (): Record<string, string> => {
    if (record) return record;
    try {
      const fd = openSync(path, OPEN_PRIVATE);
      try {
        const value = JSON.parse(readFileSync(fd, 'utf8')) as { key?: unknown; entries?: unknown } | null;
        record = value?.key === keyFile && typeof value.entries === 'object' && value.entries !== null ? (value.entries as Record<string, string>) : {};
      } finally {
        closeSync(fd);
      }
    } catch {
      record = {}; // none yet, or unreadable: every entry is checked
    }
    return record;
  };
  return {
    get: (name) => {
      const identity = load()[name];
      return typeof identity === 'string' ? identity : undefined;
    },
    set: (name, identity) => {
      const entries = Object.entries(load()).filter(([n]) => n !== name);
      record = Object.fromEntries([...entries.slice(-(MAX_CHECKED - 1)), [name, identity]]);
      try {
        replaceFile(path, JSON.stringify({ key: keyFile, entries: record }), { mode: 0o600 });
      } catch {
        // Not remembered: the entry is checked again next time.
      }
    },
  };
}

/** The key and the record of entries found whole, or null (the cache is off): see cacheKey. */
export function openKeyFolder(folder: string, platform = process.platform): { secret: Buffer; checked: CheckedEntries } | null {
  const key = cacheKey(folder, platform);
  return key && { secret: key.secret, checked: checkedEntries(folder, key.identity) };
}

/**
 * The cache key in `folder`, created on first use; null turns the cache off.
 * The folder must pass safeCacheDir (owned by the user, 0700, not a
 * symlink). A key file that is not a regular file of the user's that no one
 * else can read or write (a symlink, group-writable) is refused, never
 * replaced: someone else may know it. A key file of the wrong length is
 * replaced by a new key, so every entry made under the old one fails its
 * check and is compiled afresh.
 */
export function cacheKey(folder: string, platform = process.platform): Key | null {
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
function readKey(path: string, platform: string): Key | 'refused' | null | undefined {
  let fd: number;
  try {
    fd = openSync(path, OPEN_PRIVATE);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : 'refused';
  }
  try {
    const stat = fstatSync(fd, { bigint: true });
    if (!stat.isFile()) return 'refused';
    if (platform !== 'win32') {
      if (typeof process.getuid === 'function' && stat.uid !== BigInt(process.getuid())) return 'refused';
      if ((stat.mode & 0o077n) !== 0n) return 'refused';
    }
    const key = Buffer.alloc(KEY_BYTES + 1);
    const length = readSync(fd, key, 0, key.length, 0);
    return length === KEY_BYTES ? { secret: key.subarray(0, KEY_BYTES), identity: statSignature(stat).join(' ') } : null;
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
function publishKey(dir: string, path: string, how: 'create' | 'replace', platform: string): Key | null {
  const { randomBytes } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  const key = randomBytes(KEY_BYTES);
  const temp = join(dir, `.${KEY_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, key);
  } finally {
    closeSync(fd);
  }
  try {
    if (how === 'replace') {
      renameSync(temp, path);
    } else {
      try {
        linkSync(temp, path);
      } catch (error) {
        // A file system without hard links: a rename, which may replace a key written at the same moment (costing a recompile, nothing worse).
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') renameSync(temp, path);
      }
    }
  } finally {
    rmSync(temp, { force: true });
  }
  // Read back (after the temp name is gone, which changes the file's change time): the key in place, ours or another mrso's.
  const found = readKey(path, platform);
  return typeof found === 'object' && found !== null ? found : null;
}
