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
  /**
   * How well the item tells strong attempts from weak ones: the point-biserial
   * correlation between getting it right and the attempt's score, from -1 to
   * 1 (0: no relation; below 0: attempts that get it right score lower than
   * those that miss it). Null with fewer than MIN_ANSWERS_TO_FLAG answers from
   * scored attempts, or when they were all right or all wrong.
   */
  discrimination: number | null;
  flag: string | null;
}

/** An attempt with fewer answers than this has no score band (the store bands none under it) and takes no part in discrimination. */
export const MIN_ANSWERS_PER_ATTEMPT = 5;
/** An item with fewer answers is neither given a discrimination nor flagged for what its wrong answers chose. */
export const MIN_ANSWERS_TO_FLAG = 10;

/**
 * Classic item analysis over attempts: difficulty (percent correct), the
 * distractors chosen, and discrimination. An item that attempts scoring
 * higher get wrong more often is flagged: a sign of a wrong key or an
 * ambiguous stem. From every answer: the reference for the store's running
 * aggregates (commands/bank-items.ts), which must agree with it.
 */
export function analyseItems(responses: AnsweredResponse[], minAnswersPerAttempt = MIN_ANSWERS_PER_ATTEMPT): ItemAnalysis[] {
  const byAttempt = new Map<number, AnsweredResponse[]>();
  // push, not a spread into a new list per answer: that copied each group once per answer (quadratic).
  for (const r of responses) pushTo(byAttempt, r.attemptId, r);
  const bandOf = new Map<number, number>();
  for (const [id, rs] of byAttempt) if (rs.length >= minAnswersPerAttempt) bandOf.set(id, scoreBand(rs.length, rs.filter((r) => r.correct).length));

  const byItem = new Map<string, AnsweredResponse[]>();
  for (const r of responses) pushTo(byItem, r.itemId, r);
  return analyseItemTotals(
    [...byItem.entries()].map(([itemId, rs]) => {
      const picks = new Map<string, number>();
      for (const r of rs) if (!r.correct) picks.set(r.choice, (picks.get(r.choice) ?? 0) + 1);
      const key = rs.find((r) => r.key)?.key;
      const scores = emptyScoreSums();
      for (const r of rs) {
        const band = bandOf.get(r.attemptId);
        if (band !== undefined) addScores(scores, band, 1, r.correct ? 1 : 0);
      }
      return { itemId, answered: rs.length, correct: rs.filter((r) => r.correct).length, scores, wrongPicks: [...picks.entries()].map(([choice, count]) => ({ choice, count })), ...(key ? { key } : {}) };
    }),
  );
}

/*
 * Discrimination is the point-biserial correlation between an item's answer
 * (right 1, wrong 0) and the score of the attempt it was given in, over the
 * answers of scored attempts. A score is the attempt's band: its score in
 * whole percent, as the store keeps it (migration 12). The correlation needs
 * only five running sums per item (ScoreSums), which the store keeps as
 * answers come (migration 15), so a report reads one row per item. It uses
 * every scored answer, where the older upper-minus-lower index used only the
 * top and bottom 27% of attempts and had to break ties at each cut.
 */

/** An attempt's score band: its score in whole percent, rounded down, as the store's bands are. */
export const scoreBand = (answered: number, correct: number): number => Math.floor((100 * correct) / answered);

/** Per item, over the answers of scored attempts: how many, how many right, and sums of their attempts' bands. */
export interface ScoreSums {
  answered: number;
  correct: number;
  /** The bands of the attempts where it was answered right, summed; and wrong. */
  bandRight: number;
  bandWrong: number;
  /** The squares of the bands of every answer, summed. */
  bandSquares: number;
}

export const emptyScoreSums = (): ScoreSums => ({ answered: 0, correct: 0, bandRight: 0, bandWrong: 0, bandSquares: 0 });

/** Add `answered` answers (`correct` of them right) given in attempts of score band `band`. */
export function addScores(s: ScoreSums, band: number, answered: number, correct: number): void {
  s.answered += answered;
  s.correct += correct;
  s.bandRight += band * correct;
  s.bandWrong += band * (answered - correct);
  s.bandSquares += band * band * answered;
}

/**
 * The point-biserial correlation from the sums, in whole numbers up to one
 * division and one square root: (n·ΣxS − Σx·ΣS) / √(n1·n0·(n·ΣS² − (ΣS)²)).
 * One formula for every path, so that they agree to the bit.
 */
export function pointBiserial(s: ScoreSums): number | null {
  const n = s.answered;
  const right = s.correct;
  const wrong = n - right;
  const bands = s.bandRight + s.bandWrong;
  const spread = n * s.bandSquares - bands * bands;
  if (n < MIN_ANSWERS_TO_FLAG || right === 0 || wrong === 0 || spread <= 0) return null;
  return (n * s.bandRight - right * bands) / Math.sqrt(right * wrong * spread);
}

/** Per-item totals, as a database can count them without handing over every answer. */
export interface ItemTotals {
  itemId: string;
  answered: number;
  correct: number;
  /** Its answers in scored attempts, for discrimination. */
  scores: ScoreSums;
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

/** The flag of an item that attempts scoring higher get wrong more often. */
export const STRONG_MISS_FLAG = 'attempts that get it right score lower than those that miss it: check the key and the stem';

export function analyseItem(t: ItemTotals): ItemAnalysis {
  const discrimination = pointBiserial(t.scores);
  const percentCorrect = (100 * t.correct) / t.answered;
  const options = t.key ? byOption(t.wrongPicks, t.key) : null;
  const wrongPicks = byCount(options ? options.picks : t.wrongPicks);
  const missedOptions = options ? byCount(options.missed) : [];
  const [topWrong] = wrongPicks;
  const [topMissed] = missedOptions;
  let flag: string | null = null;
  if (discrimination !== null && discrimination < 0) flag = STRONG_MISS_FLAG;
  else if (t.answered >= MIN_ANSWERS_TO_FLAG && topWrong && topWrong.count > t.answered / 2) flag = `most learners pick ${topWrong.choice}: check the key`;
  else if (t.answered >= MIN_ANSWERS_TO_FLAG && topMissed && topMissed.count > t.answered / 2) flag = `most learners leave out ${topMissed.choice}: check the key`;
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
