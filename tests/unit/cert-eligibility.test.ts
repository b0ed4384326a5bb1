import { describe, expect, it } from 'vitest';
import { certEligibility, type CertCandidate } from '../../src/exam/cert-eligibility.js';

const full: CertCandidate = { mode: 'exam', status: 'submitted', items: 100, modules: [], timeLimitS: 120 * 60, passed: true };

describe('completion record eligibility', () => {
  it('accepts a passed, timed, full-blueprint mock exam of 100 items at the default limit or longer', () => {
    expect(certEligibility(full)).toBeNull();
    expect(certEligibility({ ...full, timeLimitS: 150 * 60 })).toBeNull();
  });

  it.each([
    [{ modules: [1, 2] }, /limited to modules 1, 2/],
    [{ timeLimitS: null }, /untimed/],
    [{ timeLimitS: 60 * 60 }, /time limit \(60 min\) is shorter than the default \(120 min\)/],
    [{ items: 40 }, /has 40 items/],
    [{ mode: 'practice' as const }, /practice session/],
    [{ passed: false }, /did not pass/],
  ])('refuses %j in one line', (change, reason) => {
    const why = certEligibility({ ...full, ...change });
    expect(why).toMatch(reason);
    expect(why).not.toMatch(/\n/);
  });
});

describe('CSV cells of an export', () => {
  it('escape a leading = + - @ so a spreadsheet never runs them', async () => {
    const { csvCell } = await import('../../src/files/export-file.js');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-1')).toBe(`"'-1"`);
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
  });
});
