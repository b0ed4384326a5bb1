import type { Bank } from '../bank/types.js';
import { effectiveSettings } from '../cards/settings.js';
import type { ExamPlan, StudyItem, StudyRequest } from '../cards/queue.js';
import { UsageError } from '../errors.js';
import type { ReviewStore } from '../store/reviews.js';
import type { HistoryStore } from '../store/history.js';
import { dayRule, startOfDay, startOfDayKey, systemOffset, type DayRule } from '../days.js';
import { excludeHeldOut, heldOutIds } from '../exam/held-out.js';

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
  return history.reviews();
}

/**
 * The cards a `mrso cards` run works on (session or export): the bank's
 * flashcards, or with `missed` the questions answered wrong, narrowed by
 * --module and --topic. An unknown topic is refused; `--topic ''` means all.
 */
export function selectStudyItems(bank: Bank, filter: { module: number[]; topic?: string | undefined; missed?: boolean | undefined }, missed: () => string[]): StudyItem[] {
  const topic = filter.topic || undefined;
  if (topic !== undefined) {
    const modules = filter.module.length ? bank.modules.filter((m) => filter.module.includes(m.number)) : bank.modules;
    if (!modules.some((m) => Object.hasOwn(m.topics, topic))) {
      const known = modules.flatMap((m) => Object.keys(m.topics));
      throw new UsageError(`--topic ${topic}: no such topic${filter.module.length ? ` in module ${filter.module.join(', ')}` : ''}`, `Topics: ${known.join(', ')}`);
    }
  }
  const wanted = (module: number, t: string) => (filter.module.length === 0 || filter.module.includes(module)) && (topic === undefined || topic === t);
  if (filter.missed) {
    return missed()
      .map((id) => bank.questionsById.get(id)!)
      .filter((q) => wanted(q.module, q.topic))
      .map((q) => ({ id: q.id, kind: 'question', module: q.module, topic: q.topic }));
  }
  return bank.cards.filter((c) => wanted(c.module, c.topic)).map((c) => ({ id: c.id, kind: 'card', module: c.module, topic: c.topic }));
}

/** Questions answered wrong at least once, less the held-out forms not yet taken: the pool for `mrso cards --missed`. */
export function missedQuestionIds(history: HistoryStore, bank: Bank): string[] {
  const held = heldOutIds(bank.forms, history.takenForms());
  return excludeHeldOut(history.missedItemIds(), held, (id) => id).filter((id) => bank.questionsById.has(id));
}

/**
 * Today's flashcard request as the learner's settings make it: every card
 * not suspended, those buried today held back, and what was already done
 * today. `mrso plan` and the dashboard both start from it, so they agree
 * with `mrso cards`.
 */
export function dailyCardRequest(bank: Bank, reviews: ReviewStore, settings: StudySettings, now: Date): StudyRequest {
  const done = reviews.doneSince(startOfDay(now, settings.days).toISOString(), 'card');
  const suspended = new Set(reviews.suspended());
  return {
    items: bank.cards.filter((c) => !suspended.has(c.id)).map((c) => ({ id: c.id, kind: 'card', module: c.module, topic: c.topic })),
    buriedToday: reviews.buried(now.toISOString()),
    memory: reviews.latestMemory('card'),
    now,
    days: settings.days,
    retention: settings.retention,
    newPerDay: settings.newPerDay,
    maxPerDay: settings.maxReviewsPerDay,
    introducedToday: done.introduced,
    reviewedToday: done.reviewed,
    ...(settings.plan ? { plan: settings.plan } : {}),
  };
}
