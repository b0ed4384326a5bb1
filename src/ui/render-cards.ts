import type { SessionSummary } from '../cards/summary.js';
import type { DayLoad } from '../cards/forecast.js';
import type { Theme } from './theme.js';

const pct = (x: number | null) => (x === null ? '–' : `${Math.round(100 * x)}%`);

export function renderSessionSummary(s: SessionSummary, t: Theme): string {
  const when = s.nextDue ? new Date(s.nextDue).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : 'nothing scheduled';
  const lines = [
    '',
    t.title(s.nothingDue ? 'Nothing due right now' : 'Session done'),
    ...(s.nothingDue ? [] : [`${s.reviewed} reviewed · again ${pct(s.againRate)} · retained ${pct(s.retained)}`]),
    `Next due: ${when}`,
    `Due within a day: ${s.dueTomorrow} · within a week: ${s.dueThisWeek}`,
  ];
  return lines.join('\n');
}

/** A horizontal bar chart of the daily load up to the exam. */
export function renderPlan(days: DayLoad[], examDate: string | null, t: Theme, width: number): string {
  const max = Math.max(1, ...days.map((d) => d.reviews + d.fresh));
  const barWidth = Math.max(10, width - 30);
  const lines = [t.title(examDate ? `Study plan to your exam on ${examDate}` : 'Study plan (set an exam date with: mrso config set examDate YYYY-MM-DD)'), t.dim('day          reviews+new  (█ reviews, ░ new; assumes every review is answered Good)')];
  for (const d of days) {
    const total = d.reviews + d.fresh;
    const r = Math.round((d.reviews / max) * barWidth);
    const f = Math.round((d.fresh / max) * barWidth);
    lines.push(`${d.day}  ${String(d.reviews).padStart(4)}+${String(d.fresh).padEnd(4)} ${'█'.repeat(r)}${t.dim('░'.repeat(f))}${total === 0 ? t.dim('·') : ''}`);
  }
  return lines.join('\n');
}
