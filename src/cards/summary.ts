import type { MemoryState, RatingValue } from './scheduler.js';
import { isNew } from './scheduler.js';
import { dayNumber, type DayRule } from '../days.js';

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

/** End-of-session figures; `now` is passed in, the core has no clock. Days are the learner's (`days`). */
export function summariseSession(ratings: RatingValue[], memory: MemoryState[], now: Date, days: DayRule): SessionSummary {
  const again = ratings.filter((r) => r === 1).length;
  const scheduled = memory.filter((m) => !isNew(m)).map((m) => new Date(m.due).getTime());
  const today = dayNumber(now, days);
  const future = scheduled.filter((t) => t > now.getTime()).sort((a, b) => a - b);
  return {
    reviewed: ratings.length,
    againRate: ratings.length ? again / ratings.length : null,
    retained: ratings.length ? 1 - again / ratings.length : null,
    nextDue: future.length ? new Date(future[0]!).toISOString() : null,
    dueTomorrow: scheduled.filter((t) => dayNumber(t, days) <= today + 1).length,
    dueThisWeek: scheduled.filter((t) => dayNumber(t, days) <= today + 6).length,
  };
}
