import type { RatingValue } from './scheduler.js';

/** A right answer given this fast counts as Easy for the memory model. */
export const FAST_ANSWER_MS = 20_000;

/**
 * Exam and practice answers feed the same FSRS model as flashcards:
 * wrong = Again, right = Good, right and fast = Easy. A right answer the
 * learner marked as a guess is not mastery: it counts as Hard.
 */
export function ratingForAnswer(correct: boolean, timeMs: number, guess = false): RatingValue {
  if (!correct) return 1;
  if (guess) return 2;
  return timeMs > 0 && timeMs <= FAST_ANSWER_MS ? 4 : 3;
}
