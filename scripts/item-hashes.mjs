#!/usr/bin/env node
// Print each question's content hash (what a recorded answer is tied to), as mrso computes it:
//   node scripts/item-hashes.mjs [BANK_DIR] [ID ...]      (default: the shipped bank, every item)
// Before rewording an item (its key, its choices' order and what it asks unchanged), note its hash and
// add it to the item's `supersedes` list afterwards, so records of attempts that met the old wording
// still re-mark (questions/AUTHORING.md). Bundles the bank loader from src/ with esbuild: no build needed.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [first, ...rest] = process.argv.slice(2);
const dir = first && !/^m\d+-/.test(first) ? resolve(first) : join(root, 'questions');
const ids = new Set(first && /^m\d+-/.test(first) ? [first, ...rest] : rest);

const out = mkdtempSync(join(tmpdir(), 'mrso-hashes-'));
let readBankDir, loadBank;
try {
  await build({
    stdin: { contents: "export { readBankDir } from './src/bank-source/folder.ts'; export { loadBank } from './src/bank/load.ts';", resolveDir: root, loader: 'ts' },
    outfile: join(out, 'bank.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'error',
    define: { __MRSO_VERSION__: '"dev"', __MRSO_BANK_CODE__: '"dev"', 'import.meta.url': '"file:///"' },
  });
  ({ readBankDir, loadBank } = createRequire(import.meta.url)(join(out, 'bank.cjs')));
} finally {
  rmSync(out, { recursive: true, force: true });
}
const { bank } = loadBank(readBankDir(dir).files.map((f) => ({ path: f.path, text: f.bytes.toString('utf8') })));
for (const q of bank.questions) if (ids.size === 0 || ids.has(q.id)) console.log(`${q.id}\t${q.hash}`);
