import { choiceKeys, describe, displayKeys, indexOfLetter, ownLetterOf } from '../bank/letters.js';
import { convert, formatQuantity } from '../bank/units.js';
import type { QuestionPool } from '../bank/pool.js';
import type { BankQuestion } from '../bank/types.js';
import { Interrupted, UserError } from '../errors.js';
import { answeredCount, pacing, reviewRows, startEngine, step, type EngineAction, type EngineEffect, type EngineState } from '../exam/engine.js';
import { scoreExam, type ExamScore } from '../exam/score.js';
import * as exam from '../exam/session.js';
import type { HistoryStore } from '../store/history.js';
import type { AnswerRow, SessionStore } from '../store/sessions.js';
import { PromptAborted, type ChoiceView, type FeedbackView, type QuestionView, type ScreenView, type SessionDriver, type Ui } from '../ui/views.js';

/** One marked answer, for the memory model: practice items as checked, exam items at submit. */
export interface Mark {
  question: BankQuestion;
  correct: boolean;
  guess: boolean;
  timeMs: number;
}

export interface DriverDeps {
  ui: Ui;
  sessions: SessionStore;
  clock: () => number;
  attemptId: number;
  /**
   * Log marked answers for scheduling. Called inside the transaction that
   * records them (practice: the answer; exam: the submit), so a kill never
   * leaves one without the other. Must be synchronous.
   */
  logMarks?: (marks: Mark[], source: 'exam' | 'practice') => void;
  /** Awaited once the session is over and before it is recorded as finished (say, to load what logMarks needs). */
  ready?: () => Promise<void>;
}

export interface SessionOutcome {
  state: EngineState;
  score: ExamScore;
  reason: 'submitted' | 'time-up';
}

/**
 * Run one exam or practice session to its end through the engine. Every
 * effect is carried out before the next screen is drawn: an answer shown is
 * an answer saved. Ctrl-C, q or end of input save the time used and keep
 * the attempt resumable.
 */
export async function runSession(initial: EngineState, deps: DriverDeps): Promise<SessionOutcome> {
  const { ui, sessions, clock, attemptId } = deps;
  let state = initial;
  let failure: unknown;

  const driver: SessionDriver = {
    view: () => screenView(state),
    dispatch(action: EngineAction) {
      if (failure !== undefined || state.end) return;
      try {
        const result = step(state, action, clock());
        for (const effect of result.effects) carryOut(effect, result.state);
        state = result.state;
      } catch (error) {
        failure = error;
      }
    },
    get finished() {
      return failure !== undefined || state.end !== null;
    },
  };

  const progress = (s: EngineState) => ({ elapsedMs: s.elapsedMs, currentPos: s.current });
  const carryOut = (effect: EngineEffect, next: EngineState) => {
    switch (effect.type) {
      case 'save':
        sessions.saveAnswer(answerRow(next, effect.index, attemptId, clock()), progress(next));
        return;
      case 'mark':
        sessions.transaction(() => {
          sessions.writeAnswer(answerRow(next, effect.index, attemptId, clock()), progress(next));
          deps.logMarks?.([markOf(next, effect.index)], 'practice');
        });
        return;
      case 'finish':
      case 'quit':
        // Finishing is done once the prompt is closed (below); quitting saves the time used.
        sessions.transaction(() => sessions.writeProgress(attemptId, progress(next)));
        return;
    }
  };

  try {
    await ui.session(driver);
  } catch (error) {
    if (!(error instanceof PromptAborted)) throw error;
    driver.dispatch({ type: 'tick' });
    if (!state.end || state.end === 'quit') {
      sessions.transaction(() => sessions.writeProgress(attemptId, progress(state)));
      const answered = answeredCount(state);
      if (error.reason === 'interrupt') throw new Interrupted(`stopped; ${answered} answer(s) saved`, `Continue where you left off with: mrso exam --resume ${attemptId}`);
      if (answered === 0 && sessions.dropIfEmpty(attemptId)) {
        throw new UserError('input ended before any answer; nothing was recorded', 'Give one answer per line (e.g. B, A,C or T), or an empty line to skip.');
      }
      throw new UserError(
        `input ended after ${answered} of ${state.items.length} answers; those are saved`,
        `Give one answer per line (e.g. B, A,C or T), or continue with: mrso exam --resume ${attemptId}`,
      );
    }
  }
  if (failure !== undefined) throw failure;
  if (!state.end) driver.dispatch({ type: 'tick' });
  if (state.end === 'quit' || !state.end) {
    throw new Interrupted(`exam saved; ${answeredCount(state)} answer(s) kept`, `Continue where you left off with: mrso exam --resume ${attemptId}`);
  }
  await deps.ready?.();
  return { state, score: finish(state, deps), reason: state.end };
}

/** Score the session and record it as submitted, with its marks logged, in one transaction (a second submit logs nothing). */
function finish(state: EngineState, deps: DriverDeps): ExamScore {
  const score = scoreExam(state);
  const { sessions, attemptId, clock } = deps;
  sessions.transaction(() => {
    const submitted = sessions.writeFinish(attemptId, {
      correct: score.correct,
      total: score.total,
      passed: score.passed,
      finishedAt: new Date(clock()).toISOString(),
      elapsedMs: state.elapsedMs,
    });
    if (submitted && state.mode === 'exam') {
      const marks = state.items.flatMap((_, i) => (exam.isBlank(state.responses[i]) ? [] : [markOf(state, i)]));
      deps.logMarks?.(marks, 'exam');
    }
  });
  return score;
}

function markOf(s: EngineState, index: number): Mark {
  const item = s.items[index]!;
  return { question: item.question, correct: exam.isCorrect(item.question, s.responses[index] ?? null), guess: s.guess[index] ?? false, timeMs: s.timeMs[index] ?? 0 };
}

export function answerRow(s: EngineState, index: number, attemptId: number, now: number): AnswerRow {
  const item = s.items[index]!;
  const q = item.question;
  const response = s.responses[index] ?? null;
  return {
    attemptId,
    position: index,
    itemId: q.id,
    itemHash: q.hash,
    module: q.module,
    topic: q.topic,
    domain: q.domain,
    choiceOrder: item.choiceOrder,
    response,
    correct: exam.isCorrect(q, response),
    flagged: s.flags[index] ?? false,
    guess: s.guess[index] ?? false,
    struck: s.struck[index] ?? [],
    timeMs: Math.round(s.timeMs[index] ?? 0),
    answeredAt: new Date(now).toISOString(),
  };
}

export function screenView(s: EngineState): ScreenView {
  if (s.screen === 'review') {
    const rows = reviewRows(s, s.review.filter).map((index) => ({
      index,
      answered: !exam.isBlank(s.responses[index]),
      flagged: s.flags[index] ?? false,
      guess: s.guess[index] ?? false,
      stem: s.items[index]!.question.stem,
    }));
    return {
      screen: 'review',
      view: {
        total: s.items.length,
        answered: answeredCount(s),
        flaggedCount: exam.flagged(s).length,
        timeLeftMs: exam.remainingMs(s),
        pace: pacing(s),
        filter: s.review.filter,
        rows,
        cursor: s.review.cursor,
        typed: s.review.typed,
        current: s.current,
        notice: s.notice,
      },
    };
  }
  if (s.screen === 'confirm') {
    return { screen: 'confirm', view: { total: s.items.length, unanswered: exam.unanswered(s).length, flagged: exam.flagged(s).length, timeLeftMs: exam.remainingMs(s) } };
  }
  return { screen: 'question', view: questionView(s) };
}

export function questionView(s: EngineState): QuestionView {
  const item = s.items[s.current]!;
  const q = item.question;
  const response = s.responses[s.current] ?? null;
  const feedback = s.screen === 'feedback';
  const selected = new Set(s.mode === 'practice' && exam.isBlank(response) ? s.pending : displayKeys(item, response));
  const struck = new Set(s.struck[s.current] ?? []);
  const keyed = new Set(displayKeys(item, q.answer));
  const rationale = 'rationale' in q && Array.isArray(q.rationale) ? (q.rationale as string[]) : undefined;
  const choices: ChoiceView[] = choiceKeys(item).map((c) => {
    const own = ownLetterOf(item, c.key) ?? c.key;
    const view: ChoiceView = { key: c.key, text: c.text, selected: selected.has(c.key), struck: struck.has(own) };
    if (!feedback) return view;
    const mark = selected.has(c.key) ? (keyed.has(c.key) ? 'right' : 'wrong') : keyed.has(c.key) ? (q.type === 'multi' ? 'missed' : 'key') : undefined;
    const why = rationale?.[indexOfLetter(own)];
    return { ...view, ...(mark ? { mark } : {}), ...(why ? { rationale: why } : {}) };
  });
  return {
    mode: s.mode,
    position: s.current + 1,
    total: s.items.length,
    answered: answeredCount(s),
    flaggedCount: exam.flagged(s).length,
    flagged: s.flags[s.current] ?? false,
    guess: s.guess[s.current] ?? false,
    timeLeftMs: exam.remainingMs(s),
    pace: s.mode === 'exam' ? pacing(s) : null,
    type: q.type,
    ...(q.exhibit ? { exhibit: q.exhibit } : {}),
    stem: q.stem,
    choices,
    ...(q.type === 'numeric' ? { entry: s.entry, unit: q.answer.unit } : {}),
    canGoBack: s.mode === 'exam' && s.current > 0,
    striking: s.striking,
    notice: s.notice,
    ...(feedback ? { feedback: feedbackView(s, s.current) } : {}),
  };
}

export function feedbackView(s: EngineState, index: number): FeedbackView {
  const item = s.items[index]!;
  const q = item.question;
  const response = s.responses[index] ?? null;
  const view: FeedbackView = { correct: exam.isCorrect(q, response), given: describe(item, response), key: describe(item, q.answer), explanation: q.explanation, refs: q.refs, itemId: q.id };
  if (q.type === 'numeric' && response !== null && typeof response === 'object' && !Array.isArray(response)) {
    // The key in the item's unit and in the unit typed, and the answer given in both.
    const inTyped = (value: number, from: string, to: string) => (from === to ? '' : ` (= ${formatQuantity({ value: convert(value, from, to), unit: to })})`);
    const tolerance = q.answer.tolerance === undefined ? '' : ` ± ${formatQuantity({ value: q.answer.tolerance, unit: q.answer.unit })}`;
    return {
      ...view,
      given: `${formatQuantity(response)}${inTyped(response.value, response.unit, q.answer.unit)}`,
      key: `${formatQuantity(q.answer)}${tolerance}${inTyped(q.answer.value, q.answer.unit, response.unit)}`,
    };
  }
  if (q.type === 'multi') {
    const given = new Set(displayKeys(item, response));
    const keyed = displayKeys(item, q.answer);
    return { ...view, missed: keyed.filter((k) => !given.has(k)), extra: [...given].filter((k) => !keyed.includes(k)) };
  }
  return view;
}

/** Rebuild a saved attempt's engine state from the store and the current bank. */
export function restoreSession(store: HistoryStore, sessions: SessionStore, pool: Pick<QuestionPool, 'questions'>, attemptId: number, now: number): EngineState {
  const attempt = store.attempt(attemptId);
  if (!attempt) throw new UserError(`there is no session #${attemptId}`, 'List them with: mrso sessions');
  const rows = store.attemptItems(attemptId);
  const responses = new Map(store.responses(attemptId).map((r) => [r.position, r]));
  const marks = sessions.marks(attemptId);
  const questions = pool.questions(rows.map((row) => row.itemId));
  const missing = rows.filter((_, i) => !questions[i]).map((row) => row.itemId);
  if (missing.length > 0) {
    throw new UserError(
      `session #${attemptId} uses ${missing.length} item(s) no longer in the bank (${missing.slice(0, 3).join(', ')})`,
      `Set it aside with: mrso sessions --discard ${attemptId} (its answers stay in your history).`,
    );
  }
  const items = rows.map((row, i) => ({ question: questions[i]!, choiceOrder: row.choiceOrder }));
  const base = exam.startExam(items, attempt.mode, attempt.timeLimitS === null ? null : attempt.timeLimitS * 1000);
  const state: exam.ExamState = {
    ...base,
    responses: rows.map((row) => responses.get(row.position)?.response ?? null),
    flags: rows.map((row) => responses.get(row.position)?.flagged ?? false),
    timeMs: rows.map((row) => responses.get(row.position)?.timeMs ?? 0),
    elapsedMs: attempt.elapsedMs,
    submitted: attempt.status === 'submitted',
  };
  const engine = startEngine({ ...state, current: resumePosition(state, attempt.currentPos) }, now, {
    struck: rows.map((row) => marks.get(row.position)?.struck ?? []),
    guess: rows.map((row) => marks.get(row.position)?.guess ?? false),
  });
  return engine;
}

/** Where a resumed session opens: the first unanswered item from the saved place on, else the saved place. */
export function resumePosition(state: exam.ExamState, saved: number): number {
  const open = exam.unanswered(state);
  const from = Math.max(0, Math.min(state.items.length - 1, saved));
  return open.find((i) => i >= from) ?? open[0] ?? from;
}
