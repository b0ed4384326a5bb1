import { displayKeys, indexOfLetter, ownLetterOf, toResponse } from '../bank/letters.js';
import { parseQuantity } from '../bank/units.js';
import * as exam from './session.js';
import type { ExamMode, ExamState } from './session.js';
import { passedCheckpoint, reviewRows, withCheckpoint } from './progress.js';

export { answeredCount, CHECKPOINTS, itemRecord, pacing, reviewRows } from './progress.js';

/**
 * The exam as a pure state machine: step(state, action, now) returns the next
 * state and the effects the command must carry out (save a row, log a marked
 * answer, finish). The clock is passed in with every action and rules every
 * screen: whatever the action, once the limit is reached the exam ends as
 * "time-up" with exactly the limit recorded, and the action is not applied.
 */

export type Screen = 'question' | 'feedback' | 'review' | 'confirm';
export type ReviewFilter = 'all' | 'unanswered' | 'flagged';
export type EndReason = 'submitted' | 'time-up' | 'quit';

export interface EngineState extends ExamState {
  screen: Screen;
  /** Per item, the choices struck out, in the item's own letters. */
  struck: string[][];
  /** Per item, whether the answer was marked as a guess. */
  guess: boolean[];
  /** Practice: the display keys chosen but not yet checked with Enter. */
  pending: string[];
  /** The next letter strikes a choice out instead of choosing it (after x). */
  striking: boolean;
  review: { filter: ReviewFilter; cursor: number; typed: string };
  /** When time was last accounted for (ms since the epoch, from the caller's clock). */
  lastAt: number;
  end: EndReason | null;
  /** A one-line message for the next screen (a checkpoint, a refusal); cleared by the next action. */
  notice: string | null;
  /** The highest pacing checkpoint (25, 50, 75 % of items answered) already announced. */
  checkpoint: number;
  /** Numeric items: the text typed so far, not yet checked. */
  entry: string;
}

export type EngineAction =
  | { type: 'tick' }
  | { type: 'choose'; key: string }
  | { type: 'set'; keys: string[] }
  /** Numeric items: type a character, erase the last one, or set the whole entry (line mode). */
  | { type: 'type'; text: string }
  | { type: 'erase' }
  | { type: 'set-entry'; text: string }
  /** `shifted`: by Shift+letter, which is also what every letter is with Caps Lock on. */
  | { type: 'strike'; key: string; shifted?: boolean }
  | { type: 'strike-mode' }
  | { type: 'guess' }
  | { type: 'flag' }
  | { type: 'next' }
  | { type: 'back' }
  | { type: 'check' }
  | { type: 'continue' }
  | { type: 'review' }
  | { type: 'review-move'; delta: number }
  | { type: 'review-filter'; filter: ReviewFilter }
  | { type: 'review-digit'; digit: string }
  | { type: 'review-open' }
  | { type: 'review-escape' }
  | { type: 'submit' }
  | { type: 'confirm'; yes: boolean }
  | { type: 'quit' };

export type EngineEffect =
  /** Write one item's row (answer, flag, strikes, guess, time) and the progress, before the screen shows it. */
  | { type: 'save'; index: number }
  /** Practice: an answer was checked; write it and log it for scheduling, as one transaction. */
  | { type: 'mark'; index: number }
  /** The exam is over (submitted or time-up): score it, log it and mark it finished, as one transaction. */
  | { type: 'finish'; reason: 'submitted' | 'time-up' }
  /** Save the time used and the place, and stop (the attempt stays resumable). */
  | { type: 'quit' };

export interface StepResult {
  state: EngineState;
  effects: EngineEffect[];
}


/** A new session (or a restored one: pass the saved answers in `from`). */
export function startEngine(base: ExamState, now: number, from: { struck?: string[][]; guess?: boolean[] } = {}): EngineState {
  const answered = base.responses.filter((r) => !exam.isBlank(r)).length;
  return {
    ...base,
    screen: 'question',
    struck: from.struck ?? base.items.map(() => []),
    guess: from.guess ?? base.items.map(() => false),
    pending: [],
    striking: false,
    review: { filter: 'all', cursor: 0, typed: '' },
    lastAt: now,
    end: null,
    notice: null,
    checkpoint: passedCheckpoint(answered, base.items.length),
    entry: '',
  };
}

/** Apply one action at time `now`. Pure: the same state, action and time always give the same result. */
export function step(state: EngineState, action: EngineAction, now: number): StepResult {
  if (state.end) return { state, effects: [] };
  const timed = accrue(state, now);
  if (timed.end === 'time-up') return { state: timed, effects: [{ type: 'finish', reason: 'time-up' }] };
  // A notice lasts until the next thing the candidate does: the clock's tick (every second) keeps it on screen.
  const s: EngineState = action.type === 'tick' ? timed : { ...timed, notice: null };
  const result = apply(s, action);
  return withCheckpoint(state, result);
}

/** Let the time since the last step pass on the current item; at the limit, end as time-up with exactly the limit used. */
function accrue(state: EngineState, now: number): EngineState {
  const dt = Math.max(0, now - state.lastAt);
  const limit = state.timeLimitMs;
  const allowed = limit === null ? dt : Math.max(0, Math.min(dt, limit - state.elapsedMs));
  const timeMs = [...state.timeMs];
  timeMs[state.current] = (timeMs[state.current] ?? 0) + allowed;
  const elapsedMs = state.elapsedMs + allowed;
  const timedOut = limit !== null && elapsedMs >= limit;
  return {
    ...state,
    timeMs,
    elapsedMs,
    lastAt: now,
    ...(timedOut ? { submitted: true, end: 'time-up' as const, notice: 'Time is up', screen: state.screen } : {}),
  };
}

function apply(s: EngineState, action: EngineAction): StepResult {
  const none = (state: EngineState): StepResult => ({ state, effects: [] });
  const saved = (state: EngineState, index = state.current): StepResult => ({ state, effects: [{ type: 'save', index }] });
  const item = s.items[s.current]!;

  if (action.type === 'tick') return none(s);
  if (action.type === 'quit') return { state: { ...s, end: 'quit' }, effects: [{ type: 'quit' }] };

  switch (s.screen) {
    case 'question':
      switch (action.type) {
        case 'strike-mode':
          return none({ ...s, striking: !s.striking });
        case 'choose':
          if (s.striking) return strike({ ...s, striking: false }, action.key);
          return choose(s, action.key);
        case 'strike':
          return strike(s, action.key, action.shifted === true);
        case 'type':
          return none({ ...s, entry: (s.entry + action.text).slice(0, 40) });
        case 'erase':
          return none({ ...s, entry: s.entry.slice(0, -1) });
        case 'set-entry':
          return none({ ...s, entry: action.text });
        case 'set': {
          if (s.mode === 'practice') return none({ ...s, pending: [...action.keys].sort() });
          if (action.keys.length === 0) return none(s);
          return saved(exam.answer(s, toResponse(item, action.keys)));
        }
        case 'guess':
          return saved({ ...s, guess: replace(s.guess, s.current, !s.guess[s.current]) });
        case 'flag':
          return saved(exam.toggleFlag(s));
        case 'next':
          if (s.mode === 'practice') return check(s);
          return s.current >= s.items.length - 1 ? none(openReview(s)) : none(exam.next({ ...s, striking: false }));
        case 'back':
          return s.mode === 'exam' ? none(exam.back({ ...s, striking: false })) : none(s);
        case 'check':
          return s.mode === 'practice' ? check(s) : apply(s, { type: 'next' });
        case 'review':
          return s.mode === 'exam' ? none(openReview(s)) : none(s);
        default:
          return none(s);
      }
    case 'feedback':
      if (action.type === 'continue' || action.type === 'next' || action.type === 'check') return advancePractice(s);
      return none(s);
    case 'review':
      return reviewAction(s, action);
    case 'confirm':
      if (action.type === 'confirm' && action.yes) return { state: { ...exam.submit(s), end: 'submitted' }, effects: [{ type: 'finish', reason: 'submitted' }] };
      if (action.type === 'confirm' || action.type === 'review-escape') return none({ ...s, screen: 'review' });
      return none(s);
  }
}

/** A choice key: in an exam it is the answer at once (select-all toggles); in practice it waits for Enter. */
function choose(s: EngineState, key: string): StepResult {
  const item = s.items[s.current]!;
  if (!ownLetterOf(item, key)) return { state: s, effects: [] };
  const multi = item.question.type === 'multi';
  if (s.mode === 'practice') {
    if (!exam.isBlank(s.responses[s.current])) return { state: s, effects: [] };
    return { state: { ...s, pending: multi ? toggle(s.pending, key) : [key] }, effects: [] };
  }
  const current = displayKeys(item, s.responses[s.current]);
  const keys = multi ? toggle(current, key) : [key];
  return { state: exam.answer(s, toResponse(item, keys)), effects: [{ type: 'save', index: s.current }] };
}

function strike(s: EngineState, key: string, shifted = false): StepResult {
  const item = s.items[s.current]!;
  const own = ownLetterOf(item, key);
  if (!own || item.question.type === 'truefalse') return { state: s, effects: [] };
  const struck = toggle(s.struck[s.current] ?? [], own);
  // With Caps Lock on every letter arrives shifted, so a candidate who meant to answer sees a choice struck: say why.
  const notice = shifted && struck.includes(own) ? `Struck out ${key} (Shift+${key} strikes). Caps Lock on? To answer ${key}, press ${key.toLowerCase()} or ${indexOfLetter(key) + 1}.` : s.notice;
  return { state: { ...s, struck: replace(s.struck, s.current, struck), notice }, effects: [{ type: 'save', index: s.current }] };
}

/** Practice Enter: check the chosen answer (feedback), or skip an item with nothing chosen. */
function check(s: EngineState): StepResult {
  const item = s.items[s.current]!;
  if (!exam.isBlank(s.responses[s.current])) return { state: { ...s, screen: 'feedback' }, effects: [] };
  const q = item.question;
  if (q.type === 'numeric') {
    if (s.entry.trim() === '') return advancePractice(s);
    // Bad input is never marked: a one-line hint, and the entry stays for another try.
    const parsed = parseQuantity(s.entry, q.answer.unit);
    if (!parsed.ok) return { state: { ...s, notice: `${parsed.hint[0]!.toUpperCase()}${parsed.hint.slice(1)}.` }, effects: [] };
    const answered: EngineState = { ...exam.answer(s, parsed.quantity), entry: '', screen: 'feedback' };
    return { state: answered, effects: [{ type: 'mark', index: s.current }] };
  }
  if (s.pending.length === 0) return advancePractice(s);
  const answered: EngineState = { ...exam.answer(s, toResponse(item, s.pending)), pending: [], screen: 'feedback' };
  return { state: answered, effects: [{ type: 'mark', index: s.current }] };
}

function advancePractice(s: EngineState): StepResult {
  if (s.current >= s.items.length - 1) return { state: { ...exam.submit(s), screen: 'question', end: 'submitted' }, effects: [{ type: 'finish', reason: 'submitted' }] };
  return { state: { ...exam.next(s), screen: 'question', pending: [], striking: false, entry: '' }, effects: [] };
}

function openReview(s: EngineState): EngineState {
  const rows = reviewRows(s, s.review.filter);
  const at = rows.indexOf(s.current);
  return { ...s, screen: 'review', striking: false, review: { ...s.review, cursor: at < 0 ? 0 : at, typed: '' } };
}

function reviewAction(s: EngineState, action: EngineAction): StepResult {
  const none = (state: EngineState): StepResult => ({ state, effects: [] });
  const rows = reviewRows(s, s.review.filter);
  switch (action.type) {
    case 'review-move': {
      const cursor = clamp(s.review.cursor + action.delta, 0, Math.max(0, rows.length - 1));
      return none({ ...s, review: { ...s.review, cursor, typed: '' } });
    }
    case 'review-filter': {
      const next = reviewRows(s, action.filter);
      const at = next.findIndex((i) => i >= (rows[s.review.cursor] ?? 0));
      return none({ ...s, review: { filter: action.filter, cursor: at < 0 ? Math.max(0, next.length - 1) : at, typed: '' } });
    }
    case 'review-digit': {
      const typed = (s.review.typed + action.digit).replace(/^0+/, '').slice(0, String(s.items.length).length);
      const number = Number(typed);
      if (typed === '' || number < 1 || number > s.items.length) return none({ ...s, review: { ...s.review, typed: '' }, notice: `There is no question ${s.review.typed}${action.digit}: 1–${s.items.length}.` });
      // The number typed is the question you get: widen the filter if that question is not in it.
      const inFilter = rows.indexOf(number - 1);
      const review = inFilter >= 0 ? { ...s.review, cursor: inFilter, typed } : { filter: 'all' as const, cursor: number - 1, typed };
      return none({ ...s, review });
    }
    case 'review-open':
    case 'check':
    case 'next': {
      const target = s.review.typed ? Number(s.review.typed) - 1 : rows[s.review.cursor];
      if (target === undefined) return none(s);
      return none({ ...exam.goTo(s, target), screen: 'question', review: { ...s.review, typed: '' } });
    }
    case 'review-escape':
      if (s.review.typed) return none({ ...s, review: { ...s.review, typed: '' } });
      return none({ ...s, screen: 'question' });
    case 'submit':
      return none({ ...s, screen: 'confirm', review: { ...s.review, typed: '' } });
    default:
      return none(s);
  }
}

export type { ExamMode };

function toggle(keys: string[], key: string): string[] {
  return keys.includes(key) ? keys.filter((k) => k !== key) : [...keys, key].sort();
}

function replace<T>(list: T[], index: number, value: T): T[] {
  const copy = [...list];
  copy[index] = value;
  return copy;
}

function clamp(n: number, low: number, high: number): number {
  return Math.max(low, Math.min(high, n));
}
