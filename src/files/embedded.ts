import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { BankSource } from './bank-files.js';
import { cacheDir } from './paths.js';
import { replaceFile } from './replace-file.js';

/**
 * The standalone executable (Node's single-executable application) carries
 * the question bank and better-sqlite3's native addon as embedded assets.
 * Outside it, these functions report nothing and the package files are used.
 */

interface SeaModule {
  isSea(): boolean;
  getAsset(key: string): ArrayBuffer;
  getAsset(key: string, encoding: string): string;
}

/** Asset names, shared with scripts/package-sea.mjs. */
export const BANK_MANIFEST_ASSET = 'bank/manifest.json';
export const NATIVE_ADDON_ASSET = 'better_sqlite3.node';

let sea: SeaModule | null | undefined;
let standaloneEntry = false;

/** Called by the executable's entry (src/sea-main.ts) only: other runs never load node:sea, which costs a start-up about 1.5 ms. */
export function markStandaloneEntry(): void {
  standaloneEntry = true;
}

function seaModule(): SeaModule | null {
  if (!standaloneEntry) return null;
  if (sea === undefined) {
    try {
      const require = createRequire(import.meta.url);
      const mod = require('node:sea') as SeaModule;
      sea = mod.isSea() ? mod : null;
    } catch {
      sea = null;
    }
  }
  return sea;
}

/** The shipped bank inside the executable, or null when running from the package. */
export function embeddedBankFiles(): BankSource[] | null {
  const s = seaModule();
  if (!s) return null;
  const names = JSON.parse(s.getAsset(BANK_MANIFEST_ASSET, 'utf8')) as string[];
  return names.map((name) => ({ path: `questions/${name}`, bytes: Buffer.from(s.getAsset(`bank/${name}`)) }));
}

let addon: object | undefined;

/**
 * better-sqlite3's addon, extracted once to a cache folder keyed by its hash
 * and loaded from there (an executable cannot dlopen from memory); loaded
 * once per process however many databases are opened.
 */
export function embeddedNativeAddon(env: NodeJS.ProcessEnv = process.env): object | undefined {
  const s = seaModule();
  if (!s) return undefined;
  if (addon) return addon;
  const bytes = Buffer.from(s.getAsset(NATIVE_ADDON_ASSET));
  // Loaded here, not at the top: node:crypto costs every command a few milliseconds to load.
  const { createHash } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const dir = join(cacheDir(env), hash);
  const file = join(dir, 'better_sqlite3.node');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    replaceFile(file, bytes, { mode: 0o700 });
  }
  const loaded = { exports: {} as object };
  process.dlopen(loaded, file);
  addon = loaded.exports;
  return addon;
}
