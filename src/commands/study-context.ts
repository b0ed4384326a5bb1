import type { Bank } from '../bank/types.js';
import { effectiveSettings } from '../cards/settings.js';
import type { ExamPlan } from '../cards/queue.js';
import { ReviewStore } from '../store/reviews.js';
import type { HistoryStore } from '../store/history.js';
import { dayRule, startOfDayKey, systemOffset, type DayRule } from '../days.js';

/** Settings as numbers, the learner's day rule, and the exam plan when an exam date is set. */
export function studySettings(reviews: ReviewStore, offsetMs: (instantMs: number) => number = systemOffset): StudySettings {
  const s = effectiveSettings(reviews.allSettings());
  const days = dayRule(offsetMs, Number(s['cards.dayStartsAt']));
  const examDate = s['examDate'] ?? null;
  const plan = examDate ? { examDate: startOfDayKey(examDate, days), target: Number(s['exam.targetRecall']) } : undefined;
  return { retention: Number(s['cards.retention']), newPerDay: Number(s['cards.newPerDay']), maxReviewsPerDay: Number(s['cards.maxReviewsPerDay']), days, examDate, ...(plan ? { plan } : {}) };
}

export interface StudySettings {
  retention: number;
  newPerDay: number;
  maxReviewsPerDay: number;
  days: DayRule;
  plan?: ExamPlan;
  examDate: string | null;
}

export function reviewStoreFor(history: HistoryStore): ReviewStore {
  return new ReviewStore(history.db, history.path);
}

/** Questions answered wrong at least once: the pool for `mrso cards --missed`. */
export function missedQuestionIds(history: HistoryStore, bank: Bank): string[] {
  return history.missedItemIds().filter((id) => bank.questionsById.has(id));
}
