import { HOUR_MS, dayNumber, keyOfDayNumber, startOfDayNumber, type DayRule } from '../days.js';
import { isNew, newMemory, rate, recallAt, type MemoryState } from './scheduler.js';

export interface StudyItem {
  id: string;
  kind: 'card' | 'question';
  module: number;
  /** Absent for a missed question selected without --topic: its topic is read with its text, when shown. */
  topic?: string;
}

export interface ExamPlan {
  /** Start of the learner's exam day. */
  examDate: Date;
  /** Recall wanted on exam day. */
  target: number;
}

/** Everything one day's queue depends on; `cards` asks for today, `plan` for every day up to the exam. */
export interface StudyRequest {
  items: StudyItem[];
  memory: Map<string, MemoryState>;
  now: Date;
  days: DayRule;
  retention: number;
  /** cards.newPerDay (raised when an exam date needs it), or a fixed --new. */
  newPerDay: number;
  /** --new was given: take the allowance as is. */
  fixedNew?: boolean;
  /** Most cards (reviews and new) a day. */
  maxPerDay: number;
  /** Already done in today's learning day: new cards first seen, and other cards rated. */
  introducedToday: number;
  reviewedToday: number;
  /** Cards buried until tomorrow: left out of today only. */
  buriedToday?: Set<string>;
  plan?: ExamPlan;
}

export interface DayQueue {
  /** Reviews due by the end of the day, most overdue first. */
  due: StudyItem[];
  /** Reviews brought forward so recall on exam day meets the target. */
  pulled: StudyItem[];
  fresh: StudyItem[];
  /** Due reviews left for a later day by the daily cap. */
  backlog: number;
}

/** Pulled-forward reviews are spread over at most this many days before the exam (load balancing). */
export const PULL_WINDOW_DAYS = 7;
/** New cards are all introduced this long before a distant exam (or spread over what is left). */
export const NEW_DONE_BEFORE_EXAM_DAYS = 14;
/** Simulated reviews happen this long after the day begins (midday with the 4 am rollover). */
const SIMULATED_HOUR = 8;

interface DayContext {
  day: number;
  /** Today, the day `cards` offers now. */
  first: boolean;
  at: Date;
  examDay: number | null;
  introduced: number;
  reviewed: number;
}

/**
 * The new-card allowance for a day: the setting, or with an exam date enough
 * that every unseen card is met before it (two weeks before a distant exam);
 * none on or after exam day.
 */
export function newAllowance(setting: number, unseenAtDayStart: number, day: number, examDay: number | null, fixed = false): number {
  if (examDay === null) return setting;
  const daysLeft = examDay - day;
  // On exam day, none; once it has passed, the plain setting again.
  if (daysLeft === 0) return 0;
  if (daysLeft < 0 || fixed) return setting;
  const spreadDays = daysLeft > NEW_DONE_BEFORE_EXAM_DAYS * 2 ? daysLeft - NEW_DONE_BEFORE_EXAM_DAYS : Math.max(1, daysLeft - 1);
  return Math.max(setting, Math.ceil(unseenAtDayStart / spreadDays));
}

function queueForDay(req: StudyRequest, memory: Map<string, MemoryState>, ctx: DayContext, recall: (m: MemoryState) => number): DayQueue {
  const { day, examDay } = ctx;
  const seen: { item: StudyItem; m: MemoryState }[] = [];
  const unseen: StudyItem[] = [];
  for (const item of req.items) {
    if (ctx.first && req.buriedToday?.has(item.id)) continue;
    const m = memory.get(item.id);
    if (isNew(m)) unseen.push(item);
    else seen.push({ item, m: m! });
  }
  const natural = seen
    .filter((x) => dayNumber(new Date(x.m.due), req.days) <= day)
    .sort((a, b) => Date.parse(a.m.due) - Date.parse(b.m.due) || a.item.id.localeCompare(b.item.id));
  let room = Math.max(0, req.maxPerDay - ctx.reviewed - ctx.introduced);
  const due = natural.slice(0, room).map((x) => x.item);
  room -= due.length;

  let pulled: StudyItem[] = [];
  if (req.plan && examDay !== null && day < examDay && day >= examDay - PULL_WINDOW_DAYS) {
    const windowStart = examDay - PULL_WINDOW_DAYS;
    const candidates = seen
      .filter((x) => dayNumber(new Date(x.m.due), req.days) >= examDay)
      // One look inside the window is enough: a card already reviewed there is not pulled again.
      .filter((x) => x.m.last_review === null || dayNumber(new Date(x.m.last_review), req.days) < windowStart)
      .map((x) => ({ ...x, r: recall(x.m) }))
      .filter((x) => x.r < req.plan!.target)
      .sort((a, b) => a.r - b.r || a.item.id.localeCompare(b.item.id));
    const share = Math.ceil(candidates.length / (examDay - day));
    pulled = candidates.slice(0, Math.min(share, room)).map((x) => x.item);
    room -= pulled.length;
  }

  const allowance = newAllowance(req.newPerDay, unseen.length + ctx.introduced, day, examDay, req.fixedNew);
  const fresh = unseen.slice(0, Math.max(0, Math.min(allowance - ctx.introduced, room)));
  return { due, pulled, fresh, backlog: natural.length - due.length };
}

function examDayOf(req: StudyRequest): number | null {
  return req.plan ? dayNumber(req.plan.examDate, req.days) : null;
}

/** Today's session: due and pulled reviews, then new cards mixed in evenly, as Anki's "mix new and review" does. */
export function buildQueue(req: StudyRequest): DayQueue & { order: StudyItem[] } {
  const ctx: DayContext = { day: dayNumber(req.now, req.days), first: true, at: req.now, examDay: examDayOf(req), introduced: req.introducedToday, reviewed: req.reviewedToday };
  const q = queueForDay(req, req.memory, ctx, recallOnExamDay(req));
  return { ...q, order: interleave([...q.due, ...q.pulled], q.fresh) };
}

function recallOnExamDay(req: StudyRequest): (m: MemoryState) => number {
  const cache = new WeakMap<MemoryState, number>();
  return (m) => {
    let r = cache.get(m);
    if (r === undefined) cache.set(m, (r = recallAt(m, req.plan!.examDate, req.retention, req.days)));
    return r;
  };
}

export interface PlanDay {
  day: string;
  /** 0 = Sunday. */
  weekday: number;
  reviews: number;
  pulled: number;
  fresh: number;
  backlog: number;
}

export interface StudyPlan {
  days: PlanDay[];
  examDay: string | null;
  /** Cards whose predicted recall on exam day stays under the target (unseen ones included). */
  belowTarget: number;
  total: number;
  lastNewDay: string | null;
  peak: PlanDay | null;
}

/**
 * Day-by-day workload if every card is answered Good, from the same queue
 * code `cards` uses (day one is what `cards` offers now): a forecast, not a
 * promise. With an exam date it runs to the day before the exam.
 */
export function planStudy(req: StudyRequest, maxDays: number): StudyPlan {
  const memory = new Map(req.memory);
  const examDay = examDayOf(req);
  const today = dayNumber(req.now, req.days);
  const last = examDay !== null ? Math.min(examDay - 1, today + maxDays - 1) : today + maxDays - 1;
  const recall = req.plan ? recallOnExamDay(req) : () => 1;
  const days: PlanDay[] = [];
  for (let day = today; day <= last; day++) {
    const first = day === today;
    const at = first ? req.now : new Date(startOfDayNumber(day, req.days).getTime() + SIMULATED_HOUR * HOUR_MS);
    const ctx: DayContext = { day, first, at, examDay, introduced: first ? req.introducedToday : 0, reviewed: first ? req.reviewedToday : 0 };
    const q = queueForDay(req, memory, ctx, recall);
    const end = startOfDayNumber(day + 1, req.days).getTime();
    for (const item of [...q.due, ...q.pulled, ...q.fresh]) memory.set(item.id, studyGood(memory.get(item.id) ?? newMemory(at), at, end, req));
    days.push({ day: keyOfDayNumber(day), weekday: (((day + 4) % 7) + 7) % 7, reviews: q.due.length, pulled: q.pulled.length, fresh: q.fresh.length, backlog: q.backlog });
  }
  const belowTarget = req.plan ? req.items.filter((i) => { const m = memory.get(i.id); return isNew(m) || recallAt(m!, req.plan!.examDate, req.retention, req.days) < req.plan!.target; }).length : 0;
  const withNew = days.filter((d) => d.fresh > 0);
  const peak = days.reduce<PlanDay | null>((p, d) => (!p || d.reviews + d.pulled + d.fresh > p.reviews + p.pulled + p.fresh ? d : p), null);
  return {
    days,
    examDay: examDay === null ? null : keyOfDayNumber(examDay),
    belowTarget,
    total: days.reduce((s, d) => s + d.reviews + d.pulled + d.fresh, 0),
    lastNewDay: withNew.at(-1)?.day ?? null,
    peak,
  };
}

/** A card answered Good, and again at each learning step that falls within the same day. */
function studyGood(m: MemoryState, at: Date, dayEnd: number, req: StudyRequest): MemoryState {
  let next = rate(m, 3, at, req.retention, req.days);
  for (let i = 0; i < 4 && Date.parse(next.due) < dayEnd; i++) next = rate(next, 3, new Date(Math.max(at.getTime(), Date.parse(next.due))), req.retention, req.days);
  return next;
}

/** Whole learning days from now until the exam day begins (0 on exam day). */
export function daysUntilExam(now: Date, plan: ExamPlan, days: DayRule): number {
  return dayNumber(plan.examDate, days) - dayNumber(now, days);
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
