import { render } from '@inquirer/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineState } from '../../src/exam/engine.js';
import { visibleWidth } from '../../src/ui/layout.js';
import { sessionPrompt } from '../../src/ui/prompts.js';
import { scrollWindow } from '../../src/ui/render-exam.js';
import { plainTheme } from '../../src/ui/theme.js';
import type { SessionDriver } from '../../src/ui/views.js';
import { question } from '../helpers/bank.js';
import { engineDriver } from '../helpers/engine-driver.js';

const rationale = [
  'Right: only the listed leads make the whole system MR Conditional under this label.',
  'Right: the label excludes abandoned leads and adaptors (radiographs and records help).',
  'Right: at least six weeks must have passed since the implant or any lead revision.',
  'Right: programming the MRI mode before the scan is one of the labeled conditions.',
  'Wrong: pacing dependence is not a condition of this label; it decides which MRI mode cardiology programs.',
];
const explanation =
  'Each labeled condition about the system needs confirming: lead models, no abandoned leads or adaptors, time since implant or revision and MRI mode (plus the scanner conditions). Pacing dependence is not on this label.';

/** A practice session of one select-all item with an exhibit and a rationale per choice, over the real engine. */
function multiDriver(): SessionDriver & { state: () => EngineState } {
  const exhibit = Array.from({ length: 8 }, (_, i) => `Condition ${i + 1} of the fictitious label`).join('\n');
  const item = question('m1-t-1', 1, {
    type: 'multi',
    exhibit,
    stem: "A patient's card names a pacemaker generator. Before a 3 T lumbar MRI, which must the MRSO confirm to scan under the label? Select all that apply.",
    choices: ['The models of every lead connected', 'That no abandoned leads or adaptors are present', 'The date of implant and of any lead revision', 'That the device is in MRI mode', 'That the patient is not pacing-dependent'],
    answer: ['A', 'B', 'C', 'D'],
    rationale,
    explanation,
    refs: ['HRS Expert Consensus on MRI in Patients with CIEDs (2017)'],
  } as never);
  return engineDriver([{ question: item, choiceOrder: ['A', 'B', 'C', 'D', 'E'] }], 'practice', null);
}

let columns: string | undefined;
beforeEach(() => {
  columns = process.env['COLUMNS'];
  process.env['COLUMNS'] = '60';
});
afterEach(() => {
  if (columns === undefined) delete process.env['COLUMNS'];
  else process.env['COLUMNS'] = columns;
});

describe('practice feedback on a select-all item at 60x24', () => {
  it('fits the screen, says there is more, and scrolls to every rationale and the reference without cutting a word', async () => {
    const driver = multiDriver();
    const { answer, events, getScreen } = await render(sessionPrompt, { driver, theme: plainTheme });
    events.keypress('a');
    events.keypress('e');
    events.keypress('enter');
    const seen: string[] = [];
    for (let i = 0; i < 10; i++) {
      const screen = getScreen();
      const lines = screen.split('\n');
      expect(lines.length).toBeLessThanOrEqual(24);
      expect(lines.filter((l) => visibleWidth(l) > 60)).toEqual([]);
      expect(lines[0]).toMatch(/^Practice {2}1\/1 {2}· {2}✘ not quite/);
      expect(lines.at(-1)).toMatch(/Enter next/);
      seen.push(...lines.slice(1, -2));
      if (i === 0) expect(lines.at(-2)).toMatch(/↓ lines 1–\d+ of \d+ · ↑↓ PgUp PgDn scroll/);
      if (/Ref: HRS/.test(screen)) break;
      events.keypress('pagedown');
    }
    const text = seen.join(' ').replace(/\s+/g, ' ');
    for (const line of [...rationale, explanation]) expect(text).toContain(line);
    expect(text).toMatch(/Not quite\. The answer is A, B, C, D\./);
    expect(text).toMatch(/Missed: B, C, D · Wrongly chosen: E/);
    events.keypress('home');
    expect(getScreen()).toMatch(/Condition 1 of the fictitious label/);
    events.keypress('enter');
    await answer;
    expect(driver.finished).toBe(true);
  });
});

describe('a screen window', () => {
  it('leaves a screen that fits alone, and keeps the header and key line of one that does not', () => {
    const short = ['head', 'a', 'b', 'keys'].join('\n');
    expect(scrollWindow(short, 24, 5, plainTheme, 60)).toEqual({ text: short, offset: 0, scrollable: false });
    const tall = ['head', ...Array.from({ length: 30 }, (_, i) => `row ${i + 1}`), 'keys'].join('\n');
    const end = scrollWindow(tall, 10, 1e6, plainTheme, 60);
    expect(end.offset).toBe(23);
    expect(end.text.split('\n')).toEqual(['head', 'row 24', 'row 25', 'row 26', 'row 27', 'row 28', 'row 29', 'row 30', '↑ lines 24–30 of 30 · ↑↓ PgUp PgDn scroll', 'keys']);
  });
});
