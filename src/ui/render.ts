import { formatClock } from '../exam/timing.js';
import { wrap } from './layout.js';
import type { Theme } from './theme.js';
import type { CardView } from './views.js';

/** Pure string building for every screen; no terminal access here. */

const RATING_LABELS = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' } as const;

export function renderCard(view: CardView, revealed: boolean, t: Theme, width: number): string {
  const header = [
    t.title(view.kind === 'card' ? 'Flashcards' : 'Missed questions'),
    `${view.left} left`,
    `${view.done} done`,
    formatClock(view.elapsedMs),
  ].join(t.dim('  ·  '));
  const lines = [header, t.dim(`${view.tag}${view.isNew ? '  ·  new' : ''}`), '', wrap(view.front, width), ''];
  if (!revealed) {
    lines.push(t.dim('Space or Enter: show the answer  ·  Ctrl-C: stop (ratings so far are saved)'));
    return lines.join('\n');
  }
  lines.push(t.dim('─'.repeat(Math.min(width, 60))), wrap(view.back, width), '', t.dim(wrap(`Ref: ${view.refs.join('; ')}`, width)), '');
  lines.push(ratingBar(view, t));
  return lines.join('\n');
}

export function ratingBar(view: CardView, t: Theme): string {
  return ([1, 2, 3, 4] as const).map((r) => `${t.key(String(r))} ${RATING_LABELS[r]} · ${view.intervals[r]}`).join('   ');
}
