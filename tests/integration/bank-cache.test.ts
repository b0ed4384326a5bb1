import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/load.js';
import type { BankFile } from '../../src/bank/types.js';
import { diskParseCache } from '../../src/files/bank-cache.js';
import { SMALL_BANK, tempDir } from '../helpers/cli.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const filesOf = (dir: string): BankFile[] =>
  readdirSync(dir)
    .filter((n) => n.endsWith('.yaml'))
    .sort()
    .map((n) => ({ path: join(dir, n), text: readFileSync(join(dir, n), 'utf8') }));

describe('compiled bank cache', () => {
  it('serves an unchanged bank from the cache, and never a stale one after an edit', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const bankDir = join(t.dir, 'bank');
    cpSync(SMALL_BANK, bankDir, { recursive: true });
    const cache = diskParseCache('test', join(t.dir, 'cache'));

    const first = loadBank(filesOf(bankDir), cache);
    expect(first.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const entries = readdirSync(join(t.dir, 'cache'));
    expect(entries.length).toBe(filesOf(bankDir).length + 1); // one per file, plus the assembled bank with its findings

    // Served from the cache: the same bank, and no new entries.
    const again = loadBank(filesOf(bankDir), cache);
    expect(again.bank.questions.map((q) => q.hash)).toEqual(first.bank.questions.map((q) => q.hash));
    expect(readdirSync(join(t.dir, 'cache')).length).toBe(entries.length);

    // Edit a key so that it points at no choice: the error shows at once.
    const file = join(bankDir, '01-one.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace(/answer: C/, 'answer: E'));
    const edited = loadBank(filesOf(bankDir), cache);
    expect(edited.issues.some((i) => i.severity === 'error' && /answer E points at no choice/.test(i.message))).toBe(true);

    // A valid re-key of the same length: the cached bank must carry the new key, never the old one.
    writeFileSync(file, original.replace(/answer: C/, 'answer: B'));
    const rekeyed = loadBank(filesOf(bankDir), cache);
    expect(rekeyed.bank.questionsById.get('m1-alpha-001')?.answer).toBe('B');
    expect(loadBank(filesOf(bankDir), cache).bank.questionsById.get('m1-alpha-001')?.answer).toBe('B');

    // Duplicate a stem across files: a whole-bank rule, so the cached bank and its findings must follow the content too.
    const other = join(bankDir, '02-two.yaml');
    const stem = /stem: (.+)/.exec(original)![1]!;
    writeFileSync(file, original);
    writeFileSync(other, readFileSync(other, 'utf8').replace(/stem: .+/, `stem: ${stem}`));
    const duplicated = loadBank(filesOf(bankDir), cache);
    expect(duplicated.issues.some((i) => /same stem as/.test(i.message))).toBe(true);
  });
});
