import { describe, expect, it } from 'vitest';
import { renderResult } from '../../src/ui/render-result.js';
import { plainTheme } from '../../src/ui/theme.js';

const long = (words: number) => Array.from({ length: words }, (_, i) => `word${i}`).join(' ');

describe('result screen', () => {
  it('wraps every missed item (stem, answers, explanation, refs) inside the terminal width', () => {
    const width = 80; // the narrowest common terminal
    const text = renderResult(
      {
        mode: 'practice',
        score: { correct: 0, total: 1, answered: 1, percent: 0, passed: false, byModule: [], byDomain: [], missed: [] },
        elapsedMs: 5000,
        modules: [],
        missed: [{ number: 2, itemId: 'm7-passive-implants-009', stem: long(40), given: `A. ${long(20)}`, key: `B. ${long(20)}`, explanation: long(50), refs: [long(10), long(10)] }],
      },
      plainTheme,
      width,
    );
    const lines = text.split('\n');
    expect(lines.filter((l) => l.length > width)).toEqual([]);
    // Nothing lost to the wrapping: every word of the stem is still there, in order.
    expect(text.replace(/\s+/g, ' ')).toContain(long(40));
    expect(text).toMatch(/^Q2 \[m7-passive-implants-009\] word0/m);
    expect(text).toMatch(/^ {3}You: A\. word0/m);
    expect(text).toMatch(/^ {3}Key: B\. word0/m);
  });
});
