import { createHmac } from 'node:crypto';
import { decodeCompiledBank, encodeCompiledBank, type PartMac } from '../../src/bank/compiled.js';
import type { QuestionPool } from '../../src/bank/pool.js';
import type { Bank } from '../../src/bank/types.js';

/**
 * The bank as a command gets it from the compiled-bank cache: the lazy pool
 * over the stored entry, which reads and parses a question only when it is
 * asked for. `reads()` counts the questions read so far.
 */
export function compiledPool(bank: Bank): { pool: QuestionPool; reads: () => number } {
  const mac: PartMac = (part, bytes) => createHmac('sha256', 'test key').update(part).update(bytes).digest('hex');
  const entry = encodeCompiledBank({ modules: bank.modules, forms: bank.forms, questions: bank.questions, cards: bank.cards, issues: [] }, mac);
  const headerEnd = entry.indexOf(0x0a);
  let reads = 0;
  const compiled = decodeCompiledBank(
    {
      size: entry.length,
      firstLine: () => ({ bytes: entry.subarray(0, headerEnd), whole: false }),
      read: (ranges) => {
        reads += ranges.length;
        return { parts: ranges.map(([start, length]) => Buffer.from(entry.subarray(start, start + length))), whole: false };
      },
      worthCheckingWhole: () => false,
      foundWhole: () => {},
    },
    mac,
  );
  if (!compiled) throw new Error('the compiled bank did not decode');
  return { pool: compiled.pool(), reads: () => reads };
}
