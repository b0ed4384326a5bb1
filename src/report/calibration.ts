import type { FirstAnswer } from './first-exposure.js';

/**
 * The learner's calibration: how often answers marked as a guess, and answers
 * not marked, are right. The marks read as forecasts (a sure answer says
 * "about 90% right", a guess "about 30%") for a Brier score: 0 is a perfect
 * forecaster, 0.25 one who always says 50%. Read from first answers only: a
 * re-answered item is answered from memory of its key, and sure and right.
 */
export interface Calibration {
  levels: { level: 'sure' | 'guess'; answered: number; correct: number; percent: number | null; forecast: number }[];
  brier: number;
}

export const SURE_FORECAST = 0.9;
export const GUESS_FORECAST = 0.3;

export function calibrationOf(answers: readonly FirstAnswer[]): Calibration | null {
  if (!answers.some((a) => a.guess)) return null;
  const level = (guess: boolean) => {
    const own = answers.filter((a) => a.guess === guess);
    const correct = own.filter((a) => a.correct).length;
    return { level: guess ? ('guess' as const) : ('sure' as const), answered: own.length, correct, percent: own.length ? (100 * correct) / own.length : null, forecast: guess ? GUESS_FORECAST : SURE_FORECAST };
  };
  const brier = answers.reduce((s, a) => s + ((a.guess ? GUESS_FORECAST : SURE_FORECAST) - Number(a.correct)) ** 2, 0) / answers.length;
  return { levels: [level(false), level(true)], brier };
}
