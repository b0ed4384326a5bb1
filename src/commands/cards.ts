import type { Bank } from '../bank/types.js';
import { UserError, Interrupted, UsageError } from '../errors.js';
import { buildQueue, newPerDayFor, type StudyItem } from '../cards/queue.js';
import { formatInterval, isNew, newMemory, previewIntervals, rate, type MemoryState } from '../cards/scheduler.js';
import { summariseSession } from '../cards/summary.js';
import type { ReviewStore } from '../store/reviews.js';
import type { Theme } from '../ui/theme.js';
import { PromptAborted, type CardView, type Ui } from '../ui/views.js';
import { describe as describeResponse } from './exam-session.js';
import { makeUi, openHistory, stdoutTheme, type GlobalOptions } from './context.js';
import { loadUsableBank } from './load-bank.js';
import { checkModules } from './options.js';
import { endOfLocalDay, missedQuestionIds, reviewStoreFor, startOfLocalDay, studySettings } from './study-context.js';
import { renderSessionSummary } from '../ui/render-cards.js';

/** `mrso cards` flags as commander hands them over (values checked by their parsers in cli.ts). */
export interface CardsFlags {
  module?: number[];
  topic?: string;
  new?: number;
  limit?: number;
  retention?: number;
  missed?: boolean;
  export?: 'anki' | 'csv' | 'md';
  output?: string;
}

export type CardsOptions = CardsFlags & { module: number[]; limit: number };

export async function cardsCommand(flags: CardsFlags, globals: GlobalOptions): Promise<void> {
  const options: CardsOptions = { ...flags, module: flags.module ?? [], limit: flags.limit ?? 200 };
  const bank = await loadUsableBank(globals);
  checkModules(bank, options.module);
  if (options.export) {
    const { exportCards } = await import('./cards-export.js');
    exportCards(options, bank);
    return;
  }
  if (options.output) throw new UsageError('-o/--output goes with --export', 'For example: mrso cards --export anki -o mrso.txt');
  const history = openHistory(globals);
  try {
    const theme = stdoutTheme();
    await runCards(options, { bank, reviews: reviewStoreFor(history), missed: () => missedQuestionIds(history, bank), ui: await makeUi(theme), theme, clock: Date.now });
  } finally {
    history.close();
  }
}

export interface CardsDeps {
  bank: Bank;
  reviews: ReviewStore;
  missed: () => string[];
  ui: Ui;
  theme: Theme;
  clock: () => number;
}

/** Re-show a card in this session when FSRS wants it back within this many minutes (learning steps). */
const LEARN_AHEAD_MS = 20 * 60_000;

/** `mrso cards`: today's due cards, then new ones mixed in; every rating is logged the moment it is given. */
export async function runCards(options: CardsOptions, deps: CardsDeps): Promise<void> {
  const { bank, reviews, ui, clock } = deps;
  const settings = studySettings(reviews);
  const retention = options.retention ?? settings.retention;
  const kind = options.missed ? 'question' : 'card';
  const items = studyItems(bank, options, deps);
  if (items.length === 0) {
    throw new UserError(options.missed ? 'no missed questions yet' : 'no flashcards match those options', options.missed ? 'Missed exam and practice questions appear here: mrso exam --mode practice' : 'Try without --topic/--module.');
  }
  const started = new Date(clock());
  const memory = reviews.latestMemory(kind);
  const unseen = items.filter((i) => isNew(memory.get(i.id))).length;
  const perDay = options.new ?? newPerDayFor(settings.newPerDay, unseen, started, settings.plan);
  const newAllowed = options.new ?? Math.max(0, perDay - reviews.introducedSince(startOfLocalDay(started).toISOString(), kind));
  const queue = buildQueue({ items, memory, now: started, dayEnd: endOfLocalDay(started), retention, newAllowed, limit: options.limit, ...(settings.plan ? { plan: settings.plan } : {}) });
  const order = [...queue.order];
  if (order.length === 0) {
    ui.print(renderSessionSummary({ ...summariseSession([], [...memory.values()], started), nothingDue: true }, deps.theme));
    return;
  }
  ui.print(deps.theme.dim(`${queue.due.length} due, ${queue.fresh.length} new${settings.plan ? ` · exam on ${settings.examDate}` : ''} · retention ${retention}`));

  const ratings: (1 | 2 | 3 | 4)[] = [];
  let done = 0;
  try {
    while (order.length > 0) {
      const item = order.shift()!;
      const shownAt = clock();
      const now = new Date(shownAt);
      const before = memory.get(item.id) ?? null;
      const current: MemoryState = before ?? newMemory(now);
      const preview = previewIntervals(current, now, retention);
      const action = await ui.flashcard(cardView(bank, item, { left: order.length + 1, done, elapsedMs: shownAt - started.getTime(), isNew: isNew(before ?? undefined), preview }));
      if (action.type === 'quit') break;
      const ratedAt = new Date(clock());
      const after = rate(current, action.rating, ratedAt, retention);
      reviews.append({ itemId: item.id, kind, source: 'cards', rating: action.rating, reviewedAt: ratedAt.toISOString(), elapsedMs: ratedAt.getTime() - shownAt, retention, before, after });
      memory.set(item.id, after);
      ratings.push(action.rating);
      done++;
      if (new Date(after.due).getTime() - ratedAt.getTime() <= LEARN_AHEAD_MS) order.splice(Math.min(order.length, 3), 0, item);
    }
  } catch (error) {
    if (!(error instanceof PromptAborted)) throw error;
    ui.print(renderSessionSummary(summariseSession(ratings, [...memory.values()], new Date(clock())), deps.theme));
    // Ratings are saved as given, so a pipe running dry simply ends the session.
    if (error.reason === 'end-of-input') return;
    throw new Interrupted(`stopped; ${ratings.length} rating(s) saved`, 'Pick up again any time with: mrso cards');
  }
  ui.print(renderSessionSummary(summariseSession(ratings, [...memory.values()], new Date(clock())), deps.theme));
}

function studyItems(bank: Bank, options: CardsOptions, deps: CardsDeps): StudyItem[] {
  const wanted = (module: number, topic: string) => (options.module.length === 0 || options.module.includes(module)) && (!options.topic || options.topic === topic);
  if (options.missed) {
    return deps
      .missed()
      .map((id) => bank.questionsById.get(id)!)
      .filter((q) => wanted(q.module, q.topic))
      .map((q) => ({ id: q.id, kind: 'question', module: q.module, topic: q.topic }));
  }
  if (options.topic && !bank.modules.some((m) => m.topics[options.topic!])) {
    throw new UsageError(`--topic ${options.topic}: no such topic`, `Topics: ${bank.modules.flatMap((m) => Object.keys(m.topics)).join(', ')}`);
  }
  return bank.cards.filter((c) => wanted(c.module, c.topic)).map((c) => ({ id: c.id, kind: 'card', module: c.module, topic: c.topic }));
}

function cardView(bank: Bank, item: StudyItem, s: { left: number; done: number; elapsedMs: number; isNew: boolean; preview: Record<1 | 2 | 3 | 4, number> }): CardView {
  const intervals = { 1: formatInterval(s.preview[1]), 2: formatInterval(s.preview[2]), 3: formatInterval(s.preview[3]), 4: formatInterval(s.preview[4]) };
  const base = { left: s.left, done: s.done, elapsedMs: s.elapsedMs, isNew: s.isNew, intervals };
  if (item.kind === 'card') {
    const c = bank.cardsById.get(item.id)!;
    return { ...base, kind: 'card', front: c.front, back: c.back, refs: c.refs, tag: `m${c.module} · ${c.topic} · ${c.id}` };
  }
  const q = bank.questionsById.get(item.id)!;
  const lettered = q.type === 'single' || q.type === 'multi' ? q.choices : [];
  const drawn = { question: q, choiceOrder: lettered.map((_, i) => String.fromCharCode(65 + i)) };
  const choices = q.type === 'truefalse' ? '\n(true or false?)' : q.type === 'numeric' ? `\n(answer in ${q.answer.unit})` : `\n${lettered.map((c, i) => `  ${String.fromCharCode(65 + i)}. ${c}`).join('\n')}`;
  return { ...base, kind: 'question', front: `${q.stem}${choices}`, back: `${describeResponse(drawn, q.answer)}\n\n${q.explanation}`, refs: q.refs, tag: `m${q.module} · ${q.topic} · ${q.id}` };
}
