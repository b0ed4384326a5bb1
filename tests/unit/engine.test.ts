import { describe, expect, it } from 'vitest';
import { startEngine, step, type EngineAction, type EngineState } from '../../src/exam/engine.js';
import { startExam } from '../../src/exam/session.js';
import { question } from '../helpers/bank.js';

const T0 = 1_000_000;

function items(n: number) {
  return Array.from({ length: n }, (_, i) => ({ question: question(`m1-t-${String(i + 1).padStart(3, '0')}`, 1), choiceOrder: ['D', 'C', 'B', 'A'] }));
}
const multi = { question: question('m2-t-001', 2, { type: 'multi', answer: ['A', 'C'] } as never), choiceOrder: ['C', 'A', 'B', 'D'] };

function start(n = 4, limitMs: number | null = 60_000, mode: 'exam' | 'practice' = 'exam'): EngineState {
  return startEngine(startExam(items(n), mode, limitMs), T0);
}

/** Apply actions one second apart; returns the last state and every effect. */
function run(state: EngineState, actions: EngineAction[], from = T0, gap = 1000) {
  let s = state;
  const effects = [];
  let now = from;
  for (const action of actions) {
    now += gap;
    const r = step(s, action, now);
    s = r.state;
    effects.push(...r.effects);
  }
  return { state: s, effects, now };
}

describe('exam engine: the clock', () => {
  it.each([
    ['a question', [] as EngineAction[]],
    ['the review screen', [{ type: 'review' }] as EngineAction[]],
    ['the submit confirmation', [{ type: 'review' }, { type: 'submit' }] as EngineAction[]],
  ])('ends the exam as time-up on %s, records exactly the limit and ignores the key that came too late', (_, path) => {
    const { state } = run(start(4, 60_000), [{ type: 'choose', key: 'A' }, ...path]);
    const late = step(state, { type: 'choose', key: 'B' }, T0 + 65_000);
    expect(late.state.end).toBe('time-up');
    expect(late.state.elapsedMs).toBe(60_000);
    expect(late.state.notice).toBe('Time is up');
    expect(late.effects).toEqual([{ type: 'finish', reason: 'time-up' }]);
    expect(late.state.timeMs.reduce((a, b) => a + b, 0)).toBe(60_000);
  });

  it('ends on a plain tick with no key pressed', () => {
    const r = step(start(4, 60_000), { type: 'tick' }, T0 + 60_000);
    expect(r.state.end).toBe('time-up');
    expect(r.effects).toEqual([{ type: 'finish', reason: 'time-up' }]);
  });

  it('does nothing once ended', () => {
    const ended = step(start(4, 60_000), { type: 'tick' }, T0 + 61_000).state;
    expect(step(ended, { type: 'choose', key: 'A' }, T0 + 62_000)).toEqual({ state: ended, effects: [] });
  });

  it('charges time to the item on screen, including time spent on the review screen', () => {
    const { state } = run(start(4, null), [{ type: 'next' }, { type: 'review' }, { type: 'tick' }]);
    expect(state.timeMs).toEqual([1000, 2000, 0, 0]);
  });

  it('says how the pace compares with the limit, and announces the 25% checkpoint once', () => {
    // 4 items in 4 minutes: a minute each.
    let s = start(4, 240_000);
    s = step(s, { type: 'choose', key: 'A' }, T0 + 200_000).state;
    expect(s.notice).toMatch(/^Checkpoint 25%: 1\/4 answered · 1 min behind$/);
    s = step(s, { type: 'flag' }, T0 + 201_000).state;
    expect(s.notice).toBeNull();
  });
});

describe('exam engine: answers, strikes, guesses', () => {
  it('saves each answer, flag, strike and guess as it is given', () => {
    const { state, effects } = run(start(), [{ type: 'choose', key: 'B' }, { type: 'flag' }, { type: 'strike', key: 'A' }, { type: 'guess' }]);
    // B is shown second: with order D C B A it is the item's own C.
    expect(state.responses[0]).toBe('C');
    expect(state.flags[0]).toBe(true);
    expect(state.struck[0]).toEqual(['D']);
    expect(state.guess[0]).toBe(true);
    expect(effects).toEqual(Array.from({ length: 4 }, () => ({ type: 'save', index: 0 })));
  });

  it('says why a choice was struck by Shift+letter (all that Caps Lock sends), and how to answer it', () => {
    const { state } = run(start(), [{ type: 'strike', key: 'B', shifted: true }]);
    expect(state.struck[0]).toHaveLength(1);
    expect(state.responses[0]).toBeNull();
    expect(state.notice).toBe('Struck out B (Shift+B strikes). Caps Lock on? To answer B, press b or 2.');
    // It stays while the clock ticks, until the next key.
    expect(run(state, [{ type: 'tick' }, { type: 'tick' }]).state.notice).toBe(state.notice);
    // Striking it back, or striking with x, needs no word.
    expect(run(state, [{ type: 'strike', key: 'B', shifted: true }]).state.notice).toBeNull();
    expect(run(start(), [{ type: 'strike-mode' }, { type: 'choose', key: 'B' }]).state.notice).toBeNull();
  });

  it('strikes with x then a letter, and a second strike restores the choice', () => {
    const { state } = run(start(), [{ type: 'strike-mode' }, { type: 'choose', key: 'C' }]);
    expect(state.struck[0]).toEqual(['B']);
    expect(state.responses[0]).toBeNull();
    expect(run(state, [{ type: 'strike', key: 'C' }]).state.struck[0]).toEqual([]);
  });

  it('toggles select-all choices and never erases an answer by moving on', () => {
    let s = startEngine(startExam([multi, ...items(2)], 'exam', null), T0);
    s = run(s, [{ type: 'choose', key: 'A' }, { type: 'choose', key: 'B' }, { type: 'choose', key: 'B' }, { type: 'next' }, { type: 'back' }, { type: 'next' }]).state;
    expect(s.responses[0]).toEqual(['C']);
    expect(s.current).toBe(1);
  });
});

describe('exam engine: review and submit', () => {
  it('opens the review after the last item; the number typed is the question you get', () => {
    let s = run(start(12), Array.from({ length: 12 }, () => ({ type: 'next' }) as const)).state;
    expect(s.screen).toBe('review');
    s = run(s, [{ type: 'review-digit', digit: '1' }, { type: 'review-digit', digit: '0' }, { type: 'review-open' }]).state;
    expect(s.screen).toBe('question');
    expect(s.current).toBe(9);
    s = run(s, [{ type: 'review' }, { type: 'review-digit', digit: '5' }, { type: 'review-open' }]).state;
    expect(s.current).toBe(4);
  });

  it('Esc on the review returns to the question you were on, and q quits with a save', () => {
    let s = run(start(5), [{ type: 'next' }, { type: 'next' }, { type: 'review' }, { type: 'review-move', delta: 2 }]).state;
    s = step(s, { type: 'review-escape' }, T0 + 10_000).state;
    expect([s.screen, s.current]).toEqual(['question', 2]);
    const quit = step(run(s, [{ type: 'review' }]).state, { type: 'quit' }, T0 + 20_000);
    expect(quit.state.end).toBe('quit');
    expect(quit.effects).toEqual([{ type: 'quit' }]);
  });

  it('filters the review to unanswered or flagged items', () => {
    let s = run(start(4), [{ type: 'choose', key: 'A' }, { type: 'next' }, { type: 'flag' }, { type: 'review' }, { type: 'review-filter', filter: 'unanswered' }]).state;
    s = run(s, [{ type: 'review-move', delta: 1 }, { type: 'review-open' }]).state;
    expect(s.current).toBe(2);
    s = run(s, [{ type: 'review' }, { type: 'review-filter', filter: 'flagged' }, { type: 'review-open' }]).state;
    expect(s.current).toBe(1);
  });

  it('always asks before submitting, even with every item answered; no keeps the exam open', () => {
    let s = start(2);
    s = run(s, [{ type: 'choose', key: 'A' }, { type: 'next' }, { type: 'choose', key: 'A' }, { type: 'next' }]).state;
    expect(s.screen).toBe('review');
    const asked = run(s, [{ type: 'submit' }]);
    expect(asked.state.screen).toBe('confirm');
    expect(asked.effects).toEqual([]);
    const no = run(asked.state, [{ type: 'confirm', yes: false }]);
    expect([no.state.screen, no.state.end]).toEqual(['review', null]);
    const yes = run(asked.state, [{ type: 'confirm', yes: true }]);
    expect(yes.state.end).toBe('submitted');
    expect(yes.effects).toEqual([{ type: 'finish', reason: 'submitted' }]);
  });
});

describe('practice in the engine', () => {
  it('waits for Enter before marking a single-choice answer, which can be changed until then', () => {
    let s = start(2, null, 'practice');
    s = run(s, [{ type: 'choose', key: 'A' }, { type: 'choose', key: 'C' }]).state;
    expect(s.responses[0]).toBeNull();
    const checked = run(s, [{ type: 'check' }]);
    expect(checked.state.responses[0]).toBe('B');
    expect(checked.state.screen).toBe('feedback');
    expect(checked.effects).toEqual([{ type: 'mark', index: 0 }]);
    const on = run(checked.state, [{ type: 'continue' }]).state;
    expect([on.screen, on.current]).toEqual(['question', 1]);
  });

  it('skips an item with nothing chosen, and finishes after the last', () => {
    const r = run(start(2, null, 'practice'), [{ type: 'check' }, { type: 'check' }]);
    expect(r.state.responses).toEqual([null, null]);
    expect(r.effects).toEqual([{ type: 'finish', reason: 'submitted' }]);
  });
});
