import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentsCited, outlineOf, packOutline, unpackOutline, type PackedOutline } from '../../src/bank/outline.js';
import { withLookups } from '../../src/bank/lookups.js';
import { missesBySource, rankSources } from '../../src/report/stats.js';
import { question, syntheticBank } from '../helpers/bank.js';

const DOCS = ['ACR Manual on MR Safety (2024)', 'IEC 60601-2-33:2022', 'ASTM F2503', 'FDA guidance'];
const SECTIONS = ['', ' — zones', ' — 201.12', ' — screening'];

/** A bank whose questions cite random documents (some twice, in two sections), and misses on random ids, some not in the bank. */
/** Ids whose bank order is not their sorted order (q10 before q2), some beyond the BMP, where UTF-16 and UTF-8 orders differ. */
const idOf = (i: number) => (i % 5 === 4 ? `q${i}\u{1F600}` : i % 5 === 3 ? `q${i}\uFF21` : `q${i}`);

const banksAndMisses = fc
  .array(fc.array(fc.tuple(fc.integer({ min: 0, max: DOCS.length - 1 }), fc.integer({ min: 0, max: SECTIONS.length - 1 })), { maxLength: 4 }), { minLength: 1, maxLength: 40 })
  .chain((citations) =>
    fc.tuple(
      fc.constant(citations),
      fc.uniqueArray(fc.tuple(fc.oneof(fc.integer({ min: 0, max: citations.length - 1 }).map(idOf), fc.constantFrom('gone-1', 'q', 'zz', 'q5x')), fc.integer({ min: 1, max: 50 })), { selector: ([id]) => id, maxLength: 60 }),
    ),
  );

/** The outline as cached before its ids were sorted: in the bank's order (q10 before q2). */
function inBankOrder(packed: PackedOutline, bankOrder: string[]): PackedOutline {
  const docStart = [0];
  const docIndex: number[] = [];
  for (const id of bankOrder) {
    const p = packed.questionIds.indexOf(id);
    docIndex.push(...packed.docIndex.slice(packed.docStart[p], packed.docStart[p + 1]));
    docStart.push(docIndex.length);
  }
  return { ...packed, questionIds: bankOrder, docStart, docIndex };
}

describe('misses by the documents the missed items cite', () => {
  it('sums the same from the cached outline, the loaded bank and one id at a time', () => {
    fc.assert(
      fc.property(banksAndMisses, ([citations, misses]) => {
        const { modules } = syntheticBank([1]);
        const questions = citations.map((refs, i) => question(idOf(i), 1, { refs: refs.map(([d, s]) => `${DOCS[d]}${SECTIONS[s]}`) }));
        const bank = withLookups({ modules, questions, cards: [] });
        const one = missesBySource(
          misses.map(([itemId, count]) => ({ itemId, count })),
          (id) => {
            const q = bank.questionsById.get(id);
            return q && documentsCited(q.refs);
          },
        );
        const ids = misses.map(([id]) => id);
        const counts = misses.map(([, count]) => count);
        const packed = packOutline(bank, []);
        const cachedBefore = inBankOrder(packed, questions.map((q) => q.id));
        const sorted = [...misses].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        for (const [outline, order] of [
          [unpackOutline(packed).outline, 'outline in id order'],
          [unpackOutline(cachedBefore).outline, 'outline cached in bank order'],
          [outlineOf(bank), 'loaded bank'],
        ] as const) {
          expect(rankSources(outline.sumByDocument(ids, counts)), order).toEqual(one);
          expect(rankSources(outline.sumByDocument(sorted.map(([id]) => id), sorted.map(([, c]) => c))), `${order}, sorted`).toEqual(one);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('lists nothing when nothing was missed', () => {
    const bank = withLookups({ modules: syntheticBank([1]).modules, questions: [question('q0', 1)], cards: [] });
    expect(unpackOutline(packOutline(bank, [])).outline.sumByDocument([], []).size).toBe(0);
  });
});
