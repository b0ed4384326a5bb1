#!/usr/bin/env node
// Build one standalone executable for this platform with Node's single-executable
// applications (SEA) and postject, offline: the bundled CLI, the question bank and
// better-sqlite3's native addon go in as embedded assets.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bankCodeId } from './bank-code-id.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build', 'sea');
const exe = join(root, 'build', process.platform === 'win32' ? 'mrso.exe' : 'mrso');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const require = createRequire(import.meta.url);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// 1. One CommonJS file: SEA runs a single script whose require() sees only built-in modules.
await build({
  entryPoints: [join(root, 'src', 'startup', 'sea-main.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // A SEA's script cannot import() (Node gives it no dynamic-import callback): every import() becomes a require().
  supported: { 'dynamic-import': false },
  outfile: join(out, 'mrso.cjs'),
  define: { __MRSO_VERSION__: JSON.stringify(pkg.version), __MRSO_BANK_CODE__: JSON.stringify(bankCodeId(root)), 'import.meta.url': '__mrso_import_meta_url' },
  banner: { js: "var __mrso_import_meta_url = require('node:url').pathToFileURL(typeof __filename === 'string' ? __filename : process.execPath).href;" },
  legalComments: 'none',
  logLevel: 'warning',
});

// 2. Assets: the bank files and the native addon this platform's better-sqlite3 built.
const bankDir = join(root, 'questions');
const bankFiles = readdirSync(bankDir).filter((n) => /\.ya?ml$/.test(n)).sort();
writeFileSync(join(out, 'manifest.json'), JSON.stringify(bankFiles));
const addon = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
const assets = { 'bank/manifest.json': join(out, 'manifest.json'), 'better_sqlite3.node': addon };
for (const name of bankFiles) assets[`bank/${name}`] = join(bankDir, name);
const config = { main: join(out, 'mrso.cjs'), output: join(out, 'sea-prep.blob'), disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: true, assets };
writeFileSync(join(out, 'sea-config.json'), JSON.stringify(config, null, 2));
execFileSync(process.execPath, ['--experimental-sea-config', join(out, 'sea-config.json')], { stdio: 'inherit' });

// 3. A copy of this node binary with the blob injected.
copyFileSync(process.execPath, exe);
chmodSync(exe, 0o755);
const postject = join(dirname(require.resolve('postject/package.json')), 'dist', 'cli.js');
const args = [postject, exe, 'NODE_SEA_BLOB', join(out, 'sea-prep.blob'), '--sentinel-fuse', 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2'];
if (process.platform === 'darwin') args.push('--macho-segment-name', 'NODE_SEA');
execFileSync(process.execPath, args, { stdio: 'inherit' });
console.log(`Built ${exe} (${(readFileSync(exe).length / 1048576).toFixed(0)} MB, mrso ${pkg.version}, ${bankFiles.length} bank files)`);
