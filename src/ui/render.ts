import { formatClock } from '../exam/timing.js';
import type { Theme } from './theme.js';
import type { CardView, FeedbackView, QuestionView, ReviewView } from './views.js';

/** Pure string building for every screen; no terminal access here. */

export function wrap(text: string, width: number, indent = ''): string {
  const max = Math.max(20, width - indent.length);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > max) {
        lines.push(line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    lines.push(line);
  }
  return lines.map((l) => indent + l).join('\n');
}

export function questionHeader(view: QuestionView, t: Theme): string {
  const label = view.mode === 'exam' ? 'Mock exam' : 'Practice';
  const parts = [t.title(`${label}  ${view.position}/${view.total}`), `${view.answered} answered`];
  if (view.flaggedCount > 0) parts.push(t.flag(`${view.flaggedCount} flagged`));
  if (view.timeLeftMs !== null) {
    const clock = `${formatClock(view.timeLeftMs)} left`;
    parts.push(view.timeLeftMs < 5 * 60_000 ? t.warn(clock) : clock);
  }
  return parts.join(t.dim('  ·  '));
}

export function renderQuestion(view: QuestionView, t: Theme, width: number): string {
  const lines: string[] = [questionHeader(view, t), ''];
  const tag = view.type === 'multi' ? t.dim(' (select all that apply)') : view.type === 'truefalse' ? t.dim(' (true or false)') : '';
  lines.push(wrap(view.stem, width) + tag);
  if (view.flagged) lines.push(t.flag('⚑ flagged for review'));
  lines.push('');
  for (const choice of view.choices) {
    const on = view.selected.includes(choice.key);
    const mark = view.type === 'multi' ? (on ? '[x]' : '[ ]') : on ? '(•)' : '( )';
    const body = wrap(choice.text, width, '        ').trimStart();
    const line = `  ${mark} ${t.key(choice.key)}  ${body}`;
    lines.push(on ? t.strong(line) : line);
  }
  lines.push('');
  if (view.notice) lines.push(t.warn(view.notice));
  lines.push(t.dim(footer(view)));
  return lines.join('\n');
}

function footer(view: QuestionView): string {
  const keys = view.type === 'truefalse' ? 'T/F or 1/2 answer' : `${view.choices.map((c) => c.key).join('')} or 1–${view.choices.length} ${view.type === 'multi' ? 'toggle' : 'answer'}`;
  const flag = view.type === 'truefalse' ? 'm flag' : 'f flag';
  if (view.mode === 'practice') {
    return view.type === 'multi' ? `${keys} · Enter check · Ctrl-C save & quit` : `${keys} · Ctrl-C save & quit`;
  }
  const nav = [view.canGoBack ? 'p back' : '', 'Enter/n next', flag, 'r review', 'q save & quit'].filter(Boolean);
  return `${keys} · ${nav.join(' · ')}`;
}

export function renderFeedback(view: FeedbackView, t: Theme, width: number): string {
  const lines = [
    view.correct ? t.good('✔ Correct') : t.bad(`✘ Not quite. You answered ${view.given || '(nothing)'}.`),
    `${t.strong('Correct answer:')} ${view.key}`,
    '',
    wrap(view.explanation, width),
    '',
    t.dim(wrap(`Ref: ${view.refs.join('; ')}  [${view.itemId}]`, width)),
  ];
  return lines.join('\n');
}

export function reviewSummary(view: ReviewView, t: Theme): string {
  const unanswered = view.rows.filter((r) => !r.answered).length;
  const flagged = view.rows.filter((r) => r.flagged).length;
  const clock = view.timeLeftMs === null ? '' : `  ·  ${formatClock(view.timeLeftMs)} left`;
  return `${t.title('Review')}  ${view.total - unanswered}/${view.total} answered  ·  ${t.warn(`${unanswered} unanswered`)}  ·  ${t.flag(`${flagged} flagged`)}${clock}`;
}

export function reviewRowLabel(row: ReviewView['rows'][number], t: Theme): string {
  const status = [row.answered ? '' : t.warn('unanswered'), row.flagged ? t.flag('⚑ flagged') : ''].filter(Boolean).join(' ');
  return `${String(row.index + 1).padStart(3)}  ${status ? `${status}  ` : ''}${t.dim(row.excerpt)}`;
}

export function excerpt(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

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
