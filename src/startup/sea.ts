import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replaceFile } from '../files/replace-file.js';
import { privateCacheDir } from '../files/safe-dir.js';

/**
 * The standalone executable (Node's single-executable application) carries
 * the question bank and better-sqlite3's native addon as embedded assets.
 * Outside it, these functions report nothing and the package files are used.
 */

export interface SeaModule {
  isSea(): boolean;
  getAsset(key: string): ArrayBuffer;
  getAsset(key: string, encoding: string): string;
}

/** Asset name, shared with scripts/package-sea.mjs. */
export const NATIVE_ADDON_ASSET = 'better_sqlite3.node';

let sea: SeaModule | null | undefined;
let standaloneEntry = false;

/** Called by the executable's entry (sea-main.ts) only: other runs never load node:sea, which costs a start-up about 1.5 ms. */
export function markStandaloneEntry(): void {
  standaloneEntry = true;
}

/** node:sea inside the standalone executable, else null. */
export function seaModule(): SeaModule | null {
  if (!standaloneEntry) return null;
  if (sea === undefined) {
    try {
      const mod = createRequire(import.meta.url)('node:sea') as SeaModule;
      sea = mod.isSea() ? mod : null;
    } catch {
      sea = null;
    }
  }
  return sea;
}

let addon: object | undefined;

/**
 * better-sqlite3's addon, written out once (an executable cannot dlopen from
 * memory) and loaded once per process. The copy on disk is loaded only from
 * a folder no one else can write (safe-dir.ts) and only when its bytes equal
 * the embedded ones: a file planted in the cache never runs. Without a safe
 * cache folder, it goes to a fresh private temp folder, removed once loaded.
 */
export function embeddedNativeAddon(env: NodeJS.ProcessEnv = process.env): object | undefined {
  const s = seaModule();
  if (!s) return undefined;
  if (addon) return addon;
  const loaded = { exports: {} as object };
  placeAddon(Buffer.from(s.getAsset(NATIVE_ADDON_ASSET)), env, (file) => process.dlopen(loaded, file));
  addon = loaded.exports;
  return addon;
}

/**
 * Put the addon's bytes in a file and hand its path to `load`: in the
 * private cache folder (rewritten unless the file there holds exactly these
 * bytes), or else in a fresh private temp folder, removed once loaded.
 */
export function placeAddon(bytes: Buffer, env: NodeJS.ProcessEnv, load: (file: string) => void): void {
  // Loaded here, not at the top: node:crypto costs every command a few milliseconds to load.
  const { createHash } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const dir = privateCacheDir(hash, env);
  if (dir) {
    const file = join(dir, 'better_sqlite3.node');
    if (!sameBytes(file, bytes)) replaceFile(file, bytes, { mode: 0o700 });
    load(file);
    return;
  }
  const temp = mkdtempSync(join(tmpdir(), 'mrso-addon-'));
  try {
    const file = join(temp, 'better_sqlite3.node');
    replaceFile(file, bytes, { mode: 0o700 });
    load(file);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

function sameBytes(file: string, bytes: Buffer): boolean {
  try {
    return readFileSync(file).equals(bytes);
  } catch {
    return false;
  }
}
