import { readFileSync } from 'node:fs';

/** Set at build time (scripts/build.mjs, scripts/package-sea.mjs); the package.json read is for code run from src/. */
declare const __MRSO_VERSION__: string | undefined;

export function version(): string {
  if (typeof __MRSO_VERSION__ === 'string') return __MRSO_VERSION__;
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
