import type { BankOutline } from '../bank/outline.js';
import { isNew, leeches } from '../cards/memory.js';
import { DAY_MS, dayNumber, startOfDayKey, startOfDayNumber, weekStarts, type DayRule } from '../days.js';
import { buildStatsView, rankSources, type CardForecast, type StatsView } from '../report/stats.js';
import type { HistoryStore } from '../store/history.js';
import { readinessTotals } from './readiness-input.js';
import { reviewStoreFor, studySettings } from './study-context.js';

/**
 * The stats report as data, gathered from the bank outline and the history:
 * what `mrso stats` prints and what `mrso today` reads its next study block
 * and held-out form from (one figure, read once, in both).
 */

export interface StatsOptions {
  module: number[];
  since?: string | undefined;
  json?: boolean | undefined;
}

export function gatherStats(options: StatsOptions, deps: { bank: BankOutline; store: HistoryStore | null; now: Date }): StatsView {
  const { bank, store, now } = deps;
  const modules = options.module.length ? bank.modules.filter((m) => options.module.includes(m.number)) : bank.modules;
  const since = options.since ?? null;
  if (!store) return withNext(buildStatsView({ buckets: [], exams: [], modules, since, formsUnused: bank.forms.map((f) => f.number) }));
  // Weeks and --since count the learner's days (src/days.ts), from quarter-hour totals: nothing is rewritten when the zone changes.
  const settings = studySettings(reviewStoreFor(store));
  const { days } = settings;
  const filter = { ...(options.since ? { since: startOfDayKey(options.since, days).toISOString() } : {}), modules: options.module };
  const first = store.firstAnswerDay();
  const bucketsSince = (from: string | null) =>
    store.topicWeekBuckets({
      weekStarts: weekStarts(now, first ? Date.parse(`${first}T00:00:00Z`) - DAY_MS : now, days),
      modules: options.module,
      ...(from ? { since: startOfDayKey(from, days) } : {}),
    });
  const buckets = bucketsSince(since);
  // Readiness reads the whole history (first answers are rare; --since would throw them away), per the modules asked.
  const input = readinessTotals(store, bank, now, { modules: options.module, drillIds: bank.drillIds });
  const exam = settings.examDate ? { date: settings.examDate, daysAway: (startOfDayKey(settings.examDate, days).getTime() - now.getTime()) / DAY_MS } : null;
  const answeredEver = since ? bucketsSince(null).reduce((s, b) => s + b.answered, 0) : undefined;
  // Only when a --module filter shows nothing: how many answers there are elsewhere, so the screen can say so.
  const answeredInAllModules =
    options.module.length > 0 && buckets.length === 0 ? store.topicWeekBuckets({ weekStarts: [new Date(0)], modules: [] }).reduce((s, b) => s + b.answered, 0) : undefined;
  return withNext(
    buildStatsView({
      buckets,
      exams: store.examRecords(),
      modules,
      sources: misses(store, bank, filter),
      cards: cardForecast(store, bank, now, days),
      firstAnswerTotals: input.totals,
      formsTaken: input.formsTaken,
      formsUnused: input.formsUnused,
      exam: exam && exam.daysAway > 0 ? exam : null,
      since,
      ...(answeredEver !== undefined ? { answeredEver } : {}),
      onlyModules: options.module,
      ...(answeredInAllModules !== undefined ? { answeredInAllModules } : {}),
    }),
  );
}

function misses(store: HistoryStore, bank: BankOutline, filter: { since?: string; modules: number[] }): { document: string; misses: number }[] {
  const { ids, counts } = store.missCounts(filter);
  return rankSources(bank.sumByDocument(ids, counts));
}

/** The command to run next: practice on the module where study pays most (built here, at the edge). */
function withNext(view: StatsView): StatsView {
  const top = view.modules[0];
  return { ...view, next: view.answered > 0 && top ? `mrso exam --mode practice --module ${top.number} --count 20` : null };
}

function cardForecast(store: HistoryStore, bank: BankOutline, now: Date, days: DayRule): CardForecast {
  const memory = reviewStoreFor(store).latestMemory('card');
  const scheduled = bank.cardIds.map((id) => memory.get(id)).filter((m) => m && !isNew(m));
  const due = (until: Date) => scheduled.filter((m) => new Date(m!.due).getTime() <= until.getTime()).length;
  return { total: bank.cardIds.length, seen: scheduled.length, leeches: leeches(memory, bank.cardIds).length, dueToday: due(startOfDayNumber(dayNumber(now, days) + 1, days)), dueThisWeek: due(startOfDayNumber(dayNumber(now, days) + 7, days)) };
}
