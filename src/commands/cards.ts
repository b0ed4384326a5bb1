import { wrap } from '../ui/layout.js';
import { interleaveKinds } from '../cards/interleave.js';
import { UserError, Interrupted, UsageError } from '../errors.js';
import { isLeech } from '../cards/memory.js';
import { buildQueue, type StudyItem } from '../cards/queue.js';
import { formatInterval, isLearning, isNew, newMemory, previewIntervals, rate, type MemoryState, type RatingValue } from '../cards/scheduler.js';
import { summariseSession } from '../cards/summary.js';
import { endOfDay, startOfDay } from '../days.js';
import type { ReviewStore } from '../store/reviews.js';
import type { Theme } from '../ui/theme.js';
import { PromptAborted, type CardView, type Ui } from '../ui/views.js';
import { makeUi, openHistory, stdoutTheme, type GlobalOptions } from './context.js';
import { loadUsableBank, loadUsablePool, openUsableBank } from './load-bank.js';
import { checkModules } from './options.js';
import { flashcardSource, missedQuestionIds, missedStudySource, reviewStoreFor, selectStudyItems, studySettings, type StudySource } from './study-context.js';
import { renderSessionSummary } from '../ui/render-cards.js';

/** `mrso cards` flags as commander hands them over (values checked by their parsers in cli.ts). */
export interface CardsFlags {
  module?: number[];
  topic?: string;
  new?: number;
  limit?: number;
  retention?: number;
  missed?: boolean;
  cram?: boolean;
  suspended?: boolean;
  unsuspend?: string;
  export?: 'anki' | 'csv' | 'md';
  output?: string;
  force?: boolean;
}

export type CardsOptions = CardsFlags & { module: number[]; limit: number };

export async function cardsCommand(flags: CardsFlags, globals: GlobalOptions): Promise<void> {
  const options: CardsOptions = { ...flags, module: flags.module ?? [], limit: flags.limit ?? 200 };
  if (options.export || options.suspended || options.unsuspend !== undefined) return cardsFromBank(options, globals);
  // A session reads only what it shows: the flashcards, or with --missed the pool, whose questions are parsed when shown.
  const pool = options.missed ? await loadUsablePool(globals) : undefined;
  const cards = pool ? undefined : await openUsableBank(globals, 'cards');
  checkModules(pool ?? cards!, options.module);
  checkExportFlags(options);
  const history = openHistory(globals);
  let ui: Ui | undefined;
  try {
    const theme = stdoutTheme();
    const source = pool ? missedStudySource(pool, () => missedQuestionIds(history, pool.forms)) : flashcardSource(cards!);
    ui = await makeUi(theme);
    await runCards(options, { source, reviews: reviewStoreFor(history), ui, theme, clock: Date.now });
  } finally {
    ui?.close?.();
    history.close();
  }
}

function checkExportFlags(options: CardsOptions): void {
  if (options.output && !options.export) throw new UsageError('-o/--output goes with --export', 'For example: mrso cards --export anki -o mrso.txt');
  if (options.force && !options.export) throw new UsageError('--force goes with --export', 'For example: mrso cards --export anki -o mrso.txt --force');
}

/** --export and the suspended list read the whole bank (questions and cards by id). */
async function cardsFromBank(options: CardsOptions, globals: GlobalOptions): Promise<void> {
  const bank = await loadUsableBank(globals);
  checkModules(bank, options.module);
  checkExportFlags(options);
  const history = options.export && !options.missed ? null : openHistory(globals);
  try {
    if (options.export) {
      // The export takes the session's selection: --missed reads the history, --topic is checked the same way.
      const items = selectStudyItems(bank, options, () => missedQuestionIds(history!, bank.forms));
      const { exportCards } = await import('./cards-export.js');
      exportCards(options, bank, items);
      return;
    }
    const { listSuspended } = await import('./cards-suspended.js');
    listSuspended(options, bank, reviewStoreFor(history!));
  } finally {
    history?.close();
  }
}

export interface CardsDeps {
  /** The bank's modules, the cards a filter selects, and each card's text (see study-context.ts). */
  source: StudySource;
  reviews: ReviewStore;
  ui: Ui;
  theme: Theme;
  clock: () => number;
}

/** A card that FSRS wants back within the day (a learning step) returns when its step is up, not before. */
interface Waiting {
  item: StudyItem;
  at: number;
}

interface Done {
  item: StudyItem;
  reviewId: number | null;
  memoryBefore: MemoryState | undefined;
  from: 'fresh' | 'learning' | 'review';
  rating: RatingValue;
}

/**
 * `mrso cards`: today's due cards, then new ones mixed in; every rating is
 * logged the moment it is given. u undoes the last rating, b buries a card
 * until tomorrow, s suspends it, q quits. With --cram nothing is written.
 */
export async function runCards(options: CardsOptions, deps: CardsDeps): Promise<void> {
  const { source, reviews, ui, clock } = deps;
  const settings = studySettings(reviews);
  const days = settings.days;
  const retention = options.retention ?? settings.retention;
  const kind = options.missed ? 'question' : 'card';
  const started = new Date(clock());
  const aside = options.cram ? new Set<string>() : reviews.setAside(started.toISOString());
  const items = source.select(options).filter((i) => !aside.has(i.id));
  if (items.length === 0) {
    throw new UserError(options.missed ? 'no missed questions yet' : 'no flashcards match those options', options.missed ? 'Missed exam and practice questions appear here: mrso exam --mode practice' : 'Try without --topic/--module (suspended cards: mrso cards --suspended).');
  }
  const memory = reviews.latestMemory(kind);
  const fresh: StudyItem[] = [];
  const review: StudyItem[] = [];
  if (options.cram) {
    review.push(...items.slice(0, options.limit));
  } else {
    const today = reviews.doneSince(startOfDay(started, days).toISOString(), kind);
    const queue = buildQueue({
      items,
      memory,
      now: started,
      days,
      retention,
      newPerDay: options.new ?? settings.newPerDay,
      fixedNew: options.new !== undefined,
      maxPerDay: settings.maxReviewsPerDay,
      introducedToday: options.new !== undefined ? 0 : today.introduced,
      reviewedToday: today.reviewed,
      ...(settings.plan ? { plan: settings.plan } : {}),
    });
    // --limit trims this session only; without it the session is exactly day one of `mrso plan`.
    review.push(...[...queue.due, ...queue.pulled].slice(0, options.limit));
    fresh.push(...queue.fresh.slice(0, Math.max(0, options.limit - review.length)));
  }
  // Learning cards from an earlier session wait for their step like this session's own.
  const waiting: Waiting[] = [];
  const learning: StudyItem[] = [];
  for (const item of review.splice(0)) {
    const m = memory.get(item.id);
    if (m && isLearning(m) && !options.cram) {
      if (Date.parse(m.due) > started.getTime()) waiting.push({ item, at: Date.parse(m.due) });
      else learning.push(item);
    } else review.push(item);
  }
  if (fresh.length + review.length + learning.length + waiting.length === 0) {
    ui.print(renderSessionSummary({ ...summariseSession([], [...memory.values()], started, days), nothingDue: true }, deps.theme));
    return;
  }
  const mode = options.cram ? 'cram: nothing is scheduled or logged' : `${review.length + learning.length + waiting.length} due, ${fresh.length} new${settings.plan ? ` · exam on ${settings.examDate}` : ''} · retention ${retention}`;
  ui.print(deps.theme.dim(wrap(mode, ui.width)));

  // New cards mixed evenly among reviews, as Anki's "mix new and review" does.
  const order: { item: StudyItem; from: Done['from'] }[] = [...learning.map((item) => ({ item, from: 'learning' as const })), ...interleaveKinds(review, fresh)];
  const done: Done[] = [];
  const dayEnd = endOfDay(started, days).getTime();
  let notice: string | undefined;
  // Cards brought back by an undo, shown next.
  const again: { item: StudyItem; from: Done['from'] }[] = [];
  const pile = (from: Done['from']) => [...again, ...order].filter((x) => x.from === from).length;
  const counts = () => ({ fresh: pile('fresh'), learning: waiting.length + pile('learning'), review: pile('review') });

  try {
    for (;;) {
      const now = clock();
      waiting.sort((a, b) => a.at - b.at);
      const next = again.shift() ?? (waiting[0] && waiting[0].at <= now ? { item: waiting.shift()!.item, from: 'learning' as const } : undefined) ?? order.shift();
      if (!next) {
        const soonest = waiting[0];
        if (!soonest) break;
        if (!ui.waitForCard) {
          ui.print(deps.theme.dim(wrap(`${waiting.length} learning card${waiting.length === 1 ? '' : 's'} come${waiting.length === 1 ? 's' : ''} back at ${new Date(soonest.at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}: run mrso cards again then`, ui.width)));
          break;
        }
        const action = await ui.waitForCard({ nextAt: soonest.at, counts: counts(), done: done.length, startedAt: started.getTime(), canUndo: done.length > 0 });
        if (action.type === 'quit') break;
        if (action.type === 'undo') notice = undoLast();
        else soonest.at = Math.min(soonest.at, clock());
        continue;
      }
      const { item, from } = next;
      const shownAt = clock();
      const before = memory.get(item.id);
      const current = before ?? newMemory(new Date(shownAt));
      const intervals = options.cram ? null : previewIntervals(current, new Date(shownAt), retention, days);
      const view = cardView(source, item, {
        left: again.length + order.length + waiting.length + 1,
        done: done.length,
        counts: bump(counts(), from),
        startedAt: started.getTime(),
        elapsedMs: shownAt - started.getTime(),
        isNew: isNew(before),
        isLeech: isLeech(before),
        cram: !!options.cram,
        intervals,
        ...(notice ? { notice } : {}),
      });
      notice = undefined;
      const action = await ui.flashcard(view);
      if (action.type === 'quit') break;
      if (action.type === 'undo') {
        // This card goes back to its pile; the one rated before it comes next.
        if (from === 'learning') waiting.push({ item, at: clock() });
        else order.unshift({ item, from });
        notice = undoLast();
        continue;
      }
      if (action.type === 'bury' || action.type === 'suspend') {
        if (options.cram) {
          notice = 'cram changes nothing: the card is only skipped';
          continue;
        }
        if (action.type === 'bury') reviews.bury(item.id, new Date(dayEnd).toISOString());
        else reviews.suspend(item.id);
        notice = action.type === 'bury' ? 'buried until tomorrow' : `suspended (bring it back with: mrso cards --unsuspend ${item.id})`;
        continue;
      }
      const ratedAt = new Date(clock());
      if (options.cram) {
        done.push({ item, reviewId: null, memoryBefore: before, from, rating: action.rating });
        if (action.rating === 1) order.push({ item, from });
        continue;
      }
      const { id, after } = reviews.rateOnLatest(item.id, (latest) => ({
        kind,
        source: 'cards',
        rating: action.rating,
        reviewedAt: ratedAt.toISOString(),
        elapsedMs: ratedAt.getTime() - shownAt,
        retention,
        after: rate(latest ?? newMemory(ratedAt), action.rating, ratedAt, retention, days),
      }));
      memory.set(item.id, after);
      done.push({ item, reviewId: id, memoryBefore: before, from, rating: action.rating });
      if (isLeech(after) && !isLeech(before)) notice = `leech: ${item.id} has been forgotten ${after.lapses} times; rewrite it in your own words, or suspend it (s)`;
      const dueAt = Date.parse(after.due);
      if (isLearning(after) && dueAt < dayEnd) waiting.push({ item, at: dueAt });
    }
  } catch (error) {
    if (!(error instanceof PromptAborted)) throw error;
    ui.print(renderSessionSummary(summariseSession(ratingsOf(done), [...memory.values()], new Date(clock()), days), deps.theme));
    // Ratings are saved as given, so a pipe running dry simply ends the session.
    if (error.reason === 'end-of-input') return;
    throw new Interrupted(options.cram ? 'stopped; cram logs nothing' : `stopped; ${done.length} rating(s) saved`, 'Pick up again any time with: mrso cards');
  }
  ui.print(renderSessionSummary(summariseSession(ratingsOf(done), [...memory.values()], new Date(clock()), days), deps.theme));

  function undoLast(): string {
    const last = done.pop();
    if (!last) return 'nothing to undo';
    if (last.reviewId !== null && !reviews.undo(last.reviewId, last.item.id)) {
      done.push(last);
      return 'cannot undo: another session has rated that card since';
    }
    if (last.reviewId !== null) {
      if (last.memoryBefore) memory.set(last.item.id, last.memoryBefore);
      else memory.delete(last.item.id);
    }
    // Its learning step (or cram's Again) re-queued it: that goes too.
    const w = waiting.findIndex((x) => x.item.id === last.item.id);
    if (w >= 0) waiting.splice(w, 1);
    const o = order.findLastIndex((x) => x.item.id === last.item.id);
    if (o >= 0 && options.cram && last.rating === 1) order.splice(o, 1);
    again.unshift({ item: last.item, from: last.from });
    return `undone: ${last.item.id} rated ${['', 'Again', 'Hard', 'Good', 'Easy'][last.rating]}`;
  }
}

const ratingsOf = (done: Done[]) => done.map((d) => d.rating);

/** The card on screen counts in its own pile until it is rated. */
function bump(c: CardView['counts'], from: Done['from']): CardView['counts'] {
  return { ...c, [from]: c[from] + 1 };
}

function cardView(
  source: StudySource,
  item: StudyItem,
  s: Omit<CardView, 'kind' | 'front' | 'back' | 'refs' | 'tag' | 'intervals'> & { intervals: Record<RatingValue, number> | null },
): CardView {
  const intervals = s.intervals
    ? { 1: formatInterval(s.intervals[1]), 2: formatInterval(s.intervals[2]), 3: formatInterval(s.intervals[3]), 4: formatInterval(s.intervals[4]) }
    : { 1: 'again', 2: 'next', 3: 'next', 4: 'next' };
  const card = source.cardOf(item);
  const module = source.modules.find((m) => m.number === card.module);
  const tag = `${module?.title ?? `Module ${card.module}`} · ${module?.topics[card.topic]?.title ?? card.topic}`;
  return { ...s, kind: item.kind, front: card.front, back: card.back, refs: card.refs, tag, intervals };
}
