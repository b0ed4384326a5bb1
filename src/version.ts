import { readFileSync } from 'node:fs';

/** Set at build time (scripts/build.mjs, scripts/package-sea.mjs); the package.json read is for code run from src/. */
declare const __MRSO_VERSION__: string | undefined;
/** Set at build time from the bank code's sources (scripts/bank-code-id.mjs). */
declare const __MRSO_BANK_CODE__: string | undefined;

export function version(): string {
  if (typeof __MRSO_VERSION__ === 'string') return __MRSO_VERSION__;
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * An id of the code that parses and checks a bank (set at build time), so a
 * cached compiled bank never meets a changed rule; null when run from src/
 * (the tests), where nothing is cached on disk.
 */
export function bankCodeId(): string | null {
  return typeof __MRSO_BANK_CODE__ === 'string' ? __MRSO_BANK_CODE__ : null;
}
