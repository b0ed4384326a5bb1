import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openBank, readBank, type OpenBankOptions } from '../../src/bank-source/open.js';
import { UserError } from '../../src/errors.js';
import { diskBankCache, type BankCache } from '../../src/bank-source/cache.js';
import { documentsCited } from '../../src/bank/outline.js';
import { bankCodeId } from '../../scripts/bank-code-id.mjs';
import { ROOT, SMALL_BANK, tempDir } from '../helpers/cli.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

/** The disk cache, counting how often the bank had to be parsed (a miss) rather than served compiled, and how often its bytes were hashed. */
function countingCache(dir: string): BankCache & { parses: () => number; hashes: () => number } {
  const cache = diskBankCache('test', dir);
  let parses = 0;
  let hashes = 0;
  return {
    ...cache,
    keyOf: (files) => {
      hashes++;
      return cache.keyOf(files);
    },
    parsed: {
      get: (file) => {
        parses++;
        return cache.parsed.get(file);
      },
      set: (file, parsed) => cache.parsed.set(file, parsed),
    },
    parses: () => parses,
    hashes: () => hashes,
  };
}

const readPool = async (dir: string, cache: BankCache, options: OpenBankOptions = {}) => {
  const opened = await openBank(dir, 'pool', { ...options, cache });
  return { pool: opened.content, issues: opened.issues };
};
const readBankOutline = async (dir: string, cache: BankCache, options: OpenBankOptions = {}) => {
  const opened = await openBank(dir, 'outline', { ...options, cache });
  return { outline: opened.content, issues: opened.issues };
};

/** A clock a minute ahead: the bank files look long settled without the test waiting. */
const later = () => Date.now() + 60_000;

describe('compiled bank cache', () => {
  it('serves an unchanged bank from the cache without parsing, and never a stale one after an edit', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const bankDir = join(t.dir, 'bank');
    cpSync(SMALL_BANK, bankDir, { recursive: true });
    const cache = countingCache(join(t.dir, 'cache'));
    const yamlFiles = readdirSync(bankDir).filter((n) => n.endsWith('.yaml')).length;

    const first = await readBank(bankDir, cache);
    expect(first.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(cache.parses()).toBe(yamlFiles);
    const entries = readdirSync(join(t.dir, 'cache'));
    expect(entries.length).toBe(yamlFiles + 2); // one per file, plus the compiled bank with its findings and its outline

    // Served compiled: the same bank, no file parsed, no new entries.
    const again = await readBank(bankDir, cache);
    expect(again.bank.questions.map((q) => q.hash)).toEqual(first.bank.questions.map((q) => q.hash));
    expect(cache.parses()).toBe(yamlFiles);
    expect(readdirSync(join(t.dir, 'cache')).length).toBe(entries.length);
    // The outline the reports read is served the same way and agrees with the bank.
    const outline = await readBankOutline(bankDir, cache);
    expect(cache.parses()).toBe(yamlFiles);
    expect(outline.outline.questionCount).toBe(first.bank.questions.length);
    expect(outline.outline.cardIds).toEqual(first.bank.cards.map((c) => c.id));
    for (const q of first.bank.questions) expect(outline.outline.documentsOf(q.id)).toEqual(documentsCited(q.refs));
    expect(outline.outline.documentsOf('no-such-item')).toBeUndefined();

    // Edit a key so that it points at no choice: the error shows at once.
    const file = join(bankDir, '01-one.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace(/answer: C/, 'answer: E'));
    const edited = await readBank(bankDir, cache);
    expect(edited.issues.some((i) => i.severity === 'error' && /answer E points at no choice/.test(i.message))).toBe(true);

    // A valid re-key of the same length: the cached bank must carry the new key, never the old one.
    writeFileSync(file, original.replace(/answer: C/, 'answer: B'));
    const rekeyed = await readBank(bankDir, cache);
    expect(rekeyed.bank.questionsById.get('m1-alpha-001')?.answer).toBe('B');
    expect((await readBank(bankDir, cache)).bank.questionsById.get('m1-alpha-001')?.answer).toBe('B');

    // A changed ref reaches the outline too (stats groups misses by the documents cited).
    writeFileSync(file, readFileSync(file, 'utf8').replace('refs: [Fixture reference A]', 'refs: [ACR Manual on MR Safety (2024)]'));
    const changedRefs = await readBankOutline(bankDir, cache);
    expect(changedRefs.outline.documentsOf('m1-alpha-001')).toContain('ACR Manual on MR Safety (2024)');

    // Duplicate a stem across files: a whole-bank rule, so the cached bank and its findings must follow the content too.
    const other = join(bankDir, '02-two.yaml');
    const stem = /stem: (.+)/.exec(original)![1]!;
    writeFileSync(file, original);
    writeFileSync(other, readFileSync(other, 'utf8').replace(/stem: .+/, `stem: ${stem}`));
    const duplicated = await readBank(bankDir, cache);
    expect(duplicated.issues.some((i) => /same stem as/.test(i.message))).toBe(true);

    // Renaming a file changes what messages name, so it is a different bank too.
    const renamed = join(bankDir, '03-two.yaml');
    writeFileSync(renamed, readFileSync(other));
    writeFileSync(other, '');
    const moved = await readBank(bankDir, cache);
    expect(moved.issues.find((i) => /same stem as/.test(i.message))?.file).toMatch(/03-two\.yaml$/);
  });

  it('treats a damaged or foreign cache entry as a miss: the bank is parsed again, never a crash or a wrong bank', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const cacheDir = join(t.dir, 'cache');
    const cache = countingCache(cacheDir);
    const first = await readBank(SMALL_BANK, cache);
    const parsesBefore = cache.parses();

    // Every entry replaced: some with JSON of the wrong shape, some cut short.
    readdirSync(cacheDir).forEach((name, i) => {
      const path = join(cacheDir, name);
      writeFileSync(path, i % 2 === 0 ? '{"kind":"module","questions":5,"issues":[]}' : readFileSync(path, 'utf8').slice(0, 40));
    });
    const again = await readBank(SMALL_BANK, cache);
    expect(cache.parses()).toBeGreaterThan(parsesBefore);
    expect(again.bank.questions).toEqual(first.bank.questions);
    expect(again.issues).toEqual(first.issues);

    for (const name of readdirSync(cacheDir)) writeFileSync(join(cacheDir, name), '{}');
    const outline = await readBankOutline(SMALL_BANK, cache);
    expect(outline.outline.questionCount).toBe(first.bank.questions.length);
    expect(outline.outline.documentsOf('m1-alpha-001')).toEqual(documentsCited(first.bank.questionsById.get('m1-alpha-001')!.refs));
  });

  it('keys the built cache on the bank code too: editing a rule, the schema or a locked dependency gives a new key', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const root = join(t.dir, 'tree');
    for (const folder of ['bank', 'bank-source']) cpSync(join(ROOT, 'src', folder), join(root, 'src', folder), { recursive: true });
    cpSync(join(ROOT, 'package-lock.json'), join(root, 'package-lock.json'));
    const ids = [bankCodeId(root)];
    for (const file of ['src/bank/rules.ts', 'src/bank/schema.ts', 'src/bank-source/cache.ts', 'package-lock.json']) {
      writeFileSync(join(root, file), `${readFileSync(join(root, file), 'utf8')}\n`);
      ids.push(bankCodeId(root));
    }
    expect(new Set(ids).size).toBe(5);
    expect(bankCodeId(root)).toBe(ids[4]); // and it is stable for the same tree
  });

  it("knows a settled bank by its files' signature without reading them, and reads every byte again after any edit", async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const bankDir = join(t.dir, 'bank');
    cpSync(SMALL_BANK, bankDir, { recursive: true });
    const cache = countingCache(join(t.dir, 'cache'));

    const first = await readBank(bankDir, cache, { now: later });
    expect(cache.hashes()).toBe(1);
    // Unchanged files: every kind of read is served by signature, nothing hashed again.
    const again = await readBank(bankDir, cache, { now: later });
    const { pool } = await readPool(bankDir, cache, { now: later });
    const { outline } = await readBankOutline(bankDir, cache, { now: later });
    expect(cache.hashes()).toBe(1);
    expect(again.bank.questions).toEqual(first.bank.questions);
    expect(outline.questionCount).toBe(first.bank.questions.length);
    expect(pool.questions(['m1-alpha-001'])).toEqual([first.bank.questionsById.get('m1-alpha-001')]);

    // A same-length re-key written in place: the change time moves, so the bytes are read and the new key is served.
    const file = join(bankDir, '01-one.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/answer: C/, 'answer: B'));
    const rekeyed = await readBank(bankDir, cache, { now: later });
    expect(cache.hashes()).toBe(2);
    expect(rekeyed.bank.questionsById.get('m1-alpha-001')?.answer).toBe('B');
    const rekeyedPool = (await readPool(bankDir, cache, { now: later })).pool;
    expect(rekeyedPool.questions(['m1-alpha-001'])[0]?.answer).toBe('B');

    // mrso bank check reads and hashes every byte, whatever the signature says.
    await readBank(bankDir, cache, { now: later, verify: true });
    expect(cache.hashes()).toBe(3);
  });

  it('does not trust the signature of files changed in the last few seconds (a second edit could keep the same time stamps)', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const bankDir = join(t.dir, 'bank');
    cpSync(SMALL_BANK, bankDir, { recursive: true }); // written just now
    const cache = countingCache(join(t.dir, 'cache'));
    await readBank(bankDir, cache);
    await readBank(bankDir, cache);
    expect(cache.hashes()).toBe(2);
    expect(readdirSync(join(t.dir, 'cache')).some((n) => n.startsWith('signature-'))).toBe(false);
  });

  it("serves an exam's pool from the compiled bank: each question exactly as compiled, in the order asked", async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const cache = countingCache(join(t.dir, 'cache'));
    const { bank } = await readBank(SMALL_BANK, cache);
    const parses = cache.parses();
    const { pool } = await readPool(SMALL_BANK, cache);
    expect(cache.parses()).toBe(parses);
    expect(pool.size).toBe(bank.questions.length);
    const byModule = pool.modules.flatMap((m) => pool.positionsOf(m.number).map((p) => `${m.number}/${pool.moduleAt(p)}/${pool.idAt(p)}/${p}`));
    expect(byModule.sort()).toEqual(bank.questions.map((q, p) => `${q.module}/${q.module}/${q.id}/${p}`).sort());
    expect(pool.questionsAt([2, 0])).toEqual([bank.questions[2], bank.questions[0]]);
    const ids = bank.questions.map((q) => q.id).reverse();
    expect(pool.questions([...ids, 'no-such-item'])).toEqual([...ids.map((id) => bank.questionsById.get(id)), undefined]);
  });

  it('catches a compiled question whose bytes were swapped for another: the exam stops with one line and the entry is dropped', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const cacheDir = join(t.dir, 'cache');
    const cache = countingCache(cacheDir);
    const first = await readBank(SMALL_BANK, cache);
    const entry = join(cacheDir, readdirSync(cacheDir).find((n) => n.startsWith('bank-'))!);
    // Same length, so the header still fits: only the id check can tell.
    writeFileSync(entry, readFileSync(entry, 'utf8').replace('"id":"m1-alpha-001"', '"id":"m1-alpha-00X"'));

    const { pool } = await readPool(SMALL_BANK, cache);
    expect(() => pool.questions(['m1-alpha-001'])).toThrow(UserError);
    expect(() => pool.questions(['m1-alpha-001'])).toThrow(/compiled-bank cache was damaged/);
    expect(existsSync(entry)).toBe(false);
    // The next read compiles afresh and serves the true item.
    const parsesBefore = cache.parses();
    const again = await readBank(SMALL_BANK, cache);
    expect(cache.parses()).toBeGreaterThan(parsesBefore);
    expect(again.bank.questionsById.get('m1-alpha-001')).toEqual(first.bank.questionsById.get('m1-alpha-001'));
  });

  it('serves a compiled entry only under the key of the bank bytes it was compiled from: a copied entry is a miss', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const bankDir = join(t.dir, 'bank');
    cpSync(SMALL_BANK, bankDir, { recursive: true });
    const cacheDir = join(t.dir, 'cache');
    const cache = countingCache(cacheDir);
    const before = await readBank(bankDir, cache);
    const oldEntry = readdirSync(cacheDir).find((n) => n.startsWith('bank-'))!;
    const file = join(bankDir, '01-one.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/answer: C/, 'answer: B'));
    const edited = await readBank(bankDir, cache);
    const newEntry = readdirSync(cacheDir).find((n) => n.startsWith('bank-') && n !== oldEntry)!;
    // The old bank's entry put in place of the new one.
    copyFileSync(join(cacheDir, oldEntry), join(cacheDir, newEntry));
    const again = await readBank(bankDir, cache);
    expect(again.bank.questionsById.get('m1-alpha-001')?.answer).toBe('B');
    expect(again.bank.questions).toEqual(edited.bank.questions);
    expect(before.bank.questionsById.get('m1-alpha-001')?.answer).not.toBe('B');
  });

  it('keeps no compiled bank in a cache folder that others can write', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const cacheDir = join(t.dir, 'cache');
    mkdirSync(cacheDir, { mode: 0o700 });
    chmodSync(cacheDir, 0o777);
    const cache = countingCache(cacheDir);
    await readBank(SMALL_BANK, cache);
    await readBank(SMALL_BANK, cache);
    expect(readdirSync(cacheDir)).toEqual([]);
  });
});
