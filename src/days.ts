/**
 * The learner's day: a local calendar day that rolls over at `startsAt`
 * o'clock (Anki's default is 4 am), not at UTC midnight. Every place that
 * counts days (FSRS elapsed days, due today, new cards per day, plan,
 * streaks, trends, --since) goes through this module.
 *
 * Pure: the time zone comes in as an offset function (UTC to local, in ms,
 * for a given instant); `zoneOffset` builds one from an IANA zone name and
 * `systemOffset` from the process's own zone, at the edge.
 */

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

export interface DayRule {
  /** Milliseconds to add to UTC to get the local wall time at this instant (-5 h for New York in winter). */
  offsetMs: (instantMs: number) => number;
  /** Local hour (0–23) at which a new learning day begins. */
  startsAt: number;
}

/** Calendar days in UTC: what ts-fsrs itself counts, and the rule when nothing else is known. */
export const UTC_DAYS: DayRule = { offsetMs: () => 0, startsAt: 0 };

/** The process's own time zone (honours TZ). Reads the environment: use at the edge only. */
export function systemOffset(instantMs: number): number {
  return -new Date(instantMs).getTimezoneOffset() * 60_000 || 0; // never -0
}

/** The offset function of an IANA zone (e.g. America/New_York), from the runtime's time-zone data. */
export function zoneOffset(zone: string): (instantMs: number) => number {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  // Offsets change only on quarter-hour boundaries (in every zone in use): remember them per quarter-hour.
  const cache = new Map<number, number>();
  return (instantMs) => {
    const quarter = Math.floor(instantMs / 900_000);
    const known = cache.get(quarter);
    if (known !== undefined) return known;
    const offset = lookUp(instantMs);
    if (cache.size > 100_000) cache.clear();
    cache.set(quarter, offset);
    return offset;
  };
  function lookUp(instantMs: number): number {
    const parts = Object.fromEntries(format.formatToParts(new Date(instantMs)).map((p) => [p.type, Number(p.value)])) as Record<string, number>;
    const wall = Date.UTC(parts['year']!, parts['month']! - 1, parts['day']!, parts['hour']!, parts['minute']!, parts['second']!);
    return wall - Math.floor(instantMs / 1000) * 1000;
  }
}

export function dayRule(offsetMs: (instantMs: number) => number, startsAt: number): DayRule {
  return { offsetMs, startsAt };
}

/**
 * The instant moved so that UTC midnight falls at the learner's rollover:
 * the UTC calendar date of the result is the learning day. ts-fsrs counts
 * elapsed days between UTC dates, so it is fed shifted instants.
 */
export function shiftToDayFrame(instantMs: number, rule: DayRule): number {
  return instantMs + rule.offsetMs(instantMs) - rule.startsAt * HOUR_MS;
}

/** Days since 1970-01-01 of the learning day holding this instant. */
export function dayNumber(instant: Date | number, rule: DayRule): number {
  return Math.floor(shiftToDayFrame(+instant, rule) / DAY_MS);
}

/** YYYY-MM-DD of the learning day holding this instant. */
export function dayKey(instant: Date | number, rule: DayRule): string {
  return keyOfDayNumber(dayNumber(instant, rule));
}

export function keyOfDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** Day number of a YYYY-MM-DD key (no time zone involved: it names a learning day). */
export function dayNumberOfKey(key: string): number {
  return Math.floor(Date.parse(`${key}T00:00:00Z`) / DAY_MS);
}

/** The key `n` days after `key`. */
export function addDays(key: string, n: number): string {
  return keyOfDayNumber(dayNumberOfKey(key) + n);
}

/** Learning days from `from` to `to` (0 on the same day, 1 for the next, negative before). */
export function daysBetween(from: Date | number, to: Date | number, rule: DayRule): number {
  return dayNumber(to, rule) - dayNumber(from, rule);
}

/** The instant at which learning day number `n` begins. */
export function startOfDayNumber(n: number, rule: DayRule): Date {
  const target = n * DAY_MS + rule.startsAt * HOUR_MS;
  // Local wall time `target` -> instant; the offset depends on the instant, so settle it in a few steps.
  let at = target - rule.offsetMs(target);
  for (let i = 0; i < 3; i++) at = target - rule.offsetMs(at);
  // Where the rollover hour does not exist (a DST gap), the day starts at the first instant that belongs to it.
  if (dayNumber(at, rule) < n) at += HOUR_MS - (shiftToDayFrame(at, rule) % HOUR_MS);
  while (dayNumber(at - HOUR_MS, rule) === n) at -= HOUR_MS;
  return new Date(at);
}

/** Start of the learning day holding this instant. */
export function startOfDay(instant: Date | number, rule: DayRule): Date {
  return startOfDayNumber(dayNumber(instant, rule), rule);
}

/** End of the learning day holding this instant (the start of the next one). */
export function endOfDay(instant: Date | number, rule: DayRule): Date {
  return startOfDayNumber(dayNumber(instant, rule) + 1, rule);
}

/** Start of the learning day named by a YYYY-MM-DD key. */
export function startOfDayKey(key: string, rule: DayRule): Date {
  return startOfDayNumber(dayNumberOfKey(key), rule);
}

/**
 * Where each week of learning days began, newest first: [0] is the start of
 * the day six days before `now`'s (the current week), [k] k weeks earlier,
 * back to a week that begins on or before `oldest`.
 */
export function weekStarts(now: Date | number, oldest: Date | number, rule: DayRule): Date[] {
  const today = dayNumber(now, rule);
  const first = dayNumber(oldest, rule);
  const out: Date[] = [];
  for (let day = today - 6; ; day -= 7) {
    out.push(startOfDayNumber(day, rule));
    if (day <= first) return out;
  }
}
