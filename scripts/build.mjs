#!/usr/bin/env node
// Build dist/: one ESM bundle with a chunk per lazily imported command, so a
// run loads a few files instead of hundreds of modules (faster start-up).
// Type checking is `npm run typecheck`; esbuild only strips types.
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [join(root, 'src', 'main.ts')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // The native addon stays a normal package; everything else is bundled.
  external: ['better-sqlite3'],
  // The version is known at build time: no package.json read on every start.
  define: { __MRSO_VERSION__: JSON.stringify(pkg.version) },
  // Bundled CommonJS dependencies (commander) call require() for Node built-ins.
  banner: { js: "import { createRequire as __mrsoCreateRequire } from 'node:module'; const require = __mrsoCreateRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
