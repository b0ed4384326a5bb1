/**
 * Node's own compile cache (Node >= 22.1), in a folder only this user can
 * write. Loaded by bin/mrso.cjs before the CLI, and built into one small file
 * of its own (scripts/build.mjs), since what it loads is loaded before the
 * cache is on.
 *
 * Never `enableCompileCache()` without a folder: Node's default is a folder
 * in the shared temp directory, where anyone could plant compiled code for
 * the next run. On Node 20 (no compile cache) mrso simply runs without one;
 * mrso's own V8 code cache for Node 20 was removed (see CONTRIBUTING.md).
 * NODE_DISABLE_COMPILE_CACHE=1 turns it off, as for any Node program.
 */
import Module from 'node:module';
import { privateCacheDir } from '../files/safe-dir.js';

type WithCompileCache = { enableCompileCache?: (dir: string) => unknown };

export function startCompileCache(env: NodeJS.ProcessEnv = process.env): void {
  const enable = (Module as unknown as WithCompileCache).enableCompileCache;
  if (typeof enable !== 'function' || env['NODE_DISABLE_COMPILE_CACHE'] === '1') return;
  try {
    const dir = privateCacheDir('compile', env);
    if (dir) enable(dir);
  } catch {
    // Only a speed-up: the CLI loads as usual.
  }
}
