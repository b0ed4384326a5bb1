import type { EngineAction } from '../exam/engine.js';
import { indexOfLetter, letterAt } from '../bank/letters.js';
import type { ScreenView } from './views.js';

/** A key press as @inquirer/core (and node's readline) reports it. */
export interface KeyPress {
  name?: string;
  sequence?: string;
  shift?: boolean;
  ctrl?: boolean;
  meta?: boolean;
}

/** Map one key press on the screen shown to an engine action; keys that mean nothing there give undefined. */
export function keyAction(screen: ScreenView, key: KeyPress, pageSize: number): EngineAction | undefined {
  // Ctrl-C arrives as "c" with ctrl set: a control key must never pick a choice (Ctrl-C stops the exam, see prompts.ts).
  const name = (key.name ?? '').toLowerCase();
  // A lone Escape arrives with meta set (readline reads ESC as the meta prefix); any other meta key means nothing here.
  if (key.ctrl || (key.meta && name !== 'escape')) return undefined;
  const enter = name === 'return' || name === 'enter';
  if (name === 'q') return { type: 'quit' };
  switch (screen.screen) {
    case 'question':
      if (screen.view.type === 'numeric' && !screen.view.feedback) return numericKey(key, enter);
      return questionKey(screen.view, name, Boolean(key.shift), enter);
    case 'review':
      return reviewKey(name, enter, pageSize);
    case 'confirm':
      if (name === 'y') return { type: 'confirm', yes: true };
      if (name === 'n' || name === 'escape' || enter) return { type: 'confirm', yes: false };
      return undefined;
  }
}

function questionKey(view: Extract<ScreenView, { screen: 'question' }>['view'], name: string, shift: boolean, enter: boolean): EngineAction | undefined {
  if (view.feedback) return enter || name === 'space' || name === 'n' || name === 'right' ? { type: 'continue' } : undefined;
  if (enter) return view.mode === 'practice' ? { type: 'check' } : { type: 'next' };
  if (name === 'g') return { type: 'guess' };
  if (view.type === 'truefalse') {
    if (name === 't' || name === '1') return { type: 'choose', key: 'T' };
    if (name === 'f' || name === '2') return { type: 'choose', key: 'F' };
    if (name === 'm' && view.mode === 'exam') return { type: 'flag' };
  } else {
    if (name === 'x') return { type: 'strike-mode' };
    const index = /^[1-9]$/.test(name) ? Number(name) - 1 : /^[a-e]$/.test(name) ? indexOfLetter(name.toUpperCase()) : -1;
    if (index >= 0 && index < view.choices.length) {
      const key = letterAt(index);
      // Shift+letter strikes the choice out, as x then the letter does.
      return shift && /^[a-e]$/.test(name) ? { type: 'strike', key, shifted: true } : { type: 'choose', key };
    }
    if ((name === 'f' || name === 'm') && view.mode === 'exam') return { type: 'flag' };
  }
  if (view.mode !== 'exam') return undefined;
  if (name === 'n' || name === 'right') return { type: 'next' };
  // "b" answers choice B, so going back is p (previous) or the left arrow.
  if ((name === 'p' || name === 'left') && view.canGoBack) return { type: 'back' };
  if (name === 'r') return { type: 'review' };
  return undefined;
}

/** A numeric answer is typed: printable characters go into the entry, Backspace erases, Enter checks. */
function numericKey(key: KeyPress, enter: boolean): EngineAction | undefined {
  if (enter) return { type: 'check' };
  if (key.name === 'backspace') return { type: 'erase' };
  const text = key.sequence ?? (key.name && key.name.length === 1 ? key.name : '');
  // Printable text only: never a control character or an escape sequence.
  if (text.length === 1 && /^[\p{L}\p{N}\p{P}\p{S} ]$/u.test(text)) return { type: 'type', text };
  return undefined;
}

function reviewKey(name: string, enter: boolean, pageSize: number): EngineAction | undefined {
  if (enter) return { type: 'review-open' };
  if (/^[0-9]$/.test(name)) return { type: 'review-digit', digit: name };
  switch (name) {
    case 'up':
    case 'k':
      return { type: 'review-move', delta: -1 };
    case 'down':
    case 'j':
      return { type: 'review-move', delta: 1 };
    case 'pageup':
      return { type: 'review-move', delta: -pageSize };
    case 'pagedown':
    case 'space':
      return { type: 'review-move', delta: pageSize };
    case 'home':
      return { type: 'review-move', delta: -1e6 };
    case 'end':
      return { type: 'review-move', delta: 1e6 };
    case 'a':
      return { type: 'review-filter', filter: 'all' };
    case 'u':
      return { type: 'review-filter', filter: 'unanswered' };
    case 'f':
      return { type: 'review-filter', filter: 'flagged' };
    case 'escape':
      return { type: 'review-escape' };
    case 's':
      return { type: 'submit' };
    default:
      return undefined;
  }
}
