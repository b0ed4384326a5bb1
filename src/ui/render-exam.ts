import { formatClock } from '../exam/timing.js';
import { shorten, visibleWidth, wrap } from './layout.js';
import type { Theme } from './theme.js';
import type { ChoiceView, ConfirmView, QuestionView, ReviewView, ScreenView } from './views.js';

/** Pure string building for the exam's screens (question, practice feedback, review, submit confirmation). */

export function renderScreen(screen: ScreenView, t: Theme, width: number, height: number): string {
  switch (screen.screen) {
    case 'question':
      return renderQuestion(screen.view, t, width, height);
    case 'review':
      return renderReview(screen.view, t, width, height);
    case 'confirm':
      return renderConfirm(screen.view, t, width);
  }
}

/** Header pieces, most important first; pieces that do not fit the width are left off from the end. */
function fitParts(parts: string[], t: Theme, width: number): string {
  const sep = t.dim('  ·  ');
  const out: string[] = [];
  for (const part of parts) {
    const next = [...out, part].join(sep);
    if (visibleWidth(next) > width) break;
    out.push(part);
  }
  return out.join(sep);
}

function clockParts(timeLeftMs: number | null, pace: string | null, t: Theme): string[] {
  if (timeLeftMs === null) return [];
  const clock = `${formatClock(timeLeftMs)} left`;
  const parts = [timeLeftMs < 5 * 60_000 ? t.warn(clock) : clock];
  if (pace) parts.push(pace === 'on pace' ? t.dim(pace) : t.warn(pace));
  return parts;
}

export function questionHeader(view: QuestionView, t: Theme, width: number): string {
  const label = view.mode === 'exam' ? 'Mock exam' : 'Practice';
  // The verdict heads the feedback: on a screen that scrolls, the lines saying it may start out of view.
  const verdict = view.feedback ? [view.feedback.correct ? t.good('✔ correct') : t.bad('✘ not quite')] : [];
  const parts = [t.title(`${label}  ${view.position}/${view.total}`), ...verdict, ...clockParts(view.timeLeftMs, view.pace, t), `${view.answered} answered`];
  if (view.flaggedCount > 0) parts.push(t.flag(`${view.flaggedCount} flagged`));
  return fitParts(parts, t, width);
}

/** The stem's type tag, unless the stem already says it. */
function typeTag(view: Pick<QuestionView, 'type' | 'stem'>): string {
  if (view.type === 'multi') return /select all|all that apply/i.test(view.stem) ? '' : '(select all that apply)';
  if (view.type === 'truefalse') return /true or false/i.test(view.stem) ? '' : '(true or false)';
  return '';
}

/**
 * The question screen. Given the terminal's `height`, a screen that would
 * not fit (a tall exhibit) drops its blank lines and the long key help, so
 * the header and the choices stay on screen together.
 */
export function renderQuestion(view: QuestionView, t: Theme, width: number, height?: number): string {
  const full = questionLines(view, t, width).join('\n');
  if (height === undefined || full.split('\n').length < height) return full;
  return questionLines(view, t, width, true)
    .join('\n')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .join('\n');
}

function questionLines(view: QuestionView, t: Theme, width: number, compact = false): string[] {
  const lines: string[] = [questionHeader(view, t, width), ''];
  // Compact: the exhibit keeps its left rule but loses the box's top and bottom lines.
  if (view.exhibit) lines.push(...(compact ? exhibitRows(view.exhibit.split('\n').map((r) => r.replace(/\s+$/, '')), width - 2).map((r) => `│ ${r}`) : exhibitBox(view.exhibit, width)), '');
  const tag = typeTag(view);
  lines.push(wrap(tag ? `${view.stem} ${tag}` : view.stem, width));
  const marks = [view.flagged ? t.flag('⚑ flagged for review') : '', view.guess ? t.warn('? marked as a guess') : ''].filter(Boolean);
  if (marks.length) lines.push(marks.join('   '));
  lines.push('');
  for (const choice of view.choices) lines.push(...choiceLines(choice, view, t, width));
  if (view.type === 'numeric' && !view.feedback) lines.push(`Answer (in ${view.unit ?? '?'}): ${view.entry ?? ''}${t.dim('_')}`);
  lines.push('');
  if (view.feedback) lines.push(...feedbackLines(view, t, width), '');
  if (view.notice) lines.push(t.warn(wrap(view.notice, width)));
  if (view.striking) lines.push(t.warn('Strike out which choice? (a letter; x again to cancel)'));
  lines.push(t.dim(compact ? shorten(footer(view), width) : wrap(footer(view), width)));
  return lines;
}

const SINGLE_LABELS = { right: 'your answer, right', key: 'the key', wrong: 'your answer', missed: 'missed' } as const;
const MULTI_LABELS = { right: 'right', key: 'the key', wrong: 'wrongly chosen', missed: 'missed' } as const;

function choiceLines(choice: ChoiceView, view: QuestionView, t: Theme, width: number): string[] {
  const box = view.type === 'multi' ? (choice.selected ? '[x]' : '[ ]') : choice.selected ? '(•)' : '( )';
  const symbol = choice.mark ? { right: '✔', key: '✔', wrong: '✘', missed: '○' }[choice.mark] : choice.struck ? '✕' : ' ';
  const labels = view.type === 'multi' ? MULTI_LABELS : SINGLE_LABELS;
  const tagText = choice.mark ? labels[choice.mark] : '';
  const text = tagText ? `${choice.text} (${tagText})` : choice.text;
  const first = `${symbol} ${box} ${choice.key}  `;
  const body = wrap(text, width, { first });
  const styled = choice.struck && !choice.mark ? t.dim(body) : choice.mark === 'wrong' ? t.bad(body) : choice.mark === 'right' || choice.mark === 'key' ? t.good(body) : choice.selected ? t.strong(body) : body;
  const out = [styled];
  if (choice.rationale) out.push(t.dim(wrap(choice.rationale, width, { first: ' '.repeat(visibleWidth(first)) })));
  return out;
}

function feedbackLines(view: QuestionView, t: Theme, width: number): string[] {
  const f = view.feedback!;
  if (view.type === 'multi' && !f.correct) {
    // Every choice above is marked (right, missed, wrongly chosen): letters say the rest, without the choices' text again.
    const keyed = view.choices.filter((c) => c.mark === 'right' || c.mark === 'missed' || c.mark === 'key').map((c) => c.key);
    const slips = [f.missed?.length ? `Missed: ${f.missed.join(', ')}` : '', f.extra?.length ? `Wrongly chosen: ${f.extra.join(', ')}` : ''].filter(Boolean);
    return [
      t.bad(wrap(`✘ Not quite. The answer is ${keyed.join(', ')}.`, width)),
      ...(slips.length ? [wrap(slips.join(' · '), width)] : []),
      '',
      wrap(f.explanation, width),
      '',
      t.dim(wrap(`Ref: ${f.refs.join('; ')}  [${f.itemId}]`, width)),
    ];
  }
  const lines = [f.correct ? t.good('✔ Correct') : t.bad(wrap(`✘ Not quite. You answered ${f.given || '(nothing)'}.`, width))];
  if (!f.correct) lines.push(wrap(`${t.strong('Correct answer:')} ${f.key}`, width));
  if (f.missed?.length) lines.push(wrap(`Missed: ${f.missed.join(', ')}`, width));
  if (f.extra?.length) lines.push(wrap(`Wrongly chosen: ${f.extra.join(', ')}`, width));
  lines.push('', wrap(f.explanation, width), '', t.dim(wrap(`Ref: ${f.refs.join('; ')}  [${f.itemId}]`, width)));
  return lines;
}

function footer(view: QuestionView): string {
  if (view.feedback) return 'Enter next · q save & quit';
  if (view.type === 'numeric') return `Type a number, with a unit or without (read as ${view.unit ?? 'the unit shown'}) · Enter check (empty: skip) · q save & quit`;
  const keys =
    view.type === 'truefalse' ? 'T/F or 1/2 answer' : `${view.choices.map((c) => c.key).join('')} or 1–${view.choices.length} ${view.type === 'multi' ? 'toggle' : 'answer'}`;
  const strike = view.type === 'truefalse' ? '' : 'x+letter or Shift+letter strike';
  const flag = view.type === 'truefalse' ? 'm flag' : 'f flag';
  if (view.mode === 'practice') return [keys, 'Enter check (empty: skip)', strike, 'g guess', 'q save & quit'].filter(Boolean).join(' · ');
  const nav = [view.canGoBack ? 'p back' : '', 'Enter/n next', flag, strike, 'g guess', 'r review', 'q save & quit'].filter(Boolean);
  return `${keys} · ${nav.join(' · ')}`;
}

/**
 * An exhibit (a label, a plot) boxed, line for line as written: never
 * re-wrapped while it fits. Bank check keeps exhibits within 72 columns, so
 * the box fits 80; on a narrower terminal the box is left off, and a line
 * still wider than the screen wraps at a word boundary (its continuation
 * indented), rather than running off the edge or being cut.
 */
export function exhibitBox(exhibit: string, width: number): string[] {
  const rows = exhibit.split('\n').map((line) => line.replace(/\s+$/, ''));
  const inner = Math.max(...rows.map((r) => visibleWidth(r)));
  if (inner + 4 > width) return exhibitRows(rows, width);
  return [`┌${'─'.repeat(inner + 2)}┐`, ...rows.map((r) => `│ ${r}${' '.repeat(inner - visibleWidth(r))} │`), `└${'─'.repeat(inner + 2)}┘`];
}

/** How many question rows the review list shows for a terminal `height` lines tall. */
export function reviewPageSize(height: number): number {
  return Math.max(5, height - 8);
}

export function renderReview(view: ReviewView, t: Theme, width: number, height: number): string {
  const unanswered = view.total - view.answered;
  const head = fitParts(
    [t.title('Review'), ...clockParts(view.timeLeftMs, view.pace, t), `${view.answered}/${view.total} answered`, t.warn(`${unanswered} unanswered`), t.flag(`${view.flaggedCount} flagged`)],
    t,
    width,
  );
  const filters = (['all', 'unanswered', 'flagged'] as const).map((f) => {
    const label = `${f[0]} ${f}`;
    return f === view.filter ? t.selected(`[${label}]`) : ` ${label} `;
  });
  const goTo = view.typed ? `   Go to: ${view.typed}_` : '';
  const lines = [head, `Show: ${filters.join(' ')}${goTo}`, ''];
  const page = reviewPageSize(height);
  const start = Math.floor(view.cursor / page) * page;
  const shown = view.rows.slice(start, start + page);
  const numberWidth = String(view.total).length;
  if (view.rows.length === 0) lines.push(t.dim(`  No ${view.filter} questions.`));
  for (const [k, row] of shown.entries()) {
    const at = start + k === view.cursor;
    const status = `${row.answered ? 'answered  ' : t.warn('unanswered')} ${row.flagged ? t.flag('⚑') : ' '} ${row.guess ? t.warn('?') : ' '}`;
    const lead = `${at ? '›' : ' '} ${String(row.index + 1).padStart(numberWidth)}  ${status}  `;
    const stem = shorten(row.stem, Math.max(10, width - visibleWidth(lead)));
    const line = `${lead}${t.dim(stem)}`;
    lines.push(at ? t.strong(line) : line);
  }
  const more = view.rows.length > page ? `${start + 1}–${start + shown.length} of ${view.rows.length}` : '';
  lines.push(t.dim(more));
  if (view.notice) lines.push(t.warn(shorten(view.notice, width)));
  const keys = `↑↓ move · PgUp/PgDn page · a/u/f filter · a number then Enter: open it · Enter open · Esc back to Q${view.current + 1} · s submit · q save & quit`;
  lines.push(t.dim(wrap(keys, width)));
  return lines.join('\n');
}

export function renderConfirm(view: ConfirmView, t: Theme, width: number): string {
  const clock = view.timeLeftMs === null ? '' : `  ·  ${formatClock(view.timeLeftMs)} left`;
  const counts =
    view.unanswered > 0 ? t.warn(`${view.unanswered} of ${view.total} unanswered (they count as wrong)`) : `all ${view.total} answered`;
  return [
    t.title('Submit the exam?') + clock,
    '',
    wrap(`${counts} · ${view.flagged} flagged`, width),
    '',
    t.dim(wrap('y submit now · n or Esc back to the review · q save & quit', width)),
  ].join('\n');
}

/**
 * Exhibit rows as written; a row wider than `width` wraps at word boundaries,
 * keeping its own indent and hanging two columns further, so an indented
 * line of a label still reads as part of its block.
 */
function exhibitRows(rows: string[], width: number): string[] {
  return rows.flatMap((row) => {
    if (visibleWidth(row) <= width) return [row];
    const indent = /^ */.exec(row)![0];
    return wrap(row, width, { first: indent, rest: `${indent}  ` }).split('\n');
  });
}

/** Keys that scroll a screen taller than the terminal: rows to move, or a page (`'page'`), per key name. */
export const SCROLL_KEYS: Record<string, number> = { up: -1, down: 1, pageup: -1e3, pagedown: 1e3, home: -1e6, end: 1e6 };

/**
 * A question screen taller than the terminal, shown through a window of
 * `height` rows: the header line and the key line stay put, the rows between
 * scroll (whole lines, so no word is cut), and a hint says where the window
 * is and how to move it. `offset` is clamped; the one used is returned.
 */
export function scrollWindow(text: string, height: number, offset: number, t: Theme, width: number): { text: string; offset: number; scrollable: boolean } {
  const lines = text.split('\n');
  if (lines.length <= height) return { text, offset: 0, scrollable: false };
  const head = lines[0]!;
  const foot = lines.at(-1)!;
  const body = lines.slice(1, -1);
  // The header, the hint and the key line; at least five rows of the body, however short the terminal.
  const room = Math.max(5, height - 3);
  const last = Math.max(0, body.length - room);
  const at = Math.max(0, Math.min(last, offset));
  const more = [at > 0 ? '↑' : '', at < last ? '↓' : ''].join('');
  const hint = shorten(`${more} lines ${at + 1}–${at + room} of ${body.length} · ↑↓ PgUp PgDn scroll`, width);
  return { text: [head, ...body.slice(at, at + room), t.warn(hint), foot].join('\n'), offset: at, scrollable: true };
}
