import type { QuestionPool } from '../bank/pool.js';
import type { Module } from '../bank/schema.js';
import type { Bank, BankCard, BankQuestion, MockForm } from '../bank/types.js';
import type { ExportCard } from '../cards/export.js';
import { questionAsCard } from '../cards/question-card.js';
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

/** Which cards a `mrso cards` run works on: --module and --topic, and --missed for the questions answered wrong. */
export interface StudyFilter {
  module: number[];
  topic?: string | undefined;
  missed?: boolean | undefined;
}

/**
 * What a `mrso cards` session reads of the bank: its modules, the study
 * items a filter selects, and the card each shows when it comes up.
 */
export interface StudySource {
  modules: Module[];
  select(filter: StudyFilter): StudyItem[];
  cardOf(item: StudyItem): ExportCard;
}

/** The flashcards, with no question read (the bank's `cards` content, or a whole bank). */
export function flashcardSource(content: { modules: Module[]; cards: readonly BankCard[] }): StudySource {
  let byId: Map<string, BankCard> | undefined;
  return {
    modules: content.modules,
    select: (filter) => selectCards(content, filter),
    cardOf: (item) => (byId ??= new Map(content.cards.map((c) => [c.id, c]))).get(item.id)!,
  };
}

/**
 * `mrso cards --missed` from the question pool: the missed ids, their
 * modules from the pool's header, and a question read only when it is shown
 * (or, with --topic, the missed questions of the modules asked for, as a
 * question's topic is in its text). Same items, same order as from the bank.
 */
export function missedStudySource(pool: QuestionPool, missed: () => string[]): StudySource {
  let positionOf: Map<string, number> | undefined;
  return {
    modules: pool.modules,
    select: (filter) => {
      const topic = checkedTopic(pool.modules, filter);
      const ids = missed();
      const wanted = new Set(ids);
      const at = new Map<string, number>();
      for (let p = 0; p < pool.size; p++) {
        const id = pool.idAt(p)!;
        if (wanted.has(id)) at.set(id, p);
      }
      positionOf = at;
      const inModules = ids.filter((id) => at.has(id) && (filter.module.length === 0 || filter.module.includes(pool.moduleAt(at.get(id)!)!)));
      if (topic === undefined) return inModules.map((id) => ({ id, kind: 'question', module: pool.moduleAt(at.get(id)!)! }));
      return pool
        .questionsAt(inModules.map((id) => at.get(id)!))
        .filter((q) => q.topic === topic)
        .map((q) => ({ id: q.id, kind: 'question', module: q.module, topic: q.topic }));
    },
    cardOf: (item) => {
      const p = positionOf?.get(item.id);
      return questionAsCard((p === undefined ? pool.questions([item.id])[0] : pool.questionsAt([p])[0])!);
    },
  };
}

/** `--topic`, refused if no module asked for has it; `--topic ''` means all (undefined). */
function checkedTopic(modules: readonly Module[], filter: StudyFilter): string | undefined {
  const topic = filter.topic || undefined;
  if (topic !== undefined) {
    const asked = filter.module.length ? modules.filter((m) => filter.module.includes(m.number)) : modules;
    if (!asked.some((m) => Object.hasOwn(m.topics, topic))) {
      const known = asked.flatMap((m) => Object.keys(m.topics));
      throw new UsageError(`--topic ${topic}: no such topic${filter.module.length ? ` in module ${filter.module.join(', ')}` : ''}`, `Topics: ${known.join(', ')}`);
    }
  }
  return topic;
}

/**
 * The cards a `mrso cards` run works on (session or export): the bank's
 * flashcards, or with `missed` the questions answered wrong that are still
 * in the bank, narrowed by --module and --topic. An unknown topic is refused;
 * `--topic ''` means all.
 */
export function selectStudyItems(bank: Bank, filter: StudyFilter, missed: () => string[]): StudyItem[] {
  const wanted = filterOf(bank.modules, filter);
  if (filter.missed) {
    return missed()
      .map((id) => bank.questionsById.get(id))
      .filter((q): q is BankQuestion => q !== undefined && wanted(q.module, q.topic))
      .map((q) => ({ id: q.id, kind: 'question', module: q.module, topic: q.topic }));
  }
  return selectCards(bank, filter);
}

function selectCards(content: { modules: Module[]; cards: readonly BankCard[] }, filter: StudyFilter): StudyItem[] {
  const wanted = filterOf(content.modules, filter);
  return content.cards.filter((c) => wanted(c.module, c.topic)).map((c) => ({ id: c.id, kind: 'card', module: c.module, topic: c.topic }));
}

/** Whether a card or question of this module and topic is asked for (an unknown --topic is refused here). */
function filterOf(modules: readonly Module[], filter: StudyFilter): (module: number, topic: string) => boolean {
  const topic = checkedTopic(modules, filter);
  return (module, t) => (filter.module.length === 0 || filter.module.includes(module)) && (topic === undefined || topic === t);
}

/** Questions answered wrong at least once, most recent miss first, less the held-out forms not yet taken: the pool for `mrso cards --missed`. */
export function missedQuestionIds(history: HistoryStore, forms: readonly MockForm[]): string[] {
  const held = heldOutIds(forms, history.takenForms());
  return excludeHeldOut(history.missedItemIds(), held, (id) => id);
}

/**
 * Today's flashcard request as the learner's settings make it: every card
 * not suspended, those buried today held back, and what was already done
 * today. `mrso plan` and the dashboard both start from it, so they agree
 * with `mrso cards`.
 */
export function dailyCardRequest(bank: { cards: readonly BankCard[] }, reviews: ReviewStore, settings: StudySettings, now: Date): StudyRequest {
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
