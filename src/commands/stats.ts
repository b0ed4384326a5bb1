import type { BankOutline } from '../bank/outline.js';
import { isNew } from '../cards/memory.js';
import { buildStatsView, missesBySource, type CardForecast, type StatsView } from '../report/stats.js';
import type { HistoryStore } from '../store/history.js';
import { NoHistory } from '../store/open.js';
import { renderStats } from '../ui/render-stats.js';
import { layoutWidth } from '../ui/layout.js';
import type { Theme } from '../ui/theme.js';
import { checkModules } from './options.js';
import { openHistory, printLine, stdoutTheme, systemClock, type GlobalOptions } from './context.js';
import { loadUsableOutline } from './load-bank.js';
import { DAY_MS, dayNumber, startOfDayKey, startOfDayNumber, weekStarts } from '../days.js';
import { readinessInput } from './readiness-input.js';
import { reviewStoreFor, studySettings } from './study-context.js';

/** `mrso stats` flags as commander hands them over (values checked by their parsers in cli.ts). */
export interface StatsFlags {
  module?: number[];
  since?: string;
  json?: boolean;
}

export interface StatsOptions {
  module: number[];
  since?: string | undefined;
  json?: boolean | undefined;
}

export async function statsCommand(flags: StatsFlags, globals: GlobalOptions): Promise<void> {
  const options: StatsOptions = { ...flags, module: flags.module ?? [] };
  const bank = await loadUsableOutline(globals);
  checkModules(bank, options.module);
  let store: HistoryStore | null = null;
  try {
    store = openHistory(globals, { readonly: true });
  } catch (error) {
    if (!(error instanceof NoHistory)) throw error;
  }
  try {
    runStats(options, { bank, store, theme: stdoutTheme(), print: printLine, now: new Date(systemClock()), width: layoutWidth(process.env, process.stdout.columns) });
  } finally {
    store?.close();
  }
}

/** `mrso stats`: standing per module, exam domain and topic, readiness, and what to re-read. */
export function runStats(options: StatsOptions, deps: { bank: BankOutline; store: HistoryStore | null; theme: Theme; print: (s: string) => void; now: Date; width?: number }): StatsView {
  const view = gatherStats(options, deps);
  deps.print(options.json ? JSON.stringify(view, null, 2) : renderStats(view, deps.theme, deps.width ?? 80, commandsFor(view)));
  return view;
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
  const input = readinessInput(store, bank, now, { modules: options.module, drillIds: bank.drillIds });
  const exam = settings.examDate ? { date: settings.examDate, daysAway: (startOfDayKey(settings.examDate, days).getTime() - now.getTime()) / DAY_MS } : null;
  const answeredEver = since ? bucketsSince(null).reduce((s, b) => s + b.answered, 0) : undefined;
  return withNext(
    buildStatsView({
      buckets,
      exams: store.examRecords(),
      modules,
      sources: missesBySource(store.missCounts(filter), (id) => bank.documentsOf(id)),
      cards: cardForecast(store, bank, now),
      firstAnswers: input.answers,
      formsTaken: input.formsTaken,
      formsUnused: input.formsUnused,
      exam: exam && exam.daysAway > 0 ? exam : null,
      since,
      ...(answeredEver !== undefined ? { answeredEver } : {}),
    }),
  );
}

/** The command to run next: practice on the module where study pays most (built here, at the edge). */
function withNext(view: StatsView): StatsView {
  const top = view.modules[0];
  return { ...view, next: view.answered > 0 && top ? `mrso exam --mode practice --module ${top.number} --count 20` : null };
}

/** Command strings the screen shows, built at the edge. */
export function commandsFor(view: StatsView): { start: string; form: (n: number) => string } {
  void view;
  return { start: 'mrso exam --mode practice --count 20', form: (n) => `mrso exam --form ${n}` };
}

function cardForecast(store: HistoryStore, bank: BankOutline, now: Date): CardForecast {
  const reviews = reviewStoreFor(store);
  const { days } = studySettings(reviews);
  const memory = reviews.latestMemory('card');
  const scheduled = bank.cardIds.map((id) => memory.get(id)).filter((m) => m && !isNew(m));
  const due = (until: Date) => scheduled.filter((m) => new Date(m!.due).getTime() <= until.getTime()).length;
  return { total: bank.cardIds.length, seen: scheduled.length, dueToday: due(startOfDayNumber(dayNumber(now, days) + 1, days)), dueThisWeek: due(startOfDayNumber(dayNumber(now, days) + 7, days)) };
}
