import { describe } from '../bank/letters.js';
import type { Module } from '../bank/schema.js';
import type { ExamScore } from '../exam/score.js';
import { certEligibility } from '../exam/cert-eligibility.js';
import * as exam from '../exam/session.js';
import type { ExamState } from '../exam/session.js';
import type { AttemptRow } from '../store/history.js';
import type { ResultView } from '../ui/render-result.js';

/** The result screen's data, the same at submit and when reopened with `mrso results ID`. */
export function buildResultView(attempt: AttemptRow, state: ExamState, score: ExamScore, modules: Module[]): ResultView {
  const missed = score.missed.map(({ index, item }) => ({
    number: index + 1,
    itemId: item.question.id,
    stem: item.question.stem,
    ...(item.question.exhibit ? { exhibit: item.question.exhibit } : {}),
    given: describe(item, state.responses[index] ?? null),
    key: describe(item, item.question.answer),
    explanation: item.question.explanation,
    refs: item.question.refs,
    seconds: Math.round((state.timeMs[index] ?? 0) / 1000),
  }));
  const flagged = exam.flagged(state).map((index) => ({
    number: index + 1,
    itemId: state.items[index]!.question.id,
    outcome: exam.isBlank(state.responses[index]) ? ('unanswered' as const) : exam.isCorrect(state.items[index]!.question, state.responses[index] ?? null) ? ('right' as const) : ('wrong' as const),
  }));
  const answeredTimes = state.timeMs.filter((_, i) => !exam.isBlank(state.responses[i]));
  const quarters =
    state.mode === 'exam' && state.items.length >= 8
      ? [0, 1, 2, 3].map((q) => {
          const from = Math.floor((q * state.items.length) / 4);
          const to = Math.floor(((q + 1) * state.items.length) / 4);
          const slice = state.items.slice(from, to);
          const correct = slice.filter((item, k) => exam.isCorrect(item.question, state.responses[from + k] ?? null)).length;
          const ms = state.timeMs.slice(from, to).reduce((s, t) => s + t, 0);
          return { from: from + 1, to, correct, total: slice.length, secondsPerItem: Math.round(ms / 1000 / Math.max(1, slice.length)) };
        })
      : [];
  const next = [
    missed.length > 0 ? 'mrso review --missed' : '',
    flagged.length > 0 ? 'mrso review --flagged' : '',
    'mrso stats',
    certEligibility({ mode: attempt.mode, status: 'submitted', items: state.items.length, modules: attempt.params.modules, timeLimitS: attempt.timeLimitS, passed: score.passed }) === null
      ? `mrso cert --attempt ${attempt.id}`
      : '',
  ].filter(Boolean);
  return {
    attemptId: attempt.id,
    mode: state.mode,
    score,
    elapsedMs: state.elapsedMs,
    timeLimitMs: state.timeLimitMs,
    secondsPerItem: answeredTimes.length ? Math.round(answeredTimes.reduce((s, t) => s + t, 0) / 1000 / answeredTimes.length) : 0,
    modules,
    missed,
    flagged,
    quarters,
    next,
  };
}
