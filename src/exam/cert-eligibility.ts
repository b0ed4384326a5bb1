import { defaultTimeLimitMinutes } from './timing.js';

/** What a completion record needs to know of an attempt. */
export interface CertCandidate {
  mode: 'exam' | 'practice';
  status: 'in_progress' | 'submitted' | 'abandoned';
  /** Items in the attempt. */
  items: number;
  /** Modules the draw was limited to; empty means the full blueprint. */
  modules: number[];
  /** The limit in seconds; null for an untimed attempt. */
  timeLimitS: number | null;
  passed: boolean | null;
}

/** The fewest items a mock exam needs to stand for the real one. */
export const CERT_MIN_ITEMS = 100;

/**
 * Why an attempt cannot have a completion record, in one line; null when it
 * can: a submitted, passed, timed mock exam of at least 100 items drawn from
 * every module, with the default time limit or longer.
 */
export function certEligibility(a: CertCandidate): string | null {
  if (a.mode !== 'exam') return 'it is a practice session, not a mock exam';
  if (a.status !== 'submitted') return 'it is not finished';
  if (a.items < CERT_MIN_ITEMS) return `it has ${a.items} items; a record needs a full mock exam of at least ${CERT_MIN_ITEMS}`;
  if (a.modules.length > 0) return `it was limited to module${a.modules.length > 1 ? 's' : ''} ${a.modules.join(', ')}; a record needs the full blueprint`;
  if (a.timeLimitS === null) return 'it was untimed; a record needs a timed mock exam';
  if (a.timeLimitS < defaultTimeLimitMinutes(a.items) * 60) return `its time limit (${Math.round(a.timeLimitS / 60)} min) is shorter than the default (${defaultTimeLimitMinutes(a.items)} min)`;
  if (!a.passed) return 'it did not pass';
  return null;
}
