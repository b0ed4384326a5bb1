import { createEmptyCard, fsrs, generatorParameters, Rating, State, type Card, type Grade } from 'ts-fsrs';

export { isNew, type MemoryState } from './memory.js';
import type { MemoryState } from './memory.js';
import { shiftToDayFrame, type DayRule } from '../days.js';

export type RatingValue = 1 | 2 | 3 | 4;
export const RATING_NAMES: Record<RatingValue, string> = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' };

export interface ReviewEvent {
  rating: RatingValue;
  at: Date;
  retention: number;
}

/*
 * The learner's day, not UTC's: ts-fsrs counts elapsed days between UTC
 * calendar dates, so each call hands it instants shifted by the learner's
 * offset and rollover hour (the UTC date of a shifted instant is the
 * learning day), and shifts what comes back by the same amount. Stored
 * states and the review log keep real instants; nothing is rewritten when
 * the time zone or cards.dayStartsAt changes.
 */

const schedulers = new Map<number, ReturnType<typeof fsrs>>();

function scheduler(retention: number) {
  // Fuzz spreads reviews as Anki does; ts-fsrs seeds it from the card and the time, so a replay gives the same dates.
  // One instance per retention: a plan asks thousands of times.
  let s = schedulers.get(retention);
  if (!s) schedulers.set(retention, (s = fsrs(generatorParameters({ request_retention: retention, enable_fuzz: true, enable_short_term: true }))));
  return s;
}

export function newMemory(now: Date): MemoryState {
  return toStored(createEmptyCard(now));
}

/** Apply one rating at time `now`, counting days as the learner's `days`; pure. */
export function rate(memory: MemoryState, rating: RatingValue, now: Date, retention: number, days: DayRule): MemoryState {
  const shifted = new Date(shiftToDayFrame(now.getTime(), days));
  const next = scheduler(retention).next(inFrame(memory, days), shifted, rating as Grade).card;
  return outOfFrame(next, now.getTime() - shifted.getTime());
}

/** The interval each rating would give, for the rating buttons. */
export function previewIntervals(memory: MemoryState, now: Date, retention: number, days: DayRule): Record<RatingValue, number> {
  const shifted = new Date(shiftToDayFrame(now.getTime(), days));
  const preview = scheduler(retention).repeat(inFrame(memory, days), shifted);
  const ms = (r: Rating) => preview[r as Grade].card.due.getTime() - shifted.getTime();
  return { 1: ms(Rating.Again), 2: ms(Rating.Hard), 3: ms(Rating.Good), 4: ms(Rating.Easy) };
}

/** Rebuild a card's state from its review log alone. */
export function replay(events: ReviewEvent[], days: DayRule): MemoryState | null {
  if (events.length === 0) return null;
  let memory = newMemory(events[0]!.at);
  for (const e of events) memory = rate(memory, e.rating, e.at, e.retention, days);
  return memory;
}

/** Probability of recall at `when` on the FSRS forgetting curve. */
export function recallAt(memory: MemoryState, when: Date, retention: number, days: DayRule): number {
  if (memory.state === State.New) return 0;
  return scheduler(retention).get_retrievability(inFrame(memory, days), new Date(shiftToDayFrame(when.getTime(), days)), false);
}

export const isLearning = (memory: MemoryState): boolean => memory.state === State.Learning || memory.state === State.Relearning;

export function formatInterval(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes < 60) return `${Math.max(1, Math.round(minutes))}m`;
  const hours = minutes / 60;
  if (hours < 24) return `${Math.round(hours)}h`;
  const days = hours / 24;
  if (days < 30) return `${Math.round(days)}d`;
  if (days < 365) return `${(days / 30).toFixed(days < 300 ? 1 : 0)}mo`;
  return `${(days / 365).toFixed(1)}y`;
}

function toStored(card: Card): MemoryState {
  return {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    last_review: card.last_review ? card.last_review.toISOString() : null,
  };
}

function inFrame(m: MemoryState, days: DayRule): Card {
  const card = fromStored(m);
  return { ...card, due: new Date(shiftToDayFrame(card.due.getTime(), days)), ...(card.last_review ? { last_review: new Date(shiftToDayFrame(card.last_review.getTime(), days)) } : {}) };
}

/** Back to real instants: the review happened at `now`, and every date ts-fsrs set is measured from it. */
function outOfFrame(card: Card, deltaMs: number): MemoryState {
  return toStored({ ...card, due: new Date(card.due.getTime() + deltaMs), ...(card.last_review ? { last_review: new Date(card.last_review.getTime() + deltaMs) } : {}) });
}

function fromStored(m: MemoryState): Card {
  return {
    ...m,
    due: new Date(m.due),
    state: m.state as State,
    last_review: m.last_review ? new Date(m.last_review) : undefined,
  } as Card;
}
