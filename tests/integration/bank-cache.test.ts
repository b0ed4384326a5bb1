import { chmodSync, copyFileSync, cpSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openBank, readBank, type OpenBankOptions } from '../../src/bank-source/open.js';
import { UserError } from '../../src/errors.js';
import { diskBankCache, type BankCache } from '../../src/bank-source/cache.js';
import { documentsCited } from '../../src/bank/outline.js';
import { bankCodeId } from '../../scripts/bank-code-id.mjs';
import { ROOT, SMALL_BANK, runCli, tempDir } from '../helpers/cli.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

/** The disk cache (its key in a `keys` folder beside it), counting how often the bank had to be parsed (a miss) rather than served compiled, and how often its bytes were hashed. */
function countingCache(dir: string, keyFolder = join(dirname(dir), 'keys'), now?: () => number): BankCache & { parses: () => number; hashes: () => number } {
  const cache = diskBankCache('test', dir, keyFolder, now);
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

  it('serves one settled bank from any working folder: no re-hash, no re-parse, and problems still named from where mrso runs', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const bankDir = join(t.dir, 'bank');
    cpSync(SMALL_BANK, bankDir, { recursive: true });
    const file = join(bankDir, '01-one.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('topic: alpha', 'topic: nowhere'));
    const cache = countingCache(join(t.dir, 'cache'));
    const from = async (cwd: string, dir: string) => {
      const before = process.cwd();
      process.chdir(cwd);
      try {
        return await readBank(dir, cache, { now: later });
      } finally {
        process.chdir(before);
      }
    };
    const inside = await from(t.dir, 'bank');
    expect([cache.hashes(), cache.parses()]).toEqual([1, 3]);
    const elsewhere = await from(ROOT, bankDir);
    const below = await from(bankDir, '.');
    // The bank is the same files whichever folder mrso runs in: known by its signature, served compiled.
    expect([cache.hashes(), cache.parses()]).toEqual([1, 3]);
    expect(elsewhere.bank.questions).toEqual(inside.bank.questions);
    // Each problem names its file as seen from where mrso runs.
    const where = (issues: { file: string }[]) => [...new Set(issues.map((i) => i.file))];
    expect(where(inside.issues)).toEqual(['bank/01-one.yaml']);
    expect(where(elsewhere.issues)).toEqual([file]);
    expect(where(below.issues)).toEqual(['01-one.yaml']);
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

/** A folder with a copy of the small bank, a cache and its key folder; the bank read once, so that the cache holds it. */
async function cachedBank() {
  const t = tempDir();
  cleanup = t.cleanup;
  const bankDir = join(t.dir, 'bank');
  cpSync(SMALL_BANK, bankDir, { recursive: true });
  const cacheDir = join(t.dir, 'cache');
  const keyFile = join(t.dir, 'keys', 'bank-cache.key');
  // The clock a minute ahead: entries look settled, so that each one found whole is remembered as such.
  const cache = countingCache(cacheDir, undefined, later);
  const truth = (await readBank(bankDir, cache, { now: later })).bank;
  await openBank(bankDir, 'outline', { cache, now: later });
  await readBank(bankDir, cache, { now: later });
  await openBank(bankDir, 'outline', { cache, now: later });
  const entry = (prefix: string) => join(cacheDir, readdirSync(cacheDir).find((n) => n.startsWith(prefix))!);
  // The tamper tests below edit entries already found whole: what is remembered must not outlive an edit.
  const remembered = Object.keys((JSON.parse(readFileSync(join(t.dir, 'keys', 'bank-cache.checked'), 'utf8')) as { entries: object }).entries);
  expect(remembered.sort()).toEqual([entry('bank-'), entry('outline-'), entry('signature-')].map((p) => basename(p)).sort());
  return { root: t.dir, bankDir, cacheDir, keyFile, cache, truth, entry };
}

/** Rewrite a file in place with one same-length edit on the line that holds `marker`. */
function editInPlace(path: string, marker: string, from: string, to: string): void {
  expect(to.length).toBe(from.length);
  const lines = readFileSync(path, 'latin1').split('\n');
  const at = lines.findIndex((l) => l.includes(marker) && l.includes(from));
  expect(at).toBeGreaterThanOrEqual(0);
  lines[at] = lines[at]!.replace(from, to);
  writeFileSync(path, lines.join('\n'), 'latin1');
}

describe('a tampered compiled-bank cache', () => {
  it("never serves an answer key edited in a cached question's line: the exam stops with one line, the entry is removed, and the bank's own key comes back", async () => {
    const { bankDir, cache, truth, entry } = await cachedBank();
    expect(truth.questionsById.get('m1-alpha-001')?.answer).toBe('C');
    const bin = entry('bank-');
    editInPlace(bin, '"id":"m1-alpha-001"', '"answer":"C"', '"answer":"B"');

    // Just edited, the entry has not settled: the exam checks only the lines it draws, and stops at this one.
    const unsettled = countingCache(dirname(bin));
    const { pool } = await readPool(bankDir, unsettled, { now: later });
    expect(() => pool.questions(['m1-alpha-001'])).toThrow(/compiled-bank cache was damaged \(question \d+ failed its check\)/);
    expect(existsSync(bin)).toBe(false);
    const again = await readPool(bankDir, cache, { now: later });
    expect(again.pool.questions(['m1-alpha-001'])[0]?.answer).toBe('C');

    // Settled, an entry not found whole since its last change is checked whole before the draw: compiled afresh at once.
    editInPlace(bin, '"id":"m1-alpha-001"', '"answer":"C"', '"answer":"B"');
    const settled = await openBank(bankDir, 'pool', { cache, now: later });
    expect(settled.content.questions(['m1-alpha-001'])[0]?.answer).toBe('C');
    expect(settled.cacheDamaged.at(-1)).toBe('the questions and cards failed their check');

    // Read whole (review, bank items), the same edit is caught by the MAC over every line and compiled afresh.
    editInPlace(bin, '"id":"m1-alpha-001"', '"answer":"C"', '"answer":"B"');
    const whole = await openBank(bankDir, 'bank', { cache, now: later });
    expect(whole.content.questionsById.get('m1-alpha-001')?.answer).toBe('C');
    expect(whole.cacheDamaged.at(-1)).toBe('the questions and cards failed their check');
  });

  it("never serves a flashcard edited in the cached cards line: a flashcard session gets the bank's own card back", async () => {
    const { bankDir, cache, entry } = await cachedBank();
    // Just edited (not settled): only the header and the cards line are read, each checked by its own MAC.
    editInPlace(entry('bank-'), '"front":', '10,000 G', '90,000 G');
    const unsettled = await openBank(bankDir, 'cards', { cache: countingCache(dirname(entry('bank-'))), now: later });
    expect(unsettled.content.cards.map((c) => c.back)).toContain('10,000 G (so 1 mT = 10 G).');
    expect(unsettled.cacheDamaged.at(-1)).toBe('the cards failed its check');
    // Settled: the body is checked whole first.
    editInPlace(entry('bank-'), '"front":', '10,000 G', '90,000 G');
    const settled = await openBank(bankDir, 'cards', { cache, now: later });
    expect(settled.content.cards.map((c) => c.back).join()).not.toContain('90,000 G');
    expect(settled.cacheDamaged.at(-1)).toBe('the questions and cards failed their check');
  });

  it('catches an edited header, outline or signature record: each is removed and compiled afresh, never used', async () => {
    const { bankDir, cache, truth, entry } = await cachedBank();
    // The header: two items' places swapped would put one under the other's id.
    editInPlace(entry('bank-'), '"ids":', '"m1-alpha-001"', '"m1-alpha-00X"');
    const parses = cache.parses();
    const { pool } = await readPool(bankDir, cache, { now: later });
    expect(cache.parses()).toBeGreaterThan(parses);
    expect(pool.questions(['m1-alpha-001'])).toEqual([truth.questionsById.get('m1-alpha-001')]);
    expect(cache.damaged()).toEqual(['the header failed its check']);

    // The outline the reports read.
    const outline = entry('outline-');
    editInPlace(outline, 'questionIds', '"m1-alpha-001"', '"m1-alpha-00X"');
    const opened = await openBank(bankDir, 'outline', { cache, now: later });
    expect(opened.content.documentsOf('m1-alpha-001')).toEqual(documentsCited(truth.questionsById.get('m1-alpha-001')!.refs));
    expect(opened.cacheDamaged.at(-1)).toBe('the outline failed its check');
    expect(cache.parses()).toBeGreaterThan(parses + 1);

    // The signature record, pointed at another key: the bank's bytes are read and hashed instead.
    const hashes = cache.hashes();
    const record = entry('signature-');
    const key = /"key":"([0-9a-f])/.exec(readFileSync(record, 'utf8'))![1]!;
    editInPlace(record, '"key"', `"key":"${key}`, `"key":"${key === '0' ? '1' : '0'}`);
    expect((await readPool(bankDir, cache, { now: later })).pool.size).toBe(truth.questions.length);
    expect(cache.hashes()).toBe(hashes + 1);
    expect(cache.damaged().at(-1)).toBe("the bank folder's signature record failed its check");
  });

  it('never rebuilds from an edited parsed file: after an edit to another file, the untouched file keeps its own key', async () => {
    const { bankDir, cacheDir, cache } = await cachedBank();
    const parsedOne = readdirSync(cacheDir)
      .filter((n) => /^[0-9a-f]{64}\.json$/.test(n))
      .map((n) => join(cacheDir, n))
      .find((p) => readFileSync(p, 'utf8').includes('"id":"m1-alpha-001"'))!;
    editInPlace(parsedOne, '"id":"m1-alpha-001"', '"answer":"C"', '"answer":"B"');
    const other = join(bankDir, '02-two.yaml');
    writeFileSync(other, `${readFileSync(other, 'utf8')}\n`);
    const rebuilt = await readBank(bankDir, cache, { now: later });
    expect(rebuilt.bank.questionsById.get('m1-alpha-001')?.answer).toBe('C');
    expect(cache.damaged()).toEqual(['a parsed bank file failed its check']);
  });

  it('reads back every parsed file it wrote, the forms file too: a rebuild after an edit finds nothing damaged', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const bankDir = join(t.dir, 'bank');
    cpSync(SMALL_BANK, bankDir, { recursive: true });
    writeFileSync(join(bankDir, 'forms.yaml'), 'forms: []\n');
    const cache = countingCache(join(t.dir, 'cache'));
    await readBank(bankDir, cache);
    const file = join(bankDir, '01-one.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n`);
    await readBank(bankDir, cache);
    expect(cache.damaged()).toEqual([]);
  });

  it('with a key file that is missing, holds another key, or holds no key at all: every entry is compiled afresh, no crash, never the old one unchecked', async () => {
    const { bankDir, keyFile, truth, entry, cacheDir } = await cachedBank();
    const rekeyInCache = () => editInPlace(entry('bank-'), '"id":"m1-alpha-001"', '"answer":"C"', '"answer":"B"');
    const fresh = () => countingCache(cacheDir);
    for (const damage of [() => rmSync(keyFile), () => writeFileSync(keyFile, Buffer.alloc(32, 7)), () => writeFileSync(keyFile, 'not a key')]) {
      damage();
      const next = fresh();
      const { pool } = await readPool(bankDir, next, { now: later });
      expect(pool.questions(['m1-alpha-001'])).toEqual([truth.questionsById.get('m1-alpha-001')]);
      expect(next.damaged().length).toBeGreaterThan(0);
      expect(readFileSync(keyFile).length).toBe(32);
    }
    // The cache works again under the key now in place, and still catches an edit.
    rekeyInCache();
    const { pool } = await readPool(bankDir, fresh(), { now: later });
    expect(() => pool.questions(['m1-alpha-001'])).toThrow(/failed its check/);
  });

  it('keeps its key readable by the user alone: the file 0600 in a folder 0700', async () => {
    const { keyFile } = await cachedBank();
    expect(lstatSync(keyFile).mode & 0o777).toBe(0o600);
    expect(lstatSync(dirname(keyFile)).mode & 0o777).toBe(0o700);
  });

  it('refuses a key folder that others can write: the cache is off and the bank still opens', async () => {
    const { root, bankDir, keyFile, truth } = await cachedBank();
    chmodSync(dirname(keyFile), 0o770);
    const off = countingCache(join(root, 'cache-off'));
    expect((await readBank(bankDir, off, { now: later })).bank.questions).toEqual(truth.questions);
    expect(readdirSync(join(root, 'cache-off'))).toEqual([]);
  });

  it('refuses a key file that is a symlink or that others can write: the cache is off and the bank still opens', async () => {
    const { root, bankDir, keyFile, truth } = await cachedBank();
    const elsewhere = join(root, 'planted.key');
    writeFileSync(elsewhere, Buffer.alloc(32, 1), { mode: 0o600 });
    rmSync(keyFile);
    symlinkSync(elsewhere, keyFile);
    const offDir = join(root, 'cache-off');
    for (const refuse of [() => undefined, () => (rmSync(keyFile), writeFileSync(keyFile, Buffer.alloc(32, 1)), chmodSync(keyFile, 0o620))]) {
      refuse();
      const off = countingCache(offDir);
      const { bank } = await readBank(bankDir, off, { now: later });
      expect(bank.questionsById.get('m1-alpha-001')).toEqual(truth.questionsById.get('m1-alpha-001'));
      const parses = off.parses();
      await readBank(bankDir, off, { now: later });
      expect(off.parses()).toBe(2 * parses); // parsed again: nothing kept
      expect(readdirSync(offDir)).toEqual([]);
    }
  });

  it('has mrso bank check say in one line that it found and rebuilt a damaged entry', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const bankDir = join(t.dir, 'bank');
    cpSync(SMALL_BANK, bankDir, { recursive: true });
    const check = () => runCli(['bank', 'check', '--bank', bankDir], { home: t.dir });
    expect(check().code).toBe(0);
    const cacheDir = join(t.dir, '.cache', 'mrso', 'bank');
    const bin = join(cacheDir, readdirSync(cacheDir).find((n) => n.startsWith('bank-'))!);
    editInPlace(bin, '"id":"m1-alpha-001"', '"answer":"C"', '"answer":"B"');
    const caught = check();
    expect(caught.code).toBe(0);
    // One message, wrapped at 80 columns, before the report.
    expect(caught.stdout.replace(/\s+/g, ' ')).toMatch(/^The compiled-bank cache was damaged \(the questions and cards failed their check\): removed and rebuilt from the bank files\. \S/);
    const message = caught.stdout.split('\n').slice(0, caught.stdout.split('\n').findIndex((l) => l.endsWith('bank files.')) + 1);
    expect(message.every((l) => l.length <= 80)).toBe(true);
    expect(check().stdout).not.toMatch(/damaged/);
    expect(existsSync(join(t.dir, '.local', 'share', 'mrso', 'keys', 'bank-cache.key'))).toBe(true);
  });
});

describe('a compiled bank found whole', () => {
  it('serves an exam with no MAC checked, so without loading node:crypto, once bank check has found the settled entry whole', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const check = () => runCli(['bank', 'check', '--bank', SMALL_BANK], { home: t.dir });
    expect(check().code).toBe(0);
    // Entries are remembered as found whole only once settled (see signature.ts): wait past that.
    await new Promise((resolve) => setTimeout(resolve, 3200));
    expect(check().code).toBe(0);
    const preload = join(t.dir, 'loaded.cjs');
    const out = join(t.dir, 'loaded.json');
    writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(process.moduleLoadList)));\n`);
    const exam = runCli(['exam', '--count', '3', '--bank', SMALL_BANK], { home: t.dir, env: { NODE_OPTIONS: `--require ${preload}` } });
    expect(exam.stdout).toMatch(/\[1\/3\]/);
    const loaded = JSON.parse(readFileSync(out, 'utf8')) as string[];
    expect(loaded.filter((m) => /crypto/.test(m))).toEqual([]);

    // The same entry edited in place: its file is no longer the one found whole, so the exam checks its MACs (loading node:crypto).
    const cacheDir = join(t.dir, '.cache', 'mrso', 'bank');
    editInPlace(join(cacheDir, readdirSync(cacheDir).find((n) => n.startsWith('bank-'))!), '"id":"m1-alpha-001"', '"answer":"C"', '"answer":"B"');
    const edited = runCli(['exam', '--count', '3', '--bank', SMALL_BANK], { home: t.dir, env: { NODE_OPTIONS: `--require ${preload}` } });
    expect(`${edited.stdout}${edited.stderr}`).toMatch(/compiled-bank cache was damaged|\[1\/3\]/);
    expect((JSON.parse(readFileSync(out, 'utf8')) as string[]).some((m) => /crypto/.test(m))).toBe(true);
  });
});
