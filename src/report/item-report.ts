import { analyseItem, bySuspicion, pointBiserial, MIN_ANSWERS_TO_FLAG, STRONG_MISS_FLAG, type ItemAnalysis, type ItemTotals } from './item-analysis.js';

/** What `mrso bank items` shows: the first items in the analysis order, how many items were analysed, how many are flagged. */
export interface ItemReport {
  shown: ItemAnalysis[];
  total: number;
  flagged: number;
}

/** The report of a whole analysis (analyseItemTotals: every item, in order). */
export function reportOf(analysis: ItemAnalysis[], limit: number): ItemReport {
  return { shown: analysis.slice(0, limit), total: analysis.length, flagged: analysis.filter((a) => a.flag !== null).length };
}

/** An item's totals without its wrong answers. */
export type ItemCounts = Omit<ItemTotals, 'wrongPicks' | 'key'>;
/** An item's wrong answers as given, and a select-all item's key. */
export type ItemWrongAnswers = Pick<ItemTotals, 'wrongPicks' | 'key'>;

/**
 * The same report as reportOf(analyseItemTotals(items), limit), reading the
 * wrong answers of few items. Every item's place comes from its counts and
 * score sums, except where a wrong answer could flag it: a choice picked, or a
 * keyed option left out, counts once at most per wrong answer, so only an
 * item with more than half its answers wrong can be flagged by one. Those
 * items, and the items shown, are analysed whole (`wrongOf` reads their
 * wrong answers); the thousands of others never build their lists.
 */
export function reportFromCounts(items: readonly ItemCounts[], limit: number, wrongOf: (ids: string[]) => Map<string, ItemWrongAnswers>): ItemReport {
  const places = items.map((counts) => {
    const discrimination = pointBiserial(counts.scores);
    const flag: string | null = discrimination !== null && discrimination < 0 ? STRONG_MISS_FLAG : null;
    return { counts, discrimination, percentCorrect: (100 * counts.correct) / counts.answered, flag };
  });
  const whole = new Map<string, ItemAnalysis>();
  const analyse = (list: typeof places) => {
    const wrong = wrongOf(list.map((p) => p.counts.itemId));
    for (const p of list) {
      const w = wrong.get(p.counts.itemId);
      whole.set(p.counts.itemId, analyseItem({ ...p.counts, wrongPicks: w?.wrongPicks ?? [], ...(w?.key ? { key: w.key } : {}) }));
    }
  };
  const mayBeFlagged = places.filter((p) => p.flag === null && p.counts.answered >= MIN_ANSWERS_TO_FLAG && 2 * (p.counts.answered - p.counts.correct) > p.counts.answered);
  analyse(mayBeFlagged);
  for (const p of mayBeFlagged) p.flag = whole.get(p.counts.itemId)!.flag;
  const first = firstBy(places, bySuspicion, limit);
  analyse(first.filter((p) => !whole.has(p.counts.itemId)));
  return { shown: first.map((p) => whole.get(p.counts.itemId)!), total: places.length, flagged: places.filter((p) => p.flag !== null).length };
}

/**
 * The first `limit` of `list` in the order a stable sort by `compare` gives
 * (ties keep their order, as analyseItemTotals's sort keeps them), without
 * sorting it all: thousands of items, a few dozen shown.
 */
export function firstBy<T>(list: readonly T[], compare: (a: T, b: T) => number, limit: number): T[] {
  const first: T[] = [];
  if (limit <= 0) return first;
  for (const item of list) {
    if (first.length === limit && compare(item, first[limit - 1]!) >= 0) continue;
    // After every kept item it does not come before (an equal one came earlier in the list).
    let lo = 0;
    let hi = first.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(item, first[mid]!) < 0) hi = mid;
      else lo = mid + 1;
    }
    first.splice(lo, 0, item);
    if (first.length > limit) first.pop();
  }
  return first;
}
