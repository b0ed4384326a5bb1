/** One answered response with its attempt, for item analysis. */
export interface AnsweredResponse {
  attemptId: number;
  itemId: string;
  /** The chosen letters in the item's own order ("B", or "A,C"), or "true"/"false". */
  choice: string;
  correct: boolean;
  /** The keyed letters of a select-all (multi) item; with it, a wrong answer is read option by option. */
  key?: readonly string[];
}

export interface ItemAnalysis {
  itemId: string;
  answered: number;
  percentCorrect: number;
  /**
   * How often each wrong answer was picked, most picked first. For a select-all
   * item: each unkeyed option chosen, one letter at a time; a keyed option is
   * never listed here.
   */
  wrongPicks: { choice: string; count: number }[];
  /** Select-all items only: how often each keyed option was left out of a wrong answer, most first. */
  missedOptions: { choice: string; count: number }[];
  /** Share right in the top-scoring attempts minus share right in the bottom ones; null with too few. */
  discrimination: number | null;
  flag: string | null;
}

/** Attempts in the top and bottom 27% by score form the strong and weak groups (the classic item-analysis split). */
export const GROUP_SHARE = 0.27;
const MIN_GROUP_ANSWERS = 3;
/** An attempt with fewer answers than this takes no part in the strong/weak split (the store bands none under it). */
export const MIN_ANSWERS_PER_ATTEMPT = 5;

/**
 * Classic item analysis over attempts: difficulty (percent correct), the
 * distractors chosen, and the discrimination index. An item that strong
 * attempts miss more often than weak ones is flagged: a sign of a wrong key
 * or an ambiguous stem. From every answer: the reference for the store's
 * running aggregates (commands/bank-items.ts), which must agree with it.
 */
export function analyseItems(responses: AnsweredResponse[], minAnswersPerAttempt = MIN_ANSWERS_PER_ATTEMPT): ItemAnalysis[] {
  const byAttempt = new Map<number, AnsweredResponse[]>();
  // push, not a spread into a new list per answer: that copied each group once per answer (quadratic).
  for (const r of responses) pushTo(byAttempt, r.attemptId, r);
  const bandOf = new Map<number, number>();
  for (const [id, rs] of byAttempt) if (rs.length >= minAnswersPerAttempt) bandOf.set(id, scoreBand(rs.length, rs.filter((r) => r.correct).length));
  const split = splitBands(countBands(bandOf.values()));

  const byItem = new Map<string, AnsweredResponse[]>();
  for (const r of responses) pushTo(byItem, r.itemId, r);
  return analyseItemTotals(
    [...byItem.entries()].map(([itemId, rs]) => {
      const picks = new Map<string, number>();
      for (const r of rs) if (!r.correct) picks.set(r.choice, (picks.get(r.choice) ?? 0) + 1);
      const key = rs.find((r) => r.key)?.key;
      const sums = emptyGroupSums();
      for (const r of rs) {
        const band = bandOf.get(r.attemptId);
        if (band !== undefined) addToGroups(sums, split, band, 1, r.correct ? 1 : 0);
      }
      const groups = groupTotals(sums, split);
      return { itemId, answered: rs.length, correct: rs.filter((r) => r.correct).length, ...groups, wrongPicks: [...picks.entries()].map(([choice, count]) => ({ choice, count })), ...(key ? { key } : {}) };
    }),
  );
}

/*
 * The strong and weak groups. Attempts are ranked by their score in whole
 * percent (their score band: how the store keeps them, migration 12), and
 * the weakest and strongest GROUP_SHARE of them form the groups. Where a cut
 * falls among attempts tied on one band, each of the tied attempts counts
 * with the same share (the share of that band the group still needs): no
 * tie is broken by an order of no meaning (which attempt is older), and a
 * group's totals come from whole bands, never from its attempts one by one.
 */

/** An attempt's score band: its score in whole percent, rounded down, as the store's bands are. */
export const scoreBand = (answered: number, correct: number): number => Math.floor((100 * correct) / answered);

/** One group's edge: every attempt beyond `band` (below it: weak; above it: strong), and `take` of the `count` attempts in it. */
export interface GroupEdge {
  band: number;
  take: number;
  count: number;
}

export interface Split {
  weak: GroupEdge;
  strong: GroupEdge;
}

/** How many attempts are in each band. */
export function countBands(bands: Iterable<number>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const band of bands) counts.set(band, (counts.get(band) ?? 0) + 1);
  return counts;
}

/** The groups' edges for attempts counted by band: each group holds floor(GROUP_SHARE × attempts) of them. */
export function splitBands(counts: ReadonlyMap<number, number>): Split {
  const ascending = [...counts.keys()].sort((a, b) => a - b);
  let total = 0;
  for (const band of ascending) total += counts.get(band)!;
  const cut = Math.floor(total * GROUP_SHARE);
  const edge = (order: number[], none: number): GroupEdge => {
    let beyond = 0;
    for (const band of order) {
      const count = counts.get(band)!;
      if (beyond + count > cut) return { band, take: cut - beyond, count };
      beyond += count;
    }
    return { band: none, take: 0, count: 1 };
  };
  return { weak: edge(ascending, -1), strong: edge([...ascending].reverse(), 101) };
}

/**
 * Per group, the answers of attempts wholly inside it and those of its edge
 * band, and how many were right, as whole counts: one flat list per item
 * (thousands of items: a nest of small objects each costs more to make and
 * collect), read through the offsets below.
 */
export type GroupSums = number[];
/** Where each group's counts start in GroupSums: whole bands answered, right, then the edge band answered, right. */
export const WEAK = 0;
export const STRONG = 4;

export const emptyGroupSums = (): GroupSums => [0, 0, 0, 0, 0, 0, 0, 0];

/** Add `answered` answers (`correct` of them right) of attempts in `band` to the groups they fall in. */
export function addToGroups(sums: GroupSums, split: Split, band: number, answered: number, correct: number): void {
  const add = (at: number) => {
    sums[at]! += answered;
    sums[at + 1]! += correct;
  };
  if (band < split.weak.band) add(WEAK);
  else if (band === split.weak.band) add(WEAK + 2);
  if (band > split.strong.band) add(STRONG);
  else if (band === split.strong.band) add(STRONG + 2);
}

/** A group's answers to an item and how many were right: fractions where an edge band is shared. */
export interface GroupShare {
  answers: number;
  right: number;
}

/**
 * Each group's totals: its whole bands, and its share of the edge band. One
 * formula for every path, so that they agree to the bit. A shape of its own,
 * not Totals: V8 keeps whole numbers and fractions in a field differently, and
 * a fraction stored in a shape that held only whole numbers makes it move every
 * object of that shape (~15 ms over a large bank).
 */
export function groupTotals(sums: GroupSums, split: Split): { strong: GroupShare; weak: GroupShare } {
  return { weak: shareOf(sums, WEAK, split.weak), strong: shareOf(sums, STRONG, split.strong) };
}

function shareOf(sums: GroupSums, at: number, e: GroupEdge): GroupShare {
  const [answered, right, edgeAnswered, edgeRight] = [sums[at]!, sums[at + 1]!, sums[at + 2]!, sums[at + 3]!];
  if (e.take === 0) return { answers: answered, right };
  return { answers: answered + (edgeAnswered * e.take) / e.count, right: right + (edgeRight * e.take) / e.count };
}

/** Per-item totals, as a database can count them without handing over every answer. */
export interface ItemTotals {
  itemId: string;
  answered: number;
  correct: number;
  /** Answers in the strong and weak groups; an edge band's share makes these fractions. */
  strong: GroupShare;
  weak: GroupShare;
  /** Each wrong answer as given ("A,B" for a select-all item) and how often. */
  wrongPicks: { choice: string; count: number }[];
  /** The keyed letters of a select-all item: its wrong answers are then read option by option. */
  key?: readonly string[];
}

/** Wrong answers to a select-all item, option by option: "A,B" against key A,B,E is one missed option (E), not a wrong pick of A and B. */
function byOption(wrong: { choice: string; count: number }[], key: readonly string[]): { picks: Map<string, number>; missed: Map<string, number> } {
  const picks = new Map<string, number>();
  const missed = new Map<string, number>();
  const add = (m: Map<string, number>, choice: string, n: number) => m.set(choice, (m.get(choice) ?? 0) + n);
  for (const w of wrong) {
    const chosen = new Set(w.choice.split(',').map((c) => c.trim()).filter(Boolean));
    for (const c of chosen) if (!key.includes(c)) add(picks, c, w.count);
    for (const k of key) if (!chosen.has(k)) add(missed, k, w.count);
  }
  return { picks, missed };
}

// One collator for every comparison (localeCompare's order; it builds one per call), made when first needed.
let collator: Intl.Collator | undefined;

function byCount(counts: Map<string, number> | { choice: string; count: number }[]): { choice: string; count: number }[] {
  const list = Array.isArray(counts) ? [...counts] : [...counts.entries()].map(([choice, count]) => ({ choice, count }));
  return list.sort((a, b) => b.count - a.count || (collator ??= new Intl.Collator()).compare(a.choice, b.choice));
}

/** The analysis from per-item totals: difficulty, distractors, discrimination, and the flags; most suspect first. */
export function analyseItemTotals(items: ItemTotals[]): ItemAnalysis[] {
  return items.map(analyseItem).sort(bySuspicion);
}

/** The flag of an item that strong attempts miss more often than weak ones. */
export const STRONG_MISS_FLAG = 'strong attempts miss it more than weak ones: check the key and the stem';
/** An item with fewer answers is never flagged for what its wrong answers chose. */
export const MIN_ANSWERS_TO_FLAG_PICKS = 10;

/** Share right in the strong group minus share right in the weak one; null while either group has too few answers. */
export function discriminationOf(strong: GroupShare, weak: GroupShare): number | null {
  const rate = (g: GroupShare) => (g.answers >= MIN_GROUP_ANSWERS ? g.right / g.answers : null);
  const [upper, lower] = [rate(strong), rate(weak)];
  return upper === null || lower === null ? null : upper - lower;
}

export function analyseItem(t: ItemTotals): ItemAnalysis {
  const discrimination = discriminationOf(t.strong, t.weak);
  const percentCorrect = (100 * t.correct) / t.answered;
  const options = t.key ? byOption(t.wrongPicks, t.key) : null;
  const wrongPicks = byCount(options ? options.picks : t.wrongPicks);
  const missedOptions = options ? byCount(options.missed) : [];
  const [topWrong] = wrongPicks;
  const [topMissed] = missedOptions;
  let flag: string | null = null;
  if (discrimination !== null && discrimination < 0) flag = STRONG_MISS_FLAG;
  else if (t.answered >= MIN_ANSWERS_TO_FLAG_PICKS && topWrong && topWrong.count > t.answered / 2) flag = `most learners pick ${topWrong.choice}: check the key`;
  else if (t.answered >= MIN_ANSWERS_TO_FLAG_PICKS && topMissed && topMissed.count > t.answered / 2) flag = `most learners leave out ${topMissed.choice}: check the key`;
  return { itemId: t.itemId, answered: t.answered, percentCorrect, wrongPicks, missedOptions, discrimination, flag };
}

/** The report's order: flagged items first, then the least discriminating, then the hardest (a stable sort keeps the rest in order). */
export function bySuspicion(a: Pick<ItemAnalysis, 'flag' | 'discrimination' | 'percentCorrect'>, b: Pick<ItemAnalysis, 'flag' | 'discrimination' | 'percentCorrect'>): number {
  return Number(b.flag !== null) - Number(a.flag !== null) || (a.discrimination ?? 2) - (b.discrimination ?? 2) || a.percentCorrect - b.percentCorrect;
}

function pushTo<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const list = groups.get(key);
  if (list) list.push(value);
  else groups.set(key, [value]);
}
