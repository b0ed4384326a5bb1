import type { Response } from '../bank/schema.js';
import { matchesKey } from '../bank/units.js';
import type { BankQuestion } from '../bank/types.js';
import type { DrawnItem } from './draw.js';

export type ExamMode = 'exam' | 'practice';

/**
 * The state of one exam or practice session. Pure data: every function below
 * returns a new state, and time only moves when `tick` is called.
 */
export interface ExamState {
  mode: ExamMode;
  items: DrawnItem[];
  responses: (Response | null)[];
  flags: boolean[];
  timeMs: number[];
  current: number;
  elapsedMs: number;
  timeLimitMs: number | null;
  submitted: boolean;
}

export function startExam(items: DrawnItem[], mode: ExamMode, timeLimitMs: number | null): ExamState {
  return {
    mode,
    items,
    responses: items.map(() => null),
    flags: items.map(() => false),
    timeMs: items.map(() => 0),
    current: 0,
    elapsedMs: 0,
    timeLimitMs,
    submitted: false,
  };
}

export function answer(state: ExamState, response: Response | null): ExamState {
  if (state.submitted) return state;
  return { ...state, responses: replace(state.responses, state.current, response) };
}

export function toggleFlag(state: ExamState): ExamState {
  if (state.submitted) return state;
  return { ...state, flags: replace(state.flags, state.current, !state.flags[state.current]) };
}

export function goTo(state: ExamState, index: number): ExamState {
  const current = Math.max(0, Math.min(state.items.length - 1, index));
  return { ...state, current };
}

export const next = (state: ExamState): ExamState => goTo(state, state.current + 1);
export const back = (state: ExamState): ExamState => goTo(state, state.current - 1);

/** Let `ms` pass on the current item; past the limit the exam submits itself. */
export function tick(state: ExamState, ms: number): ExamState {
  if (state.submitted || ms <= 0) return state;
  const elapsedMs = state.elapsedMs + ms;
  const timeMs = replace(state.timeMs, state.current, (state.timeMs[state.current] ?? 0) + ms);
  const timedOut = state.timeLimitMs !== null && elapsedMs >= state.timeLimitMs;
  return { ...state, elapsedMs, timeMs, submitted: timedOut };
}

export function remainingMs(state: ExamState): number | null {
  return state.timeLimitMs === null ? null : Math.max(0, state.timeLimitMs - state.elapsedMs);
}

export function submit(state: ExamState): ExamState {
  return { ...state, submitted: true };
}

export function unanswered(state: ExamState): number[] {
  return state.responses.flatMap((r, i) => (isBlank(r) ? [i] : []));
}

export function flagged(state: ExamState): number[] {
  return state.flags.flatMap((f, i) => (f ? [i] : []));
}

export function isBlank(response: Response | null | undefined): boolean {
  return response === null || response === undefined || (Array.isArray(response) && response.length === 0);
}

/** All-or-nothing marking, as on the real exam: select-all items need exactly the keyed set. */
export function isCorrect(question: BankQuestion, response: Response | null): boolean {
  if (isBlank(response)) return false;
  switch (question.type) {
    case 'single':
      return response === question.answer;
    case 'truefalse':
      return response === question.answer;
    case 'multi': {
      if (!Array.isArray(response)) return false;
      const given = new Set(response);
      return given.size === question.answer.length && question.answer.every((a) => given.has(a));
    }
    case 'numeric':
      return typeof response === 'object' && !Array.isArray(response) && response !== null && matchesKey(question.answer, response);
  }
}

function replace<T>(list: T[], index: number, value: T): T[] {
  const copy = [...list];
  copy[index] = value;
  return copy;
}
