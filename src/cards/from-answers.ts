import type { RatingValue } from './scheduler.js';

/** A right answer given this fast counts as Easy for the memory model. */
export const FAST_ANSWER_MS = 20_000;

/**
 * Exam and practice answers feed the same FSRS model as flashcards:
 * wrong = Again, right = Good, right and fast = Easy.
 */
export function ratingForAnswer(correct: boolean, timeMs: number): RatingValue {
  if (!correct) return 1;
  return timeMs > 0 && timeMs <= FAST_ANSWER_MS ? 4 : 3;
}
