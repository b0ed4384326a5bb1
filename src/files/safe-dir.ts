import { chmodSync, lstatSync, mkdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { cacheDir } from './paths.js';

/**
 * A cache folder mrso may trust, or null. What mrso keeps in a cache (the
 * compiled bank, Node's compiled code, the standalone build's SQLite addon)
 * is run or believed on the next start, so a file planted there by someone
 * else would run as the user (or change an answer key). A folder is used only
 * when it is an absolute path (an empty HOME must not mean the current
 * folder), a real folder (not a symlink), owned by the current user, and not
 * writable by group or others. It is created 0700; a folder of ours that is
 * only readable by others is tightened to 0700. Anything else turns the
 * cache off: slower, never wrong.
 *
 * Not checked: the folders above it. A shared parent such as /tmp has the
 * sticky bit, so no one else can rename or replace a folder we own there.
 */
export function safeCacheDir(path: string, platform = process.platform): string | null {
  if (!isAbsolute(path)) return null;
  try {
    mkdirSync(path, { recursive: true, mode: 0o700 });
    if (platform === 'win32') return path; // per-user LOCALAPPDATA; no POSIX owner or mode to check
    const stat = lstatSync(path);
    if (!stat.isDirectory() || stat.isSymbolicLink()) return null;
    if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return null;
    if ((stat.mode & 0o022) !== 0) return null;
    if ((stat.mode & 0o077) !== 0) chmodSync(path, 0o700);
    return path;
  } catch {
    return null;
  }
}

/** A private folder inside mrso's cache folder (see cacheDir), both checked as above; null turns that cache off. */
export function privateCacheDir(name: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const root = safeCacheDir(cacheDir(env));
  return root && safeCacheDir(join(root, name));
}
