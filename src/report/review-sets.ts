/** One answer in an item's history, oldest first. */
export interface TrailEntry {
  itemId: string;
  /** False for an item flagged but left unanswered. */
  answered: boolean;
  correct: boolean;
  flagged: boolean;
  answeredAt: string;
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

/**
 * Items still to review, most recent miss first, then most often missed.
 * `kind` picks the set: items missed, or items flagged in an exam.
 */
export function reviewSet(trail: TrailEntry[], kind: 'missed' | 'flagged'): ReviewCandidate[] {
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
    const anchor = kind === 'missed' ? lastMiss : flaggedAt;
    if (anchor === null) continue;
    // The answer that was flagged counts as the start; right answers after it clear the item.
    if (rightSince(entries, anchor) >= RIGHT_IN_A_ROW_TO_LEAVE) continue;
    out.push({ itemId, misses: misses.length, lastMiss, flaggedAt });
  }
  const key = (c: ReviewCandidate) => (kind === 'missed' ? c.lastMiss : c.flaggedAt) ?? '';
  return out.sort((a, b) => key(b).localeCompare(key(a)) || b.misses - a.misses || a.itemId.localeCompare(b.itemId));
}
