import { effectiveDue, newPerDayFor, type ExamPlan, type StudyItem } from './queue.js';
import { isNew, newMemory, rate, type MemoryState } from './scheduler.js';

export interface DayLoad {
  day: string;
  reviews: number;
  fresh: number;
}

export interface ForecastRequest {
  items: StudyItem[];
  memory: Map<string, MemoryState>;
  now: Date;
  /** Minutes to add to UTC to get the learner's local time (e.g. -300 for New York in winter). */
  utcOffsetMinutes: number;
  retention: number;
  newPerDay: number;
  days: number;
  plan?: ExamPlan;
}

const DAY = 86_400_000;

export function dayKey(date: Date, utcOffsetMinutes: number): string {
  return new Date(date.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/**
 * Day-by-day workload if every review is answered Good and new cards come
 * in at the planned rate: a forecast, not a promise.
 */
export function forecastLoad(req: ForecastRequest): DayLoad[] {
  const memory = new Map(req.memory);
  const unseen = req.items.filter((i) => isNew(memory.get(i.id)));
  const perDay = newPerDayFor(req.newPerDay, unseen.length, req.now, req.plan);
  const startKey = dayKey(req.now, req.utcOffsetMinutes);
  const days: DayLoad[] = [];
  for (let d = 0; d < req.days; d++) {
    // Noon local time on day d: a stable "when" for simulated reviews.
    const noon = new Date(Date.parse(`${startKey}T12:00:00Z`) - req.utcOffsetMinutes * 60_000 + d * DAY);
    const key = dayKey(noon, req.utcOffsetMinutes);
    let reviews = 0;
    for (const item of req.items) {
      const m = memory.get(item.id);
      if (isNew(m)) continue;
      const due = effectiveDue(m!, req.retention, noon, req.plan);
      if (dayKey(due, req.utcOffsetMinutes) <= key) {
        reviews++;
        memory.set(item.id, rate(m!, 3, noon, req.retention));
      }
    }
    const fresh = unseen.splice(0, perDay);
    for (const item of fresh) memory.set(item.id, rate(newMemory(noon), 3, noon, req.retention));
    days.push({ day: key, reviews, fresh: fresh.length });
    if (req.plan && noon.getTime() >= req.plan.examDate.getTime()) break;
  }
  return days;
}
