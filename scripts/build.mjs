#!/usr/bin/env node
// Build dist/: the CLI bundled with esbuild into CommonJS files, one per lazily
// imported command plus shared chunks, so a run loads a few small files.
// Type checking is `npm run typecheck`; esbuild only strips types.
//
// Why CommonJS: Node starts its ES-module loader on the first ESM file, which
// costs ~4 ms of every run on Node 20 (and ESM importing the CommonJS
// better-sqlite3 costs a lexer pass more). esbuild splits code into shared
// chunks only for ESM output, so pass 1 bundles and splits as ESM and pass 2
// turns each chunk into CommonJS, keeping the chunk graph (one copy of every
// module, so `instanceof` across chunks still holds).
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bankCodeId } from './bank-code-id.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// commander loads node:child_process at start-up only for executable
// subcommands, which mrso has none of; loading it on first use saves ~3 ms.
const lazyChildProcessForCommander = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]commander[\\/]/.test(args.importer) ? { path: 'lazy-child-process', namespace: 'mrso-lazy' } : undefined,
    );
    b.onLoad({ filter: /^lazy-child-process$/, namespace: 'mrso-lazy' }, () => ({
      contents: "module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };",
      loader: 'js',
    }));
  },
};

// chalk's colour support asks node:tty whether stdout and stderr are terminals when it loads, and node:tty loads
// node:net and the stream code (~3 ms). startup/stdout.ts answers the same question by fstat for a pipe or a
// file, and loads node:tty only for a character device (the only kind of file that can be a terminal).
const ttyByFstatForChalk = {
  name: 'tty-by-fstat',
  setup(b) {
    b.onResolve({ filter: /^node:tty$/ }, (args) =>
      /[\\/]chalk[\\/]/.test(args.importer) ? { path: 'tty-by-fstat', namespace: 'mrso-lazy' } : undefined,
    );
    b.onLoad({ filter: /^tty-by-fstat$/, namespace: 'mrso-lazy' }, () => ({
      contents: "import { isTerminal } from './src/startup/stdout.ts'; export default { isatty: isTerminal };",
      resolveDir: root,
      loader: 'js',
    }));
  },
};

rmSync(outdir, { recursive: true, force: true });

// Pass 1: bundle and split as ESM, with .cjs names so chunks refer to each other by their final names.
// Its metafile (dist/meta.json) maps each output file to the sources in it: tests/unit/startup-load.test.ts
// reads it to check which modules `mrso --help` loads.
const pass1 = await build({
  metafile: true,
  entryPoints: [join(root, 'src', 'main.ts')],
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Everything is bundled, better-sqlite3's JavaScript too; its native addon is found by src/files/sqlite-addon.ts.
  // The version is known at build time: no package.json read on every start.
  // import.meta.url has no CommonJS form; pass 2's banner defines this stand-in.
  define: { __MRSO_VERSION__: JSON.stringify(pkg.version), __MRSO_BANK_CODE__: JSON.stringify(bankCodeId(root)), 'import.meta.url': '__mrsoModule.url' },
  plugins: [lazyChildProcessForCommander, ttyByFstatForChalk],
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
});

writeFileSync(join(outdir, 'meta.json'), JSON.stringify(pass1.metafile));

// Pass 2: each file to CommonJS in place; dynamic import() becomes a lazy require().
const files = readdirSync(outdir).filter((f) => f.endsWith('.cjs'));
await build({
  entryPoints: files.map((f) => join(outdir, f)),
  outdir,
  allowOverwrite: true,
  outExtension: { '.js': '.cjs' },
  bundle: false,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  supported: { 'dynamic-import': false },
  // Worked out only when read (two files do): pathToFileURL in every file cost ~0.6 ms a start.
  banner: { js: "const __mrsoModule = { get url() { return require('node:url').pathToFileURL(__filename).href; } };" },
  // Less to parse at start-up; --debug turns on the source maps, so stack traces still name src/ files.
  // MRSO_NO_MINIFY=1 keeps names, so that a --cpu-prof profile reads as the source does.
  minify: process.env.MRSO_NO_MINIFY !== '1',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
});

// The code cache is loaded by bin/mrso.cjs before main: one small self-contained file, since whatever
// it loads is loaded before the cache is on (src/startup/code-cache.ts).
await build({
  entryPoints: [join(root, 'src', 'startup', 'code-cache.ts')],
  outfile: join(outdir, 'startup.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: process.env.MRSO_NO_MINIFY !== '1',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  // paths.ts's shippedBankDir reads import.meta.url; it is not used here and not kept.
  logOverride: { 'empty-import-meta': 'silent' },
});
