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
   * item (key given): each unkeyed option chosen, one letter at a time; a keyed
   * option is never listed here.
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
  for (const r of responses) byAttempt.set(r.attemptId, [...(byAttempt.get(r.attemptId) ?? []), r]);
  const scored = [...byAttempt.entries()]
    .filter(([, rs]) => rs.length >= minAnswersPerAttempt)
    .map(([id, rs]) => ({ id, score: rs.filter((r) => r.correct).length / rs.length }))
    .sort((a, b) => a.score - b.score);
  const cut = Math.floor(scored.length * GROUP_SHARE);
  const weak = new Set(scored.slice(0, cut).map((a) => a.id));
  const strong = new Set(scored.slice(scored.length - cut).map((a) => a.id));

  const byItem = new Map<string, AnsweredResponse[]>();
  for (const r of responses) byItem.set(r.itemId, [...(byItem.get(r.itemId) ?? []), r]);
  return [...byItem.entries()]
    .map(([itemId, rs]) => {
      const picks = new Map<string, number>();
      const missed = new Map<string, number>();
      const add = (m: Map<string, number>, choice: string) => m.set(choice, (m.get(choice) ?? 0) + 1);
      for (const r of rs) {
        if (r.correct) continue;
        if (!r.key) {
          add(picks, r.choice);
          continue;
        }
        // Select-all: "A,B" against key A,B,E is one missed option (E), not a wrong pick of A and B.
        const chosen = new Set(r.choice.split(',').map((c) => c.trim()).filter(Boolean));
        for (const c of chosen) if (!r.key.includes(c)) add(picks, c);
        for (const k of r.key) if (!chosen.has(k)) add(missed, k);
      }
      const rate = (group: Set<number>) => {
        const g = rs.filter((r) => group.has(r.attemptId));
        return g.length >= MIN_GROUP_ANSWERS ? g.filter((r) => r.correct).length / g.length : null;
      };
      const upper = rate(strong);
      const lower = rate(weak);
      const discrimination = upper === null || lower === null ? null : upper - lower;
      const percentCorrect = (100 * rs.filter((r) => r.correct).length) / rs.length;
      const topWrong = [...picks.entries()].sort((a, b) => b[1] - a[1])[0];
      const topMissed = [...missed.entries()].sort((a, b) => b[1] - a[1])[0];
      let flag: string | null = null;
      if (discrimination !== null && discrimination < 0) flag = 'strong attempts miss it more than weak ones: check the key and the stem';
      else if (rs.length >= 10 && topWrong && topWrong[1] > rs.length / 2) flag = `most learners pick ${topWrong[0]}: check the key`;
      else if (rs.length >= 10 && topMissed && topMissed[1] > rs.length / 2) flag = `most learners leave out ${topMissed[0]}: check the key`;
      return {
        itemId,
        answered: rs.length,
        percentCorrect,
        wrongPicks: byCount(picks),
        missedOptions: byCount(missed),
        discrimination,
        flag,
      };
    })
    .sort((a, b) => Number(b.flag !== null) - Number(a.flag !== null) || (a.discrimination ?? 2) - (b.discrimination ?? 2) || a.percentCorrect - b.percentCorrect);
}

function byCount(counts: Map<string, number>): { choice: string; count: number }[] {
  return [...counts.entries()].map(([choice, count]) => ({ choice, count })).sort((a, b) => b.count - a.count || a.choice.localeCompare(b.choice));
}
