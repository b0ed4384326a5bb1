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
