import { describe, expect, it } from 'vitest';
import { parseAnswerLine } from '../../src/ui/line-ui.js';
import { actionForKey } from '../../src/ui/prompts.js';
import type { QuestionView } from '../../src/ui/views.js';

const choices = ['A', 'B', 'C', 'D'].map((key) => ({ key, text: key }));
const view = (type: QuestionView['type'], mode: QuestionView['mode'] = 'exam'): QuestionView => ({
  mode,
  position: 2,
  total: 5,
  answered: 0,
  flaggedCount: 0,
  flagged: false,
  timeLeftMs: null,
  type,
  stem: 's',
  choices: type === 'truefalse' ? [{ key: 'T', text: 'True' }, { key: 'F', text: 'False' }] : choices,
  selected: [],
  canGoBack: true,
});

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
    expect(actionForKey(view('single'), 'c', false)).toEqual({ type: 'select', key: 'C' });
    expect(actionForKey(view('single'), '4', false)).toEqual({ type: 'select', key: 'D' });
    expect(actionForKey(view('single'), 'e', false)).toBeUndefined();
    expect(actionForKey(view('single'), 'f', false)).toEqual({ type: 'flag' });
    expect(actionForKey(view('single'), 'n', false)).toEqual({ type: 'next' });
    expect(actionForKey(view('single'), 'b', false)).toEqual({ type: 'select', key: 'B' });
    expect(actionForKey(view('single'), 'p', false)).toEqual({ type: 'back' });
    expect(actionForKey(view('single'), 'left', false)).toEqual({ type: 'back' });
    expect(actionForKey(view('single'), 'x', true)).toEqual({ type: 'next' });
    expect(actionForKey(view('single'), 'q', false)).toEqual({ type: 'quit' });
  });

  it('reads F as False on a true/false item and flags with m there', () => {
    expect(actionForKey(view('truefalse'), 'f', false)).toEqual({ type: 'select', key: 'F' });
    expect(actionForKey(view('truefalse'), 't', false)).toEqual({ type: 'select', key: 'T' });
    expect(actionForKey(view('truefalse'), 'm', false)).toEqual({ type: 'flag' });
  });

  it('offers no going back or review in practice mode', () => {
    expect(actionForKey(view('single', 'practice'), 'p', false)).toBeUndefined();
    expect(actionForKey(view('single', 'practice'), 'r', false)).toBeUndefined();
  });
});
