#!/usr/bin/env node
// `npm run validate-readiness`: bundle the TypeScript harness (scripts/readiness/, type-checked with the rest)
// with esbuild and run it. It runs the real draw, store and estimator on simulated learners; see the README.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Built inside node_modules so that the bundle finds better-sqlite3 there.
mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
const out = mkdtempSync(join(root, 'node_modules', '.cache', 'mrso-validate-'));
try {
  await build({
    entryPoints: [join(root, 'scripts', 'readiness', 'main.ts')],
    outfile: join(out, 'main.mjs'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // better-sqlite3 stays a package import (its native addon is found from node_modules).
    external: ['better-sqlite3'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    define: { __MRSO_VERSION__: '"validate"', __MRSO_BANK_CODE__: '"validate"' },
    logLevel: 'warning',
  });
  process.chdir(root);
  await import(pathToFileURL(join(out, 'main.mjs')).href);
} finally {
  if (!process.env.MRSO_KEEP_BUNDLE) rmSync(out, { recursive: true, force: true });
}
