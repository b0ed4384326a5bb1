import type { Response } from '../bank/schema.js';
import type { BankQuestion } from '../bank/types.js';
import type { QuestionPool } from '../bank/pool.js';
import { Interrupted, UserError } from '../errors.js';
import type { DrawnItem } from '../exam/draw.js';
import { scoreExam, type ExamScore } from '../exam/score.js';
import * as exam from '../exam/session.js';
import type { ExamState } from '../exam/session.js';
import type { HistoryStore } from '../store/history.js';
import { excerpt } from '../ui/render.js';
import { formatQuantity } from '../bank/units.js';
import { PromptAborted, type ExamAction, type FeedbackView, type QuestionView, type Ui } from '../ui/views.js';

export interface SessionDeps {
  ui: Ui;
  store: HistoryStore;
  clock: () => number;
  attemptId: number;
  /** Told about each marked answer: practice items as committed, exam items at submit. */
  onMarked?: (marks: { question: BankQuestion; correct: boolean; timeMs: number }[], source: 'exam' | 'practice') => Promise<void>;
}

/**
 * Drive one exam or practice session to the end. Each answer and flag is
 * written the moment it is given; on Ctrl-C or end of input the time used is
 * saved and the attempt stays resumable.
 */
export async function runSession(initial: ExamState, deps: SessionDeps): Promise<{ state: ExamState; score: ExamScore }> {
  const { ui, store, clock, attemptId } = deps;
  let state = initial;
  let last = clock();
  // Set inside inPlace(), so declared without narrowing to null.
  let pendingMulti = null as string[] | null;

  const elapse = () => {
    const now = clock();
    state = exam.tick(state, now - last);
    last = now;
  };
  const persist = (index = state.current) => store.saveResponse(responseRow(state, index, attemptId, clock()), { elapsedMs: state.elapsedMs, currentPos: state.current });
  const isLast = () => state.current >= state.items.length - 1;

  const commitPractice = async (response: Response | null) => {
    state = exam.answer(state, response);
    persist();
    if (!exam.isBlank(response)) {
      const item = state.items[state.current]!;
      await deps.onMarked?.([{ question: item.question, correct: exam.isCorrect(item.question, response), timeMs: state.timeMs[state.current] ?? 0 }], 'practice');
      await ui.feedback(feedbackView(state, state.current));
    }
    pendingMulti = null;
    if (isLast()) state = exam.submit(state);
    else state = exam.next(state);
  };

  /** A flag, an exam choice or a practice select-all toggle; a practice single answer moves on to feedback. */
  const staysOnQuestion = (action: ExamAction) =>
    action.type === 'flag' || (action.type === 'select' && (state.mode === 'exam' || state.items[state.current]!.question.type === 'multi'));

  /** Choices and flags that stay on the question, applied and saved while the prompt is up. */
  const inPlace = (action: ExamAction): QuestionView | null => {
    if (!staysOnQuestion(action)) return null;
    elapse();
    if (state.submitted) return null;
    applyInPlace(action);
    return questionView(state, pendingMulti);
  };

  const applyInPlace = (action: ExamAction) => {
    const item = state.items[state.current]!;
    if (action.type === 'flag') {
      state = exam.toggleFlag(state);
      persist();
    } else if (action.type === 'select') {
      if (state.mode === 'practice') {
        pendingMulti = toggle(pendingMulti ?? [], action.key);
        return;
      }
      const current = displayKeys(item, state.responses[state.current] ?? null);
      const keys = item.question.type === 'multi' ? toggle(current, action.key) : [action.key];
      state = exam.answer(state, toResponse(item, keys));
      persist();
    }
  };

  try {
    while (!state.submitted) {
      const action = await ui.question(questionView(state, pendingMulti), inPlace);
      elapse();
      if (state.submitted) break;
      const item = state.items[state.current]!;
      switch (action.type) {
        case 'timeout':
          state = exam.submit(state);
          break;
        case 'select':
          if (staysOnQuestion(action)) applyInPlace(action);
          else await commitPractice(toResponse(item, [action.key]));
          break;
        case 'answerAndNext':
          if (state.mode === 'practice') {
            await commitPractice(action.keys.length ? toResponse(item, action.keys) : null);
          } else {
            state = exam.answer(state, action.keys.length ? toResponse(item, action.keys) : null);
            persist();
            if (isLast()) await reviewLoop();
            else state = exam.next(state);
          }
          break;
        case 'next':
          if (state.mode === 'practice') await commitPractice(pendingMulti?.length ? toResponse(item, pendingMulti) : null);
          else if (isLast()) await reviewLoop();
          else state = exam.next(state);
          break;
        case 'back':
          state = exam.back(state);
          break;
        case 'flag':
          applyInPlace(action);
          break;
        case 'review':
          await reviewLoop();
          break;
        case 'quit':
          store.saveProgress(attemptId, { elapsedMs: state.elapsedMs, currentPos: state.current });
          throw new Interrupted('exam saved; nothing you answered is lost', 'Continue where you left off with: mrso exam --resume');
      }
    }
  } catch (error) {
    if (!(error instanceof PromptAborted)) throw error;
    elapse();
    store.saveProgress(attemptId, { elapsedMs: state.elapsedMs, currentPos: state.current });
    const answered = state.responses.filter((r) => !exam.isBlank(r)).length;
    if (error.reason === 'interrupt') {
      throw new Interrupted(`stopped; ${answered} answer(s) saved`, 'Continue where you left off with: mrso exam --resume');
    }
    throw new UserError(
      `input ended after ${answered} of ${state.items.length} answers; those are saved`,
      'Give one answer per line (e.g. B, A,C or T), or continue with: mrso exam --resume',
    );
  }

  const score = scoreExam(state);
  if (state.mode === 'exam') {
    const marks = state.items.flatMap((item, i) =>
      exam.isBlank(state.responses[i]) ? [] : [{ question: item.question, correct: exam.isCorrect(item.question, state.responses[i] ?? null), timeMs: state.timeMs[i] ?? 0 }],
    );
    await deps.onMarked?.(marks, 'exam');
  }
  store.finishAttempt(attemptId, {
    correct: score.correct,
    total: score.total,
    passed: score.passed,
    finishedAt: new Date(clock()).toISOString(),
    elapsedMs: state.elapsedMs,
  });
  return { state, score };

  async function reviewLoop(): Promise<void> {
    for (;;) {
      const action = await ui.review(reviewView(state));
      elapse();
      if (state.submitted) return;
      if (action.type === 'return') return;
      if (action.type === 'goto') {
        state = exam.goTo(state, action.index);
        return;
      }
      const open = exam.unanswered(state).length;
      if (open > 0 && ui.interactive) {
        const sure = await ui.confirm(`${open} question(s) unanswered count as wrong. Submit anyway?`, false);
        elapse();
        if (!sure) continue;
      }
      state = exam.submit(state);
      return;
    }
  }
}

/** Display keys: A, B, C… for choices in shown order; T/F for true/false. */
export function choiceKeys(item: DrawnItem): { key: string; text: string }[] {
  const q = item.question;
  if (q.type === 'truefalse') {
    return [
      { key: 'T', text: 'True' },
      { key: 'F', text: 'False' },
    ];
  }
  if (q.type === 'numeric') return [];
  return item.choiceOrder.map((original, i) => ({ key: String.fromCharCode(65 + i), text: q.choices[original.charCodeAt(0) - 65]! }));
}

export function toResponse(item: DrawnItem, keys: string[]): Response | null {
  const q = item.question;
  if (keys.length === 0) return null;
  if (q.type === 'truefalse') return keys[0] === 'T';
  if (q.type === 'numeric') return null;
  const originals = keys.map((k) => item.choiceOrder[k.charCodeAt(0) - 65]!).filter(Boolean);
  return q.type === 'single' ? originals[0]! : [...originals].sort();
}

export function displayKeys(item: DrawnItem, response: Response | null): string[] {
  if (response === null) return [];
  if (typeof response === 'boolean') return [response ? 'T' : 'F'];
  if (typeof response === 'object' && !Array.isArray(response)) return [];
  const originals = Array.isArray(response) ? response : [response];
  return originals.map((o) => String.fromCharCode(65 + item.choiceOrder.indexOf(o))).sort();
}

function toggle(keys: string[], key: string): string[] {
  return keys.includes(key) ? keys.filter((k) => k !== key) : [...keys, key].sort();
}

function questionView(state: ExamState, pendingMulti: string[] | null): QuestionView {
  const item = state.items[state.current]!;
  return {
    mode: state.mode,
    position: state.current + 1,
    total: state.items.length,
    answered: state.responses.filter((r) => !exam.isBlank(r)).length,
    flaggedCount: exam.flagged(state).length,
    flagged: state.flags[state.current] ?? false,
    timeLeftMs: exam.remainingMs(state),
    // Numeric items reach exams only once their entry screen exists (drill items; see bank/schema.ts).
    type: item.question.type === 'numeric' ? 'single' : item.question.type,
    stem: item.question.stem,
    choices: choiceKeys(item),
    selected: pendingMulti ?? displayKeys(item, state.responses[state.current] ?? null),
    canGoBack: state.mode === 'exam' && state.current > 0,
  };
}

/** Describe a response in display terms: "B (text)" / "A, C" / "True". */
export function describe(item: DrawnItem, response: Response | null): string {
  if (exam.isBlank(response)) return '';
  const keys = displayKeys(item, response);
  const choices = choiceKeys(item);
  if (item.question.type === 'truefalse') return keys[0] === 'T' ? 'True' : 'False';
  if (typeof response === 'object' && response !== null && !Array.isArray(response)) return formatQuantity(response);
  return keys.map((k) => `${k}. ${choices.find((c) => c.key === k)?.text ?? ''}`).join('; ');
}

export function feedbackView(state: ExamState, index: number): FeedbackView {
  const item = state.items[index]!;
  const q = item.question;
  const response = state.responses[index] ?? null;
  return {
    correct: exam.isCorrect(q, response),
    given: describe(item, response),
    key: describe(item, q.answer),
    explanation: q.explanation,
    refs: q.refs,
    itemId: q.id,
  };
}

function reviewView(state: ExamState) {
  return {
    total: state.items.length,
    timeLeftMs: exam.remainingMs(state),
    rows: state.items.map((item, index) => ({
      index,
      answered: !exam.isBlank(state.responses[index]),
      flagged: state.flags[index] ?? false,
      excerpt: excerpt(item.question.stem),
    })),
  };
}

function responseRow(state: ExamState, index: number, attemptId: number, now: number) {
  const item = state.items[index]!;
  const q = item.question;
  const response = state.responses[index] ?? null;
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
    flagged: state.flags[index] ?? false,
    timeMs: Math.round(state.timeMs[index] ?? 0),
    answeredAt: new Date(now).toISOString(),
  };
}

/** Rebuild a saved attempt's state from the store and the current bank. */
export function restoreState(store: HistoryStore, pool: Pick<QuestionPool, 'questions'>, attemptId: number): ExamState {
  const attempt = store.attempt(attemptId);
  if (!attempt) throw new UserError(`attempt ${attemptId} does not exist`);
  const rows = store.attemptItems(attemptId);
  const responses = new Map(store.responses(attemptId).map((r) => [r.position, r]));
  const questions = pool.questions(rows.map((row) => row.itemId));
  const missing = rows.filter((_, i) => !questions[i]).map((row) => row.itemId);
  if (missing.length > 0) {
    throw new UserError(
      `the unfinished ${attempt.mode} uses ${missing.length} item(s) no longer in the bank (${missing.slice(0, 3).join(', ')})`,
      'Start a new one with: mrso exam --new (the unfinished one is set aside; its answers stay in your history).',
    );
  }
  // Positions are 0..n-1 in order, as written by createAttempt.
  const kept = rows.map((row, i) => ({ item: { question: questions[i]!, choiceOrder: row.choiceOrder }, position: row.position }));
  const base = exam.startExam(kept.map((k) => k.item), attempt.mode, attempt.timeLimitS === null ? null : attempt.timeLimitS * 1000);
  const state: ExamState = {
    ...base,
    responses: kept.map((k) => responses.get(k.position)?.response ?? null),
    flags: kept.map((k) => responses.get(k.position)?.flagged ?? false),
    timeMs: kept.map((k) => responses.get(k.position)?.timeMs ?? 0),
    elapsedMs: attempt.elapsedMs,
  };
  return { ...state, current: resumePosition(state, attempt.currentPos) };
}

/** Where a resumed exam opens: the first unanswered item from the saved place on, else the saved place. */
export function resumePosition(state: ExamState, saved: number): number {
  const open = exam.unanswered(state);
  const from = Math.max(0, Math.min(state.items.length - 1, saved));
  return open.find((i) => i >= from) ?? open[0] ?? from;
}
