import { describe, expect, it } from 'vitest';
import { layoutWidth, shorten, table, visibleWidth, wrap } from '../../src/ui/layout.js';

const words = 'Which term applies to an item that is nonconducting, nonmetallic and nonmagnetic under ASTM F2503 and the ACR Manual on MR Safety?';

describe('layout', () => {
  it('wraps at word boundaries and never past the width', () => {
    for (const width of [60, 80, 120]) {
      const out = wrap(words, width);
      for (const line of out.split('\n')) expect(visibleWidth(line)).toBeLessThanOrEqual(width);
      expect(out.replace(/\n/g, ' ')).toBe(words);
    }
  });

  it('hangs wrapped lines under the text, not under the prefix', () => {
    const out = wrap(words, 40, { first: '  ( ) B  ' }).split('\n');
    expect(out[0]!.startsWith('  ( ) B  Which')).toBe(true);
    for (const line of out.slice(1)) expect(line.startsWith('         ') && line[9] !== ' ').toBe(true);
  });

  it('shortens at a word boundary with an ellipsis', () => {
    const out = shorten('Pacemakers, ICDs and other cardiac devices', 24);
    expect(out).toBe('Pacemakers, ICDs and…');
    expect(visibleWidth(out)).toBeLessThanOrEqual(24);
  });

  it('lines up table columns under their headers at any width', () => {
    const rows = [
      ['7', 'Implants and devices with a title long enough to wrap at sixty columns', '63%', '120'],
      ['12', 'Units', '100%', '5'],
    ];
    for (const width of [60, 80]) {
      const lines = table([{ header: '#', align: 'right' }, { header: 'Module', flex: true }, { header: 'correct', align: 'right' }, { header: 'answered', align: 'right' }], rows, width);
      for (const line of lines) expect(visibleWidth(line)).toBeLessThanOrEqual(width);
      const end = lines[0]!.indexOf('correct') + 'correct'.length;
      expect(lines[1]!.slice(0, end).endsWith('63%')).toBe(true);
    }
  });

  it('takes COLUMNS over the terminal and keeps to 60..100', () => {
    expect(layoutWidth({ COLUMNS: '80' }, 200)).toBe(80);
    expect(layoutWidth({}, 120)).toBe(100);
    expect(layoutWidth({}, 40)).toBe(60);
    expect(layoutWidth({}, undefined)).toBe(80);
  });
});

describe('layout widths', () => {
  it('counts colour codes as nothing, wide characters as two and combining marks as none', () => {
    expect(visibleWidth('\x1b[1mbold\x1b[22m')).toBe(4);
    expect(visibleWidth('日本')).toBe(4);
    expect(visibleWidth('µT ≤ 2.0 · °C')).toBe(13);
    expect(visibleWidth('e\u0301')).toBe(1);
    expect(visibleWidth('✔ ok')).toBe(4);
  });

  it('cuts a word only when it is wider than the whole line', () => {
    const url = 'https://example.org/'.repeat(5);
    const out = wrap(`see ${url} now`, 30).split('\n');
    for (const line of out) expect(visibleWidth(line)).toBeLessThanOrEqual(30);
    expect(out.join('').replace(/ /g, '')).toBe(`see${url}now`);
  });
});

describe('what wrapping keeps together', () => {
  const sentence = 'A scanner at 3 T with SAR up to 2 W/kg and helium at 4.15 K: pick up later with mrso exam --resume 3 as shown.';

  it('never leaves a number at the end of a line and its unit on the next, wherever the break falls', () => {
    for (const width of [20, 30, 40]) {
      for (let lead = 0; lead < width; lead++) {
        const text = lead === 0 ? sentence : `${'x'.repeat(lead)} ${sentence}`;
        const lines = wrap(text, width).split('\n');
        for (const line of lines) expect(visibleWidth(line)).toBeLessThanOrEqual(width);
        expect(lines.join(' ')).toBe(text);
        for (const unit of ['3 T', '2 W/kg', '4.15 K']) expect(lines.some((l) => l.includes(unit)), `${unit} split in:\n${lines.join('\n')}`).toBe(true);
      }
    }
  });

  it('keeps an inline command on one line when it fits one, and stops it where the sentence goes on', () => {
    for (let lead = 0; lead < 30; lead++) {
      const lines = wrap(`${'x'.repeat(lead)} ${sentence}`, 30).split('\n');
      expect(lines.some((l) => l.includes('mrso exam --resume 3')), lines.join('\n')).toBe(true);
    }
    expect(wrap('Set an exam date with: mrso config set examDate YYYY-MM-DD', 40)).toBe('Set an exam date with:\nmrso config set examDate YYYY-MM-DD');
    // "again then" are words of the sentence, not of the command.
    expect(wrap('Run mrso cards again then to see them.', 20)).toBe('Run mrso cards again\nthen to see them.');
  });

  it('breaks a number and a unit too wide to share a line rather than run past the width', () => {
    const lines = wrap('flow 3 mL/min/1.73m²/a-unit-far-too-long-for-one-line', 14).split('\n');
    for (const line of lines) expect(visibleWidth(line)).toBeLessThanOrEqual(14);
    expect(lines[0]).toBe('flow 3');
    const command = wrap('with: mrso cards --unsuspend m1-card-001-and-more', 30).split('\n');
    for (const line of command) expect(visibleWidth(line)).toBeLessThanOrEqual(30);
    expect(command.join(' ')).toBe('with: mrso cards --unsuspend m1-card-001-and-more');
  });
});
