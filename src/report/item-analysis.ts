/** One answered response with its attempt, for item analysis. */
export interface AnsweredResponse {
  attemptId: number;
  itemId: string;
  /** The chosen letters in the item's own order ("B", or "A,C"), or "true"/"false". */
  choice: string;
  correct: boolean;
}

export interface ItemAnalysis {
  itemId: string;
  answered: number;
  percentCorrect: number;
  /** How often each wrong answer was picked, most picked first. */
  wrongPicks: { choice: string; count: number }[];
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
      const inGroup = (group: Set<number>) => {
        const g = rs.filter((r) => group.has(r.attemptId));
        return { answered: g.length, correct: g.filter((r) => r.correct).length };
      };
      return { itemId, answered: rs.length, correct: rs.filter((r) => r.correct).length, strong: inGroup(strong), weak: inGroup(weak), wrongPicks: [...picks.entries()].map(([choice, count]) => ({ choice, count })) };
    }),
  );
}

/** Attempts with enough answers, split into the weakest and strongest GROUP_SHARE by score (ties in the order given). */
export function splitAttempts(attempts: { id: number; answered: number; correct: number }[], minAnswersPerAttempt = 5): { strong: Set<number>; weak: Set<number> } {
  const scored = attempts
    .filter((a) => a.answered >= minAnswersPerAttempt)
    .map((a) => ({ id: a.id, score: a.correct / a.answered }))
    .sort((a, b) => a.score - b.score);
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
  wrongPicks: { choice: string; count: number }[];
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
      const wrongPicks = [...t.wrongPicks].sort((a, b) => b.count - a.count || a.choice.localeCompare(b.choice));
      const topWrong = [...t.wrongPicks].sort((a, b) => b.count - a.count)[0];
      let flag: string | null = null;
      if (discrimination !== null && discrimination < 0) flag = 'strong attempts miss it more than weak ones: check the key and the stem';
      else if (t.answered >= 10 && topWrong && topWrong.count > t.answered / 2) flag = `most learners pick ${topWrong.choice}: check the key`;
      return { itemId: t.itemId, answered: t.answered, percentCorrect, wrongPicks, discrimination, flag };
    })
    .sort((a, b) => Number(b.flag !== null) - Number(a.flag !== null) || (a.discrimination ?? 2) - (b.discrimination ?? 2) || a.percentCorrect - b.percentCorrect);
}

function pushTo<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const list = groups.get(key);
  if (list) list.push(value);
  else groups.set(key, [value]);
}
