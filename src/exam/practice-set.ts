import type { BankQuestion } from '../bank/types.js';

export type PracticeSet = 'missed' | 'flagged' | 'confident-wrong' | 'weak';

/**
 * The item set of `mrso review`: the missed, flagged and confident-wrong sets in their own
 * order (most recent, most often), then the weak-topic items, with no
 * repeats and only items still in the bank; at most `count`. The exam
 * engine runs it as a practice session like any other.
 */
export function practiceSet(input: {
  sets: PracticeSet[];
  /** The missed, flagged or confident-wrong set's item ids, in review order. */
  idsOf: (set: Exclude<PracticeSet, 'weak'>) => string[];
  /** Weak-topic item ids, already ordered (unseen and last-missed first). */
  weakIds: () => string[];
  /** The questions of these ids, undefined for an id not in the bank (from the cache, only these are parsed). */
  questions: (ids: readonly string[]) => (BankQuestion | undefined)[];
  count: number;
}): BankQuestion[] {
  const ids: string[] = [];
  for (const set of input.sets) {
    if (set === 'weak') ids.push(...input.weakIds());
    else ids.push(...input.idsOf(set));
  }
  const unique = [...new Set(ids)];
  // Looked up only as far as `count` found: a weak topic can hold thousands of ids, and each looked up is parsed.
  const out: BankQuestion[] = [];
  for (let next = 0; next < unique.length && out.length < input.count; ) {
    const batch = unique.slice(next, (next += input.count - out.length));
    for (const q of input.questions(batch)) if (q !== undefined) out.push(q);
  }
  return out;
}
