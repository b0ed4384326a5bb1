import { seaModule } from '../startup/sea.js';
import type { BankSource } from './folder.js';

/** Asset name, shared with scripts/package-sea.mjs. */
export const BANK_MANIFEST_ASSET = 'bank/manifest.json';

/** The shipped bank inside the standalone executable, or null when running from the package. */
export function embeddedBankFiles(): BankSource[] | null {
  const s = seaModule();
  if (!s) return null;
  const names = JSON.parse(s.getAsset(BANK_MANIFEST_ASSET, 'utf8')) as string[];
  return names.map((name) => ({ path: `questions/${name}`, bytes: Buffer.from(s.getAsset(`bank/${name}`)) }));
}
