import { describe, expect, it } from 'vitest';
import { convert, familyOf, formatQuantity, matchesKey, parseQuantity, UNIT_SYMBOLS, unitsOf } from '../../src/bank/units.js';

describe('numeric answers: units', () => {
  it.each([
    [5, 'G', 'mT', 0.5],
    [1, 'T', 'G', 10_000],
    [3, 'T/m', 'G/cm', 300],
    [720, 'G/cm', 'T/m', 7.2],
    [42.58, 'MHz', 'kHz', 42_580],
    [200, 'T/m/s', 'mT/m/ms', 200],
    [4, 'W/kg', 'W/kg', 4],
    [1.5, 'kJ/kg', 'J/kg', 1500],
    [6, 'min', 's', 360],
    [4.2, 'K', '°C', -268.95],
    [100, 'dB', 'dB(A)', 100],
    [500, 'µT', 'mT', 0.5],
  ])('converts %s %s to %s exactly', (value, from, to, expected) => {
    expect(convert(value, from, to)).toBe(expected);
  });

  it('round-trips every unit through every other unit of its family', () => {
    for (const symbol of UNIT_SYMBOLS) {
      for (const other of unitsOf(familyOf(symbol)!)) {
        expect(convert(convert(1.234, symbol, other), other, symbol)).toBeCloseTo(1.234, 9);
      }
    }
  });

  it('reads a typed answer in any unit of the family, and a bare number in the item unit', () => {
    expect(parseQuantity('0.5 mT', 'mT')).toEqual({ ok: true, quantity: { value: 0.5, unit: 'mT' } });
    expect(parseQuantity('5g', 'mT')).toEqual({ ok: true, quantity: { value: 5, unit: 'G' } });
    expect(parseQuantity('500 uT', 'mT')).toEqual({ ok: true, quantity: { value: 500, unit: 'µT' } });
    expect(parseQuantity('1,500 G', 'T')).toEqual({ ok: true, quantity: { value: 1500, unit: 'G' } });
    expect(parseQuantity('.5', 'mT')).toEqual({ ok: true, quantity: { value: 0.5, unit: 'mT' } });
  });

  it('refuses words, unknown units and units of another family with a hint', () => {
    for (const [input, pattern] of [
      ['abc', /type a number/],
      ['5 furlongs', /not a unit/],
      ['3 T/m', /spatial gradient; this answer is a flux density/],
      ['', /type a number/],
    ] as const) {
      const parsed = parseQuantity(input, 'mT');
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.hint).toMatch(pattern);
    }
  });

  it('marks a typed answer against the key in any unit: 3 significant figures by default, or the tolerance', () => {
    expect(matchesKey({ value: 0.5, unit: 'mT' }, { value: 5, unit: 'G' })).toBe(true);
    expect(matchesKey({ value: 0.5, unit: 'mT' }, { value: 0.55, unit: 'mT' })).toBe(false);
    expect(matchesKey({ value: 63.87, unit: 'MHz' }, { value: 63.9, unit: 'MHz' })).toBe(true);
    expect(matchesKey({ value: 63.87, unit: 'MHz' }, { value: 64, unit: 'MHz' })).toBe(false);
    expect(matchesKey({ value: 63.87, unit: 'MHz', tolerance: 0.2 }, { value: 64, unit: 'MHz' })).toBe(true);
    expect(matchesKey({ value: 0.5, unit: 'mT' }, { value: 0.5, unit: 'T/m' })).toBe(false);
  });

  it('shows a quantity without float dust', () => {
    expect(formatQuantity({ value: convert(5, 'G', 'mT'), unit: 'mT' })).toBe('0.5 mT');
    expect(formatQuantity({ value: -268.95, unit: '°C' })).toBe('-268.95 °C');
  });
});
