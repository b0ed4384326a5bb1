import type { SessionSummary } from '../cards/summary.js';
import type { PlanDay, StudyPlan } from '../cards/queue.js';
import { wrap } from './layout.js';
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
  lines.push('', t.dim(wrap('day             rev+new   █ reviews, ▓ brought forward, ░ new; every review answered Good', width, { rest: ' '.repeat(26) })));
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
