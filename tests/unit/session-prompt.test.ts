import { render } from '@inquirer/testing';
import { describe, expect, it } from 'vitest';
import type { EngineState } from '../../src/exam/engine.js';
import { sessionPrompt } from '../../src/ui/prompts.js';
import { plainTheme } from '../../src/ui/theme.js';
import type { SessionDriver } from '../../src/ui/views.js';
import { question } from '../helpers/bank.js';
import { engineDriver } from '../helpers/engine-driver.js';

function driverFor(n: number): SessionDriver & { state: () => EngineState } {
  const items = Array.from({ length: n }, (_, i) => ({ question: question(`m1-t-${i + 1}`, 1, { stem: `Question number ${i + 1}?` }), choiceOrder: ['A', 'B', 'C', 'D'] }));
  return engineDriver(items, 'exam', 600_000);
}

describe('the exam prompt', () => {
  it('answers, strikes, opens the review and comes back with Escape, and quits with q', async () => {
    const driver = driverFor(3);
    const { answer, events, getScreen } = await render(sessionPrompt, { driver, theme: plainTheme });
    expect(getScreen()).toMatch(/Mock exam {2}1\/3/);
    events.keypress('b');
    expect(getScreen()).toMatch(/\(•\) B {2}two/);
    events.keypress({ name: 'c', shift: true });
    expect(getScreen()).toMatch(/✕ \( \) C {2}three/);
    events.keypress('r');
    expect(getScreen()).toMatch(/^Review/);
    events.keypress({ name: 'escape', meta: true });
    expect(getScreen()).toMatch(/Mock exam {2}1\/3/);
    events.keypress('q');
    await answer;
    expect(driver.state().end).toBe('quit');
    expect(driver.state().responses[0]).toBe('B');
  });
});

describe('the key line', () => {
  it('names both ways to strike a choice, and Shift+letter strikes as it says', async () => {
    const driver = driverFor(2);
    const { events, getScreen } = await render(sessionPrompt, { driver, theme: plainTheme });
    expect(getScreen().replace(/\s+/g, ' ')).toMatch(/x\+letter or Shift\+letter strike/);
    events.keypress({ name: 'b', shift: true });
    expect(getScreen()).toMatch(/✕ \( \) B {2}two/);
    expect(driver.state().responses[0]).toBeNull();
    events.keypress('q');
  });
});

describe('a tall question screen', () => {
  it('drops blank lines and the long key help to keep header and choices on a 24-row screen', async () => {
    const { renderQuestion } = await import('../../src/ui/render-exam.js');
    const exhibit = Array.from({ length: 16 }, (_, i) => `row ${i + 1}`).join('\n');
    const view = engineDriver([{ question: question('m1-t-1', 1, { exhibit, stem: 'Which row is the one that matters most here?' }), choiceOrder: ['A', 'B', 'C', 'D'] }], 'exam', null).view();
    if (view.screen !== 'question') throw new Error('expected a question');
    const tall = renderQuestion(view.view, plainTheme, 80).split('\n');
    const fitted = renderQuestion(view.view, plainTheme, 80, 24).split('\n');
    expect(tall.length).toBeGreaterThan(24);
    expect(fitted.length).toBeLessThan(24);
    expect(fitted[0]).toMatch(/^Mock exam {2}1\/1/);
    expect(fitted.join('\n')).toMatch(/^│ row 16$/m);
    expect(fitted.join('\n')).toMatch(/\( \) D {2}four/);
  });
});
