import type { SessionSummary } from '../cards/summary.js';
import type { PlanDay, StudyPlan } from '../cards/queue.js';
import { formatClock } from '../exam/timing.js';
import type { CardView, CardWaitView } from './card-view.js';
import { visibleWidth, wrap } from './layout.js';
import type { Theme } from './theme.js';

const pct = (x: number | null) => (x === null ? '–' : `${Math.round(100 * x)}%`);

export function renderSessionSummary(s: SessionSummary, t: Theme): string {
  const when = s.nextDue ? new Date(s.nextDue).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : 'nothing scheduled';
  const lines = [
    '',
    t.title(s.nothingDue ? 'Nothing due right now' : 'Session done'),
    ...(s.nothingDue ? [] : [`${s.reviewed} reviewed · again ${pct(s.againRate)} · retained ${pct(s.retained)}`]),
    `Next due: ${when}`,
    `Due by tomorrow: ${s.dueTomorrow} · this week: ${s.dueThisWeek}`,
  ];
  return lines.join('\n');
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const load = (d: PlanDay) => d.reviews + d.pulled + d.fresh;

export interface PlanScreen {
  plan: StudyPlan;
  cap: number;
  target: number;
}

/** A summary, then a horizontal bar chart of the daily load up to the exam; fits `width` (60 and up). */
export function renderPlan({ plan, cap, target }: PlanScreen, t: Theme, width: number): string {
  const title = plan.examDay ? `Study plan to your exam on ${WEEKDAYS[weekdayOf(plan.examDay)]} ${plan.examDay}` : 'Study plan for the next days';
  const lines = [t.title(wrap(title, width))];
  if (!plan.examDay) lines.push(t.dim(wrap('Set an exam date with: mrso config set examDate YYYY-MM-DD', width)));
  const summary = [`${plan.total} cards in ${plan.days.length} day${plan.days.length === 1 ? '' : 's'}`];
  summary.push(plan.lastNewDay ? `last new cards ${plan.lastNewDay}` : 'no new cards');
  if (plan.peak && load(plan.peak) > 0) summary.push(`peak ${load(plan.peak)} on ${WEEKDAYS[plan.peak.weekday]} ${plan.peak.day}`);
  lines.push(wrap(summary.join(' · '), width));
  if (plan.belowTarget > 0) {
    const capped = plan.days.some((d) => d.backlog > 0 || load(d) >= cap);
    lines.push(t.warn(wrap(`${plan.belowTarget} card${plan.belowTarget === 1 ? '' : 's'} will be below ${Math.round(target * 100)}% recall on exam day${capped ? ` at the cap of ${cap} a day (mrso config set cards.maxReviewsPerDay N)` : ''}.`, width)));
  }
  lines.push('', t.dim(wrap('█ reviews · ▓ brought forward for the exam · ░ new (a forecast: every review answered Good)', width)), t.dim('day             rev+new'));
  const max = Math.max(1, ...plan.days.map(load));
  const barWidth = Math.max(10, width - 27);
  for (const d of plan.days) {
    const scale = (n: number) => Math.round((n / max) * barWidth);
    const bar = `${'█'.repeat(scale(d.reviews))}${'▓'.repeat(scale(d.pulled))}${t.dim('░'.repeat(scale(d.fresh)))}`;
    lines.push(`${WEEKDAYS[d.weekday]} ${d.day}  ${String(d.reviews + d.pulled).padStart(4)}+${String(d.fresh).padEnd(4)} ${bar || t.dim('·')}`);
  }
  return lines.join('\n');
}

function weekdayOf(key: string): number {
  return new Date(`${key}T00:00:00Z`).getUTCDay();
}

const RATING_LABELS = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' } as const;

/** "12 new · 3 learning · 40 review": Anki's three piles, which shrink as you go. */
export function pileCounts(c: CardView['counts'], t: Theme): string {
  return [`${t.key(String(c.fresh))} new`, `${t.warn(String(c.learning))} learning`, `${t.good(String(c.review))} review`].join(' · ');
}

function cardHeader(view: { counts: CardView['counts']; done: number }, clockMs: number, title: string, t: Theme, width: number): string {
  const parts = [pileCounts(view.counts, t), `${view.done} done`, formatClock(clockMs)];
  const full = [t.title(title), ...parts].join(t.dim('  ·  '));
  return visibleWidth(full) <= width ? full : parts.join(t.dim(' · '));
}

const keysLine = (view: { canUndo?: boolean; cram?: boolean }) => ['u undo', ...(view.cram ? [] : ['b bury', 's suspend']), 'q quit'].join(' · ');

/** The flashcard screen at `nowMs` (the clock ticks while it is shown); fits `width` (60 and up). */
export function renderCardScreen(view: CardView, revealed: boolean, nowMs: number, t: Theme, width: number): string {
  const title = view.cram ? 'Cram' : view.kind === 'card' ? 'Flashcards' : 'Missed questions';
  const marks = [view.isNew ? 'new' : '', view.isLeech ? t.bad('leech') : ''].filter(Boolean);
  const lines = [cardHeader(view, nowMs - view.startedAt, title, t, width), t.dim(wrap([view.tag, ...marks].join('  ·  '), width))];
  if (view.notice) lines.push(t.warn(wrap(view.notice, width)));
  lines.push('', wrap(view.front, width), '');
  if (!revealed) {
    lines.push(t.dim(wrap(`Space or Enter: show the answer · ${keysLine(view)} · Ctrl-C: stop (ratings are saved)`, width)));
    return lines.join('\n');
  }
  lines.push(t.dim('─'.repeat(Math.min(width, 60))), wrap(view.back, width), '', t.dim(wrap(`Ref: ${view.refs.join('; ')}`, width)), '');
  const buttons = ([1, 2, 3, 4] as const).map((r) => `${t.key(String(r))} ${RATING_LABELS[r]} · ${view.intervals[r]}`);
  const oneRow = buttons.join('   ');
  lines.push(...(visibleWidth(oneRow) <= width ? [oneRow] : [buttons.slice(0, 2).join('   '), buttons.slice(2).join('   ')]));
  lines.push(t.dim(wrap(keysLine(view), width)));
  return lines.join('\n');
}

/** Only learning cards are left: when the next one is back, with a ticking countdown. */
export function renderCardWait(view: CardWaitView, nowMs: number, t: Theme, width: number): string {
  const left = Math.max(0, view.nextAt - nowMs);
  const when = left >= 60_000 ? `${Math.ceil(left / 60_000)} min` : `${Math.ceil(left / 1000)} s`;
  return [
    cardHeader(view, nowMs - view.startedAt, 'Flashcards', t, width),
    '',
    wrap(`Next card in ${when} (${formatClock(left)}): a learning card comes back no sooner than its step.`, width),
    '',
    t.dim(wrap(`Wait here, or press Enter to see it now · ${view.canUndo ? 'u undo · ' : ''}q quit`, width)),
  ].join('\n');
}
