import { totalFirstAnswers, type FirstAnswer, type FirstAnswerTotal } from './first-exposure.js';

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
  return calibrationOfTotals(totalFirstAnswers(answers));
}

/** The same from first answers summed by group (counts only: the weights play no part). */
export function calibrationOfTotals(totals: readonly FirstAnswerTotal[]): Calibration | null {
  if (!totals.some((g) => g.guess && g.count > 0)) return null;
  const level = (guess: boolean) => {
    let answered = 0;
    let correct = 0;
    for (const g of totals) {
      if (g.guess !== guess) continue;
      answered += g.count;
      if (g.correct) correct += g.count;
    }
    return { level: guess ? ('guess' as const) : ('sure' as const), answered, correct, percent: answered ? (100 * correct) / answered : null, forecast: guess ? GUESS_FORECAST : SURE_FORECAST };
  };
  let squares = 0;
  let answered = 0;
  for (const g of totals) {
    squares += g.count * ((g.guess ? GUESS_FORECAST : SURE_FORECAST) - Number(g.correct)) ** 2;
    answered += g.count;
  }
  return { levels: [level(false), level(true)], brier: squares / answered };
}
