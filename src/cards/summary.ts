import type { MemoryState, RatingValue } from './scheduler.js';
import { isNew } from './scheduler.js';

export interface SessionSummary {
  reviewed: number;
  againRate: number | null;
  /** Share of ratings that were not Again: how much was still remembered. */
  retained: number | null;
  nextDue: string | null;
  dueTomorrow: number;
  dueThisWeek: number;
  nothingDue?: boolean;
}

const DAY = 86_400_000;

/** End-of-session figures; `now` is passed in, the core has no clock. */
export function summariseSession(ratings: RatingValue[], memory: MemoryState[], now: Date): SessionSummary {
  const again = ratings.filter((r) => r === 1).length;
  const scheduled = memory.filter((m) => !isNew(m)).map((m) => new Date(m.due).getTime());
  const future = scheduled.filter((t) => t > now.getTime()).sort((a, b) => a - b);
  return {
    reviewed: ratings.length,
    againRate: ratings.length ? again / ratings.length : null,
    retained: ratings.length ? 1 - again / ratings.length : null,
    nextDue: future.length ? new Date(future[0]!).toISOString() : null,
    dueTomorrow: scheduled.filter((t) => t <= now.getTime() + DAY).length,
    dueThisWeek: scheduled.filter((t) => t <= now.getTime() + 7 * DAY).length,
  };
}
