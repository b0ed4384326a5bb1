import { describe, expect, it } from 'vitest';
import { exhibitBox } from '../../src/ui/render-exam.js';
import { visibleWidth } from '../../src/ui/layout.js';

const label = [
  'Scanner: 1.5 T, body-coil transmit',
  "Site rule (from the scanner manufacturer's manual): pregnant",
  '  patients scanned with the body coil are limited to Normal',
  '  Operating Mode',
].join('\n');

describe('an exhibit on a narrow terminal', () => {
  it('is boxed as written where it fits', () => {
    const rows = exhibitBox(label, 80);
    expect(rows[0]).toMatch(/^┌─+┐$/);
    expect(rows).toContain(`│   Operating Mode${' '.repeat(60 - 16)} │`);
  });

  it('wraps a row wider than the screen at a word, keeping the row\'s own indent and hanging two further', () => {
    const rows = exhibitBox(label, 56);
    for (const row of rows) expect(visibleWidth(row)).toBeLessThanOrEqual(56);
    expect(rows).toEqual([
      'Scanner: 1.5 T, body-coil transmit',
      "Site rule (from the scanner manufacturer's manual):",
      '  pregnant',
      '  patients scanned with the body coil are limited to',
      '    Normal',
      '  Operating Mode',
    ]);
  });
});
