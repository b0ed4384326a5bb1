import { chmodSync, lstatSync, mkdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
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
 * Its parent must not let others rename it away and put another in its
 * place: a parent writable by group or others is refused unless it has the
 * sticky bit (as /tmp does). Folders further up are not checked.
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
    const parent = statSync(dirname(path));
    if ((parent.mode & 0o022) !== 0 && (parent.mode & 0o1000) === 0) return null;
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
