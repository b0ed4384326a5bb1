import { readFileSync } from 'node:fs';

/** Set by the standalone build (scripts/package-sea.mjs), where there is no package.json beside the code. */
declare const __MRSO_VERSION__: string | undefined;

export function version(): string {
  if (typeof __MRSO_VERSION__ === 'string') return __MRSO_VERSION__;
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
