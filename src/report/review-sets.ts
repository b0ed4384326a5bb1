/** One answer in an item's history, oldest first. */
export interface TrailEntry {
  itemId: string;
  /** False for an item flagged but left unanswered. */
  answered: boolean;
  correct: boolean;
  flagged: boolean;
  answeredAt: string;
  /** The learner marked this answer as a guess (absent: not marked). */
  guess?: boolean;
}

export interface ReviewCandidate {
  itemId: string;
  misses: number;
  lastMiss: string | null;
  flaggedAt: string | null;
}

/** Two right answers in a row after the last miss (or flag) take an item out of the review set. */
export const RIGHT_IN_A_ROW_TO_LEAVE = 2;

function rightSince(entries: TrailEntry[], since: string): number {
  let run = 0;
  for (const e of entries) {
    if (e.answeredAt <= since || !e.answered) continue;
    run = e.correct ? run + 1 : 0;
  }
  return run;
}

export type ReviewKind = 'missed' | 'flagged' | 'confident-wrong';

/**
 * Items still to review, most recent miss first, then most often missed.
 * `kind` picks the set: items missed, items flagged in an exam, or items
 * answered wrong while not marked a guess (`--confident-wrong`: a confident
 * error is a misconception, the costliest kind of miss).
 */
export function reviewSet(trail: TrailEntry[], kind: ReviewKind): ReviewCandidate[] {
  const byItem = new Map<string, TrailEntry[]>();
  for (const e of [...trail].sort((a, b) => a.answeredAt.localeCompare(b.answeredAt))) {
    byItem.set(e.itemId, [...(byItem.get(e.itemId) ?? []), e]);
  }
  const out: ReviewCandidate[] = [];
  for (const [itemId, entries] of byItem) {
    const misses = entries.filter((e) => e.answered && !e.correct);
    const flags = entries.filter((e) => e.flagged);
    const lastMiss = misses.at(-1)?.answeredAt ?? null;
    const flaggedAt = flags.at(-1)?.answeredAt ?? null;
    const lastSureMiss = misses.filter((e) => !e.guess).at(-1)?.answeredAt ?? null;
    const anchor = kind === 'missed' ? lastMiss : kind === 'flagged' ? flaggedAt : lastSureMiss;
    if (anchor === null) continue;
    // The answer that was flagged counts as the start; right answers after it clear the item.
    if (rightSince(entries, anchor) >= RIGHT_IN_A_ROW_TO_LEAVE) continue;
    out.push({ itemId, misses: misses.length, lastMiss, flaggedAt });
  }
  const key = (c: ReviewCandidate) => (kind === 'flagged' ? c.flaggedAt : c.lastMiss) ?? '';
  return out.sort((a, b) => key(b).localeCompare(key(a)) || b.misses - a.misses || a.itemId.localeCompare(b.itemId));
}
