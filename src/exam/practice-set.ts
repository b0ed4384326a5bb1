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
  questionsById: ReadonlyMap<string, BankQuestion>;
  count: number;
}): BankQuestion[] {
  const ids: string[] = [];
  for (const set of input.sets) {
    if (set === 'weak') ids.push(...input.weakIds());
    else ids.push(...input.idsOf(set));
  }
  return [...new Set(ids)]
    .map((id) => input.questionsById.get(id))
    .filter((q): q is BankQuestion => q !== undefined)
    .slice(0, input.count);
}
