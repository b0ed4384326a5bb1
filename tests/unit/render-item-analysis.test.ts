import { describe, expect, it } from 'vitest';
import { STRONG_MISS_FLAG, type ItemAnalysis } from '../../src/report/item-analysis.js';
import { reportOf } from '../../src/report/item-report.js';
import { ITEMS_SHOWN, renderItemAnalysis } from '../../src/ui/render-bank.js';
import { visibleWidth } from '../../src/ui/layout.js';
import { plainTheme } from '../../src/ui/theme.js';

const item = (n: number, flag: string | null): ItemAnalysis => ({
  itemId: `m1-topic-${String(n).padStart(4, '0')}`,
  answered: 100 + n,
  percentCorrect: 50,
  wrongPicks: [{ choice: 'B', count: 30 }],
  missedOptions: [],
  discrimination: flag ? -0.2 : 0.3,
  flag,
});

describe('bank items on the terminal', () => {
  it('lists the first items of a large bank, flags under them, and says how many more --json holds', () => {
    // The analysis comes sorted flagged first (analyseItemTotals); 3 flagged of 10,000.
    const analysis = [...[0, 1, 2].map((n) => item(n, STRONG_MISS_FLAG)), ...Array.from({ length: 9997 }, (_, k) => item(k + 3, null))];
    for (const width of [80, 60]) {
      const lines = renderItemAnalysis(reportOf(analysis, ITEMS_SHOWN), plainTheme, width).split('\n');
      expect(lines.filter((l) => l.startsWith('m1-topic-'))).toHaveLength(ITEMS_SHOWN);
      expect(lines.filter((l) => l.includes('⚠'))).toHaveLength(3);
      expect(lines.slice(-2).join(' ')).toMatch(/^10,000 items answered, 3 flagged; 9,960 more items not shown: mrso bank items --json lists every item\.$/);
      for (const line of lines) expect(visibleWidth(line)).toBeLessThanOrEqual(width);
    }
  });

  it('lists every item and the count when they all fit', () => {
    const lines = renderItemAnalysis(reportOf([item(1, null), item(2, null)], ITEMS_SHOWN), plainTheme, 80).split('\n');
    expect(lines.filter((l) => l.startsWith('m1-topic-'))).toHaveLength(2);
    expect(lines.at(-1)).toBe('2 items answered, 0 flagged.');
  });
});
