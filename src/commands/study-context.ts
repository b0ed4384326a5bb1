import type { Bank } from '../bank/types.js';
import { effectiveSettings } from '../cards/settings.js';
import type { ExamPlan } from '../cards/queue.js';
import type { ReviewStore } from '../store/reviews.js';
import type { HistoryStore } from '../store/history.js';

/** Settings as numbers, plus the exam plan when an exam date is set. */
export function studySettings(reviews: ReviewStore): { retention: number; newPerDay: number; plan?: ExamPlan; examDate: string | null } {
  const s = effectiveSettings(reviews.allSettings());
  const examDate = s['examDate'] ?? null;
  const plan = examDate ? { examDate: localMidnight(examDate), target: Number(s['exam.targetRecall']) } : undefined;
  return { retention: Number(s['cards.retention']), newPerDay: Number(s['cards.newPerDay']), examDate, ...(plan ? { plan } : {}) };
}

export function reviewStoreFor(history: HistoryStore): ReviewStore {
  return history.reviews();
}

/** Local midnight of a YYYY-MM-DD date, as an instant. */
export function localMidnight(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

export function startOfLocalDay(now: Date): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

export function endOfLocalDay(now: Date): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
}

export function localDayKey(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Questions answered wrong at least once: the pool for `mrso cards --missed`. */
export function missedQuestionIds(history: HistoryStore, bank: Bank): string[] {
  return history.missedItemIds().filter((id) => bank.questionsById.has(id));
}
