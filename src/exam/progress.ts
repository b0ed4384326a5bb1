import * as exam from './session.js';
import type { ExamState } from './session.js';
import type { Response } from '../bank/schema.js';
import type { DrawnItem } from './draw.js';
import type { EngineState, ReviewFilter, StepResult } from './engine.js';

/* Where the candidate stands in the exam: pacing against the limit, the 25/50/75 % checkpoints, the review screen's rows. */

export const CHECKPOINTS = [25, 50, 75] as const;

/** The items a review filter lists, by index. */
export function reviewRows(s: ExamState, filter: ReviewFilter): number[] {
  return s.items.flatMap((_, i) => {
    if (filter === 'unanswered' && !exam.isBlank(s.responses[i])) return [];
    if (filter === 'flagged' && !s.flags[i]) return [];
    return [i];
  });
}

/** Announce each 25/50/75 % checkpoint once, when the answered count first reaches it. */
export function withCheckpoint(before: EngineState, result: StepResult): StepResult {
  const s = result.state;
  if (s.end || s.mode !== 'exam') return result;
  const answered = s.responses.filter((r) => !exam.isBlank(r)).length;
  const reached = passedCheckpoint(answered, s.items.length);
  if (reached <= before.checkpoint) return result;
  const pace = pacing(s);
  const text = `Checkpoint ${reached}%: ${answered}/${s.items.length} answered${pace ? ` · ${pace}` : ''}`;
  return { ...result, state: { ...s, checkpoint: reached, notice: s.notice ?? text } };
}

export function passedCheckpoint(answered: number, total: number): number {
  let reached = 0;
  for (const c of CHECKPOINTS) if (total >= 4 && answered >= Math.ceil((total * c) / 100)) reached = c;
  return reached;
}

/**
 * Pacing against the limit: each answered item (and the one on screen) has
 * an equal share of the time; more than a minute over that is "N min behind".
 */
export function pacing(s: ExamState): string | null {
  if (s.timeLimitMs === null || s.items.length === 0) return null;
  const share = s.timeLimitMs / s.items.length;
  const answered = s.responses.filter((r) => !exam.isBlank(r)).length;
  const budget = Math.min(s.timeLimitMs, (answered + 1) * share);
  const behind = s.elapsedMs - budget;
  return behind >= 60_000 ? `${Math.floor(behind / 60_000)} min behind` : 'on pace';
}

export function answeredCount(s: ExamState): number {
  return s.responses.filter((r) => !exam.isBlank(r)).length;
}


/** What a step's effects are about: the answer row of one item as it stands. */
export function itemRecord(s: EngineState, index: number): { response: Response | null; flagged: boolean; struck: string[]; guess: boolean; timeMs: number; item: DrawnItem } {
  return {
    item: s.items[index]!,
    response: s.responses[index] ?? null,
    flagged: s.flags[index] ?? false,
    struck: s.struck[index] ?? [],
    guess: s.guess[index] ?? false,
    timeMs: Math.round(s.timeMs[index] ?? 0),
  };
}

