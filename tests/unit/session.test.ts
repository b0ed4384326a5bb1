import { describe, expect, it } from 'vitest';
import * as exam from '../../src/exam/session.js';
import { scoreExam } from '../../src/exam/score.js';
import { wilsonInterval } from '../../src/report/wilson.js';
import { question } from '../helpers/bank.js';

const items = [
  { question: question('m1-t-001', 1), choiceOrder: ['A', 'B', 'C', 'D'] },
  { question: question('m1-t-002', 1, { type: 'truefalse', answer: false } as never), choiceOrder: [] },
  { question: question('m2-t-001', 2, { type: 'multi', answer: ['A', 'C'] } as never), choiceOrder: ['C', 'A', 'B', 'D'] },
];

describe('exam state machine', () => {
  it('answers, flags and moves without going past either end', () => {
    let s = exam.startExam(items, 'exam', null);
    s = exam.answer(s, 'B');
    s = exam.toggleFlag(s);
    s = exam.back(s);
    expect(s.current).toBe(0);
    s = exam.next(exam.next(exam.next(s)));
    expect(s.current).toBe(2);
    expect(s.responses).toEqual(['B', null, null]);
    expect(exam.flagged(s)).toEqual([0]);
    expect(exam.unanswered(s)).toEqual([1, 2]);
  });

  it('submits by itself when the time runs out, and ignores answers after that', () => {
    let s = exam.startExam(items, 'exam', 60_000);
    s = exam.tick(s, 59_999);
    expect(s.submitted).toBe(false);
    expect(exam.remainingMs(s)).toBe(1);
    s = exam.tick(s, 1);
    expect(s.submitted).toBe(true);
    expect(exam.answer(s, 'A').responses[0]).toBeNull();
  });

  it('charges time to the item on screen', () => {
    let s = exam.startExam(items, 'exam', null);
    s = exam.tick(s, 1000);
    s = exam.tick(exam.next(s), 2500);
    expect(s.timeMs).toEqual([1000, 2500, 0]);
  });

  it('marks select-all items all-or-nothing', () => {
    const multi = items[2]!.question;
    expect(exam.isCorrect(multi, ['C', 'A'])).toBe(true);
    expect(exam.isCorrect(multi, ['A'])).toBe(false);
    expect(exam.isCorrect(multi, ['A', 'B', 'C'])).toBe(false);
    expect(exam.isCorrect(items[1]!.question, false)).toBe(true);
    expect(exam.isCorrect(items[1]!.question, null)).toBe(false);
  });
});

describe('scoring', () => {
  it('counts unanswered items as wrong and passes at exactly 70%', () => {
    const ten = Array.from({ length: 10 }, (_, i) => ({ question: question(`m1-t-${i}`, 1 + (i % 2)), choiceOrder: ['A', 'B', 'C', 'D'] }));
    let s = exam.startExam(ten, 'exam', null);
    for (let i = 0; i < 7; i++) s = exam.next(exam.answer(s, 'B'));
    const score = scoreExam(s);
    expect([score.correct, score.total, score.answered, score.passed]).toEqual([7, 10, 7, true]);
    expect(score.byModule).toEqual([
      { key: 1, correct: 4, total: 5 },
      { key: 2, correct: 3, total: 5 },
    ]);
    expect(score.missed.map((m) => m.index)).toEqual([7, 8, 9]);
    s = exam.answer(exam.goTo(s, 6), 'A');
    expect(scoreExam(s).passed).toBe(false);
  });
});

describe('Wilson interval', () => {
  it.each([
    [0, 10, 0, 0.2775],
    [5, 10, 0.2366, 0.7634],
    [10, 10, 0.7225, 1],
    [81, 263, 0.2553, 0.3662],
  ])('%i of %i correct gives %f to %f', (k, n, low, high) => {
    const [l, h] = wilsonInterval(k, n);
    expect(l).toBeCloseTo(low, 3);
    expect(h).toBeCloseTo(high, 3);
  });

  it('says nothing is known when nothing was answered', () => {
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });
});
