import { describe, expect, it } from 'vitest';
import { parseAnswerLine } from '../../src/ui/line-ui.js';
import { keyAction, type KeyPress } from '../../src/ui/exam-keys.js';
import type { QuestionView, ReviewView, ScreenView } from '../../src/ui/views.js';

const choices = ['A', 'B', 'C', 'D'].map((key) => ({ key, text: key, selected: false, struck: false }));
const view = (type: QuestionView['type'], mode: QuestionView['mode'] = 'exam'): QuestionView => ({
  mode,
  position: 2,
  total: 5,
  answered: 0,
  flaggedCount: 0,
  flagged: false,
  guess: false,
  timeLeftMs: null,
  pace: null,
  type,
  stem: 's',
  choices: type === 'truefalse' ? [{ key: 'T', text: 'True', selected: false, struck: false }, { key: 'F', text: 'False', selected: false, struck: false }] : choices,
  canGoBack: true,
  striking: false,
  notice: null,
});

/** The action a key gives on a question screen (a name, "S-c" for Shift+c, or Enter). */
function actionForKey(v: QuestionView, name: string, enter: boolean) {
  const key: KeyPress = enter ? { name: 'return' } : name.startsWith('S-') ? { name: name.slice(2), shift: true } : { name };
  return keyAction({ screen: 'question', view: v }, key, 10);
}

const review: ScreenView = { screen: 'review', view: { total: 100, answered: 0, flaggedCount: 0, timeLeftMs: null, pace: null, filter: 'all', rows: [], cursor: 0, typed: '', current: 0, notice: null } satisfies ReviewView };

describe('answer lines in pipe mode', () => {
  it.each([
    ['b', 'single', ['B']],
    ['2', 'single', ['B']],
    ['A,C', 'multi', ['A', 'C']],
    ['c a', 'multi', ['C', 'A']],
    ['AC', 'multi', ['A', 'C']],
    ['true', 'truefalse', ['T']],
    ['F', 'truefalse', ['F']],
    ['', 'single', []],
  ] as const)('"%s" on a %s item means %j', (line, type, keys) => {
    expect(parseAnswerLine(line, view(type))).toEqual(keys);
  });

  it.each([
    ['E', 'single'],
    ['A,B', 'single'],
    ['yes', 'truefalse'],
    ['A,Z', 'multi'],
  ] as const)('"%s" is not an answer to a %s item', (line, type) => {
    expect(parseAnswerLine(line, view(type))).toBeUndefined();
  });
});

describe('keys on the exam screen', () => {
  it('answers with letters or digits, flags with f, and moves with n, p and Enter', () => {
    expect(actionForKey(view('single'), 'c', false)).toEqual({ type: 'choose', key: 'C' });
    expect(actionForKey(view('single'), '4', false)).toEqual({ type: 'choose', key: 'D' });
    expect(actionForKey(view('single'), 'e', false)).toBeUndefined();
    expect(actionForKey(view('single'), 'f', false)).toEqual({ type: 'flag' });
    expect(actionForKey(view('single'), 'n', false)).toEqual({ type: 'next' });
    expect(actionForKey(view('single'), 'b', false)).toEqual({ type: 'choose', key: 'B' });
    expect(actionForKey(view('single'), 'p', false)).toEqual({ type: 'back' });
    expect(actionForKey(view('single'), 'left', false)).toEqual({ type: 'back' });
    expect(actionForKey(view('single'), '', true)).toEqual({ type: 'next' });
    expect(actionForKey(view('single'), 'q', false)).toEqual({ type: 'quit' });
  });

  it('strikes a choice out with Shift+letter or x, and marks a guess with g', () => {
    expect(actionForKey(view('single'), 'S-c', false)).toEqual({ type: 'strike', key: 'C', shifted: true });
    expect(actionForKey(view('single'), 'x', false)).toEqual({ type: 'strike-mode' });
    expect(actionForKey(view('single'), 'g', false)).toEqual({ type: 'guess' });
  });

  it('never reads a control key as a choice: Ctrl-A picks nothing', () => {
    expect(keyAction({ screen: 'question', view: view('single') }, { name: 'a', ctrl: true }, 10)).toBeUndefined();
  });

  it('reads F as False on a true/false item and flags with m there', () => {
    expect(actionForKey(view('truefalse'), 'f', false)).toEqual({ type: 'choose', key: 'F' });
    expect(actionForKey(view('truefalse'), 't', false)).toEqual({ type: 'choose', key: 'T' });
    expect(actionForKey(view('truefalse'), 'm', false)).toEqual({ type: 'flag' });
  });

  it('offers no going back or review in practice mode', () => {
    expect(actionForKey(view('single', 'practice'), 'p', false)).toBeUndefined();
    expect(actionForKey(view('single', 'practice'), 'r', false)).toBeUndefined();
  });

  it('checks a practice answer with Enter, and q quits practice too', () => {
    expect(actionForKey(view('single', 'practice'), '', true)).toEqual({ type: 'check' });
    expect(actionForKey(view('single', 'practice'), 'q', false)).toEqual({ type: 'quit' });
  });
});

describe('keys on the review screen', () => {
  it('jumps by typed numbers, pages, filters, goes back with Esc, submits with s and quits with q', () => {
    expect(keyAction(review, { name: '7' }, 16)).toEqual({ type: 'review-digit', digit: '7' });
    expect(keyAction(review, { name: 'return' }, 16)).toEqual({ type: 'review-open' });
    expect(keyAction(review, { name: 'pagedown' }, 16)).toEqual({ type: 'review-move', delta: 16 });
    expect(keyAction(review, { name: 'u' }, 16)).toEqual({ type: 'review-filter', filter: 'unanswered' });
    // A lone Escape comes from readline with meta set.
    expect(keyAction(review, { name: 'escape', meta: true, sequence: '\u001b' }, 16)).toEqual({ type: 'review-escape' });
    expect(keyAction(review, { name: 's' }, 16)).toEqual({ type: 'submit' });
    expect(keyAction(review, { name: 'q' }, 16)).toEqual({ type: 'quit' });
  });
});
