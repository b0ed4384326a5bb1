import { planStudy } from '../cards/queue.js';
import { dayKey } from '../days.js';
import { UserError } from '../errors.js';
import { layoutWidth } from '../ui/layout.js';
import { renderPlan } from '../ui/render-cards.js';
import { openHistory, printLine, stdoutTheme, systemClock, type GlobalOptions } from './context.js';
import { loadUsableBank } from './load-bank.js';
import { dailyCardRequest, reviewStoreFor, studySettings } from './study-context.js';

/** `mrso plan` flags as commander hands them over (values checked by their parsers in cli.ts). */
export interface PlanFlags {
  days?: number;
  json?: boolean;
}

/** `mrso plan`: the day-by-day flashcard load up to the exam date, from the same queue code as `mrso cards`. */
export async function planCommand(options: PlanFlags, globals: GlobalOptions): Promise<void> {
  const bank = await loadUsableBank(globals);
  const history = openHistory(globals);
  try {
    const reviews = reviewStoreFor(history);
    const settings = studySettings(reviews);
    const now = new Date(systemClock());
    if (settings.examDate && settings.examDate <= dayKey(now, settings.days)) {
      throw new UserError(`examDate ${settings.examDate} is ${settings.examDate === dayKey(now, settings.days) ? 'today' : 'in the past'}: nothing left to plan`, 'Set your next exam day: mrso config set examDate YYYY-MM-DD (or mrso config unset examDate)');
    }
    const plan = planStudy(dailyCardRequest(bank, reviews, settings, now), options.days ?? (settings.plan ? 366 : 14));
    const target = settings.plan?.target ?? 0;
    printLine(options.json ? JSON.stringify({ examDate: settings.examDate, maxReviewsPerDay: settings.maxReviewsPerDay, ...plan }, null, 2) : renderPlan({ plan, cap: settings.maxReviewsPerDay, target }, stdoutTheme(), layoutWidth(process.env, process.stdout.columns)));
  } finally {
    history.close();
  }
}
