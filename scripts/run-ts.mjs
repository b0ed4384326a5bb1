// Bundle a TypeScript entry (type-checked with the rest by `npm run typecheck`) with esbuild and run it,
// for the scripts that share the app's own code (validate-readiness, make-forms).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export async function runTs(entry) {
  // Built inside node_modules so that the bundle finds better-sqlite3 there.
  mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
  const out = mkdtempSync(join(root, 'node_modules', '.cache', 'mrso-script-'));
  try {
    await build({
      entryPoints: [join(root, entry)],
      outfile: join(out, 'main.mjs'),
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      external: ['better-sqlite3'],
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      define: { __MRSO_VERSION__: '"script"', __MRSO_BANK_CODE__: '"script"' },
      logLevel: 'warning',
    });
    await import(pathToFileURL(join(out, 'main.mjs')).href);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
