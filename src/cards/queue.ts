import { isNew, recallAt, type MemoryState } from './scheduler.js';

export interface StudyItem {
  id: string;
  kind: 'card' | 'question';
  module: number;
  topic: string;
}

export interface ExamPlan {
  /** Start of exam day. */
  examDate: Date;
  /** Recall wanted on exam day. */
  target: number;
}

export interface QueueRequest {
  items: StudyItem[];
  memory: Map<string, MemoryState>;
  now: Date;
  /** End of the learner's local day: reviews due by then count as due today. */
  dayEnd: Date;
  retention: number;
  /** New cards still allowed today. */
  newAllowed: number;
  limit: number;
  plan?: ExamPlan;
}

const DAY = 86_400_000;
/** Pulled reviews land this long before the exam, so the last look is fresh but not cramming. */
export const PULL_BEFORE_EXAM_DAYS = 3;
/** New cards are all introduced this long before the exam (or spread over what is left). */
export const NEW_DONE_BEFORE_EXAM_DAYS = 14;

/**
 * When a card is really due: its FSRS due date, or earlier when an exam date
 * is set and its predicted recall on exam day would fall below the target.
 */
export function effectiveDue(memory: MemoryState, retention: number, now: Date, plan?: ExamPlan): Date {
  const due = new Date(memory.due);
  if (!plan || due.getTime() <= plan.examDate.getTime() - PULL_BEFORE_EXAM_DAYS * DAY) return due;
  if (recallAt(memory, plan.examDate, retention) >= plan.target) return due;
  return new Date(Math.max(now.getTime(), plan.examDate.getTime() - PULL_BEFORE_EXAM_DAYS * DAY));
}

/** How many new cards a day so that every unseen card is met well before the exam. */
export function newPerDayFor(setting: number, unseen: number, now: Date, plan?: ExamPlan): number {
  if (!plan) return setting;
  const daysLeft = Math.floor((plan.examDate.getTime() - now.getTime()) / DAY);
  if (daysLeft <= 0) return setting;
  const spreadDays = daysLeft > NEW_DONE_BEFORE_EXAM_DAYS * 2 ? daysLeft - NEW_DONE_BEFORE_EXAM_DAYS : Math.max(1, daysLeft - 1);
  return Math.max(setting, Math.ceil(unseen / spreadDays));
}

/**
 * Today's session: due reviews (most overdue first), then new cards mixed in
 * evenly among them, as Anki's default "mix new and review" does.
 */
export function buildQueue(req: QueueRequest): { due: StudyItem[]; fresh: StudyItem[]; order: StudyItem[] } {
  const dueWithDate = req.items
    .filter((i) => !isNew(req.memory.get(i.id)))
    .map((i) => ({ item: i, at: effectiveDue(req.memory.get(i.id)!, req.retention, req.now, req.plan) }))
    .filter((x) => x.at.getTime() <= req.dayEnd.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.item.id.localeCompare(b.item.id));
  const due = dueWithDate.map((x) => x.item).slice(0, req.limit);
  const room = Math.max(0, req.limit - due.length);
  const fresh = req.items.filter((i) => isNew(req.memory.get(i.id))).slice(0, Math.min(req.newAllowed, room));
  return { due, fresh, order: interleave(due, fresh) };
}

/** Spread `b` evenly through `a`. */
export function interleave<T>(a: T[], b: T[]): T[] {
  if (b.length === 0) return [...a];
  if (a.length === 0) return [...b];
  const out: T[] = [];
  const step = (a.length + b.length) / b.length;
  let nextB = step / 2;
  let ia = 0;
  let ib = 0;
  for (let k = 0; k < a.length + b.length; k++) {
    if (ib < b.length && (k >= nextB - 0.5 || ia >= a.length)) {
      out.push(b[ib++]!);
      nextB += step;
    } else {
      out.push(a[ia++]!);
    }
  }
  return out;
}
