import { decodeCompiledBank, encodeCompiledBank } from '../../src/bank/compiled.js';
import type { QuestionPool } from '../../src/bank/pool.js';
import type { Bank } from '../../src/bank/types.js';

/**
 * The bank as a command gets it from the compiled-bank cache: the lazy pool
 * over the stored entry, which reads and parses a question only when it is
 * asked for. `reads()` counts the questions read so far.
 */
export function compiledPool(bank: Bank): { pool: QuestionPool; reads: () => number } {
  const entry = encodeCompiledBank({ modules: bank.modules, forms: bank.forms, questions: bank.questions, cards: bank.cards, issues: [] });
  const headerEnd = entry.indexOf(0x0a);
  let reads = 0;
  const compiled = decodeCompiledBank({
    size: entry.length,
    firstLine: () => entry.subarray(0, headerEnd),
    read: (ranges) => {
      reads += ranges.length;
      return ranges.map(([start, length]) => Buffer.from(entry.subarray(start, start + length)));
    },
  });
  if (!compiled) throw new Error('the compiled bank did not decode');
  return { pool: compiled.pool(), reads: () => reads };
}
