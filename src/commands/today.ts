import { buildQueue } from '../cards/queue.js';
import { DAY_MS, dayKey, dayNumber, dayRule, systemOffset } from '../days.js';
import { effectiveSettings } from '../cards/settings.js';
import { isLearning } from '../cards/scheduler.js';
import { buildToday, streakFrom, type TodayView, type Weakest } from '../report/today.js';
import { outlineOf } from '../bank/outline.js';
import { unusedForms } from '../exam/held-out.js';
import { gatherStats } from './stats-data.js';
import type { HistoryStore } from '../store/history.js';
import { layoutWidth } from '../ui/layout.js';
import { renderToday } from '../ui/render-today.js';
import { openHistoryIfAny, printLine, stdoutTheme, systemClock, type GlobalOptions } from './context.js';
import { loadUsableBank } from './load-bank.js';
import { dailyCardRequest, studySettings } from './study-context.js';

/** `mrso today` flags as commander hands them over. */
export interface TodayFlags {
  json?: boolean;
}

/** `mrso today` (and `mrso` alone): days to the exam, cards today, what to study, the last mock and the streak. */
export async function todayCommand(flags: TodayFlags, globals: GlobalOptions): Promise<void> {
  const bank = await loadUsableBank(globals);
  const store = openHistoryIfAny(globals);
  try {
    const view = gatherToday(bank, store, new Date(systemClock()));
    printLine(flags.json ? JSON.stringify(view, null, 2) : renderToday(view, stdoutTheme(), layoutWidth(process.env, process.stdout.columns)));
  } finally {
    store?.close();
  }
}

export function gatherToday(bank: Awaited<ReturnType<typeof loadUsableBank>>, store: HistoryStore | null, now: Date): TodayView {
  // What to study next is `mrso stats`'s own figure: the module with the most expected exam points lost
  // (blueprint share × (1 − estimated first-exposure accuracy)), read the same way, never a copy of it.
  const stats = gatherStats({ module: [] }, { bank: outlineOf(bank), store, now });
  const top = stats.modules[0];
  const weakest: Weakest | null = top ? { module: top.number, title: top.title, pointsLost: top.pointsLost } : null;
  // A held-out form is offered only once readiness has enough first answers (every module covered): taken
  // earlier, it spends the one first exposure on material not yet studied, and a form cannot be unseen.
  // Then the lowest-numbered form not yet taken.
  const heldOutForm = stats.readiness.enoughData ? (unusedForms(bank.forms, stats.readiness.basis.formsTaken)[0] ?? null) : null;
  if (!store) {
    return buildToday({
      today: dayKey(now, studyDaysWithoutHistory()),
      examDate: null,
      cards: { due: 0, fresh: Math.min(Number(effectiveSettings({})['cards.newPerDay']), bank.cards.length), learning: 0 },
      weakest,
      heldOutForm: null,
      lastMock: null,
      streak: { days: 0, today: false },
    });
  }
  const reviews = store.reviews();
  const settings = studySettings(reviews);
  const { days } = settings;
  const request = dailyCardRequest(bank, reviews, settings, now);
  const { memory } = request;
  const queue = buildQueue(request);
  const learning = queue.due.filter((i) => isLearning(memory.get(i.id)!)).length;
  const today = dayNumber(now, days);
  const active = new Set(store.studyTimes(new Date(now.getTime() - 400 * DAY_MS)).map((t) => dayNumber(Date.parse(`${t}:00Z`), days)));
  const [last] = store.examRecords(1);
  return buildToday({
    today: dayKey(now, days),
    examDate: settings.examDate,
    cards: { due: queue.due.length + queue.pulled.length - learning, fresh: queue.fresh.length, learning },
    weakest,
    heldOutForm,
    lastMock: last ? { ...last, daysAgo: today - dayNumber(new Date(last.finishedAt), days) } : null,
    streak: streakFrom(active, today),
  });
}

/** Before any history exists the settings are the defaults (the default rollover in the system's zone). */
function studyDaysWithoutHistory() {
  return dayRule(systemOffset, Number(effectiveSettings({})['cards.dayStartsAt']));
}
