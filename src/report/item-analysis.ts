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

/**
 * Classic item analysis over attempts: difficulty (percent correct), the
 * distractors chosen, and the discrimination index. An item that strong
 * attempts miss more often than weak ones is flagged: a sign of a wrong key
 * or an ambiguous stem.
 */
export function analyseItems(responses: AnsweredResponse[], minAnswersPerAttempt = 5): ItemAnalysis[] {
  const byAttempt = new Map<number, AnsweredResponse[]>();
  // push, not a spread into a new list per answer: that copied each group once per answer (quadratic).
  for (const r of responses) pushTo(byAttempt, r.attemptId, r);
  const { strong, weak } = splitAttempts([...byAttempt.entries()].map(([id, rs]) => ({ id, answered: rs.length, correct: rs.filter((r) => r.correct).length })), minAnswersPerAttempt);

  const byItem = new Map<string, AnsweredResponse[]>();
  for (const r of responses) pushTo(byItem, r.itemId, r);
  return analyseItemTotals(
    [...byItem.entries()].map(([itemId, rs]) => {
      const picks = new Map<string, number>();
      for (const r of rs) if (!r.correct) picks.set(r.choice, (picks.get(r.choice) ?? 0) + 1);
      const key = rs.find((r) => r.key)?.key;
      const inGroup = (group: Set<number>) => {
        const g = rs.filter((r) => group.has(r.attemptId));
        return { answered: g.length, correct: g.filter((r) => r.correct).length };
      };
      return { itemId, answered: rs.length, correct: rs.filter((r) => r.correct).length, strong: inGroup(strong), weak: inGroup(weak), wrongPicks: [...picks.entries()].map(([choice, count]) => ({ choice, count })), ...(key ? { key } : {}) };
    }),
  );
}

/** Attempts with enough answers, split into the weakest and strongest GROUP_SHARE by score (ties: the older attempt first). */
export function splitAttempts(attempts: { id: number; answered: number; correct: number }[], minAnswersPerAttempt = 5): { strong: Set<number>; weak: Set<number> } {
  const scored = attempts
    .filter((a) => a.answered >= minAnswersPerAttempt)
    .map((a) => ({ id: a.id, score: a.correct / a.answered }))
    // Ties broken by attempt id, so the split never depends on the order the attempts were read in.
    .sort((a, b) => a.score - b.score || a.id - b.id);
  const cut = Math.floor(scored.length * GROUP_SHARE);
  return { weak: new Set(scored.slice(0, cut).map((a) => a.id)), strong: new Set(scored.slice(scored.length - cut).map((a) => a.id)) };
}

/** Per-item totals, as a database can count them without handing over every answer. */
export interface ItemTotals {
  itemId: string;
  answered: number;
  correct: number;
  strong: { answered: number; correct: number };
  weak: { answered: number; correct: number };
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

/** The analysis from per-item totals: difficulty, distractors, discrimination, and the flags. */
export function analyseItemTotals(items: ItemTotals[]): ItemAnalysis[] {
  return items
    .map((t) => {
      const rate = (g: { answered: number; correct: number }) => (g.answered >= MIN_GROUP_ANSWERS ? g.correct / g.answered : null);
      const upper = rate(t.strong);
      const lower = rate(t.weak);
      const discrimination = upper === null || lower === null ? null : upper - lower;
      const percentCorrect = (100 * t.correct) / t.answered;
      const options = t.key ? byOption(t.wrongPicks, t.key) : null;
      const wrongPicks = byCount(options ? options.picks : t.wrongPicks);
      const missedOptions = options ? byCount(options.missed) : [];
      const [topWrong] = wrongPicks;
      const [topMissed] = missedOptions;
      let flag: string | null = null;
      if (discrimination !== null && discrimination < 0) flag = 'strong attempts miss it more than weak ones: check the key and the stem';
      else if (t.answered >= 10 && topWrong && topWrong.count > t.answered / 2) flag = `most learners pick ${topWrong.choice}: check the key`;
      else if (t.answered >= 10 && topMissed && topMissed.count > t.answered / 2) flag = `most learners leave out ${topMissed.choice}: check the key`;
      return { itemId: t.itemId, answered: t.answered, percentCorrect, wrongPicks, missedOptions, discrimination, flag };
    })
    .sort((a, b) => Number(b.flag !== null) - Number(a.flag !== null) || (a.discrimination ?? 2) - (b.discrimination ?? 2) || a.percentCorrect - b.percentCorrect);
}

function pushTo<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const list = groups.get(key);
  if (list) list.push(value);
  else groups.set(key, [value]);
}
