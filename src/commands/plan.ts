import { forecastLoad } from '../cards/forecast.js';
import { renderPlan } from '../ui/render-cards.js';
import { openHistory, printLine, stdoutTheme, type GlobalOptions } from './context.js';
import { loadUsableBank } from './load-bank.js';
import { reviewStoreFor, studySettings } from './study-context.js';

/** `mrso plan` flags as commander hands them over (values checked by their parsers in cli.ts). */
export interface PlanFlags {
  days?: number;
  json?: boolean;
}

/** `mrso plan`: the day-by-day flashcard load up to the exam date. */
export async function planCommand(options: PlanFlags, globals: GlobalOptions): Promise<void> {
  const bank = await loadUsableBank(globals);
  const history = openHistory(globals);
  try {
    const reviews = reviewStoreFor(history);
    const settings = studySettings(reviews);
    const now = new Date();
    const untilExam = settings.plan ? Math.ceil((settings.plan.examDate.getTime() - now.getTime()) / 86_400_000) + 1 : 14;
    const days = forecastLoad({
      items: bank.cards.map((c) => ({ id: c.id, kind: 'card', module: c.module, topic: c.topic })),
      memory: reviews.latestMemory('card'),
      now,
      utcOffsetMinutes: -now.getTimezoneOffset(),
      retention: settings.retention,
      newPerDay: settings.newPerDay,
      days: options.days ?? Math.min(366, Math.max(1, untilExam)),
      ...(settings.plan ? { plan: settings.plan } : {}),
    });
    printLine(options.json ? JSON.stringify({ examDate: settings.examDate, days }, null, 2) : renderPlan(days, settings.examDate, stdoutTheme(), Math.min(process.stdout.columns || 80, 100)));
  } finally {
    history.close();
  }
}
