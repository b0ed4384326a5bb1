import { afterEach, describe, expect, it } from 'vitest';
import { diskBankCache, noBankCache, type BankCache } from '../../src/bank-source/cache.js';
import { openBank } from '../../src/bank-source/open.js';
import { SMALL_BANK, tempDir } from '../helpers/cli.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('the flashcards alone (what `mrso cards` opens the bank for)', () => {
  it('are the bank’s modules and cards, freshly compiled and then from the compiled-bank cache', async () => {
    const t = tempDir('mrso-cards-need-');
    cleanup = t.cleanup;
    const whole = (await openBank(SMALL_BANK, 'bank', { cache: noBankCache })).content;
    expect(whole.cards.length).toBeGreaterThan(0);
    const disk = diskBankCache('test', t.dir);
    let served = 0;
    const cache: BankCache = {
      ...disk,
      getBank: (key) => {
        const entry = disk.getBank(key);
        if (entry) served++;
        return entry;
      },
    };
    const compiled = await openBank(SMALL_BANK, 'cards', { cache });
    expect(served).toBe(0);
    const cached = await openBank(SMALL_BANK, 'cards', { cache });
    expect(served).toBe(1);
    for (const opened of [compiled, cached]) {
      expect(opened.content).toEqual({ modules: whole.modules, cards: whole.cards });
      expect(opened.questionCount).toBe(whole.questions.length);
    }
  });
});
