/**
 * Units of the numeric drill items, grouped in families that convert into
 * each other exactly: a learner may answer "5 G" to an item keyed 0.5 mT.
 * A unit of another family is refused with a hint, never marked.
 */

export type UnitFamily = 'flux density' | 'spatial gradient' | 'SAR' | 'energy dose' | 'frequency' | 'slew rate' | 'dB/dt' | 'time' | 'temperature' | 'sound level';

interface UnitSpec {
  /** How it is written in the bank and shown. */
  symbol: string;
  family: UnitFamily;
  /** Value in the family's base unit = value × factor + offset. */
  factor: number;
  offset?: number;
  /** Other spellings a learner may type (matched without regard to case). */
  aliases?: string[];
}

const SPECS: UnitSpec[] = [
  { symbol: 'T', family: 'flux density', factor: 1, aliases: ['tesla'] },
  { symbol: 'mT', family: 'flux density', factor: 1e-3 },
  { symbol: 'µT', family: 'flux density', factor: 1e-6, aliases: ['uT', 'μT'] },
  { symbol: 'G', family: 'flux density', factor: 1e-4, aliases: ['gauss'] },
  { symbol: 'kG', family: 'flux density', factor: 1e-1 },
  { symbol: 'T/m', family: 'spatial gradient', factor: 1 },
  { symbol: 'mT/m', family: 'spatial gradient', factor: 1e-3 },
  { symbol: 'G/cm', family: 'spatial gradient', factor: 1e-2 },
  { symbol: 'W/kg', family: 'SAR', factor: 1 },
  { symbol: 'J/kg', family: 'energy dose', factor: 1 },
  { symbol: 'kJ/kg', family: 'energy dose', factor: 1e3 },
  { symbol: 'Hz', family: 'frequency', factor: 1 },
  { symbol: 'kHz', family: 'frequency', factor: 1e3 },
  { symbol: 'MHz', family: 'frequency', factor: 1e6 },
  { symbol: 'T/m/s', family: 'slew rate', factor: 1, aliases: ['T/(m·s)', 'T/m·s'] },
  { symbol: 'mT/m/ms', family: 'slew rate', factor: 1 },
  { symbol: 'T/s', family: 'dB/dt', factor: 1 },
  { symbol: 's', family: 'time', factor: 1, aliases: ['sec', 'seconds'] },
  { symbol: 'ms', family: 'time', factor: 1e-3 },
  { symbol: 'min', family: 'time', factor: 60, aliases: ['minutes'] },
  { symbol: 'h', family: 'time', factor: 3600, aliases: ['hours'] },
  { symbol: 'K', family: 'temperature', factor: 1, aliases: ['kelvin'] },
  { symbol: '°C', family: 'temperature', factor: 1, offset: 273.15, aliases: ['C', 'degC', 'ºC'] },
  { symbol: 'dB', family: 'sound level', factor: 1 },
  { symbol: 'dB(A)', family: 'sound level', factor: 1, aliases: ['dBA'] },
];

const BY_SYMBOL = new Map(SPECS.map((s) => [s.symbol, s]));
const BY_TYPED = new Map<string, UnitSpec>();
for (const s of SPECS) for (const name of [s.symbol, ...(s.aliases ?? [])]) BY_TYPED.set(name.toLowerCase(), s);

/** Every unit symbol the bank may use, as written there. */
export const UNIT_SYMBOLS: readonly string[] = SPECS.map((s) => s.symbol);

/** The canonical symbol for what a learner typed ("mt" -> "mT", "uT" -> "µT"), or undefined. */
export function unitSymbol(typed: string): string | undefined {
  return BY_TYPED.get(typed.trim().replace(/\s+/g, '').toLowerCase())?.symbol;
}

export function familyOf(symbol: string): UnitFamily | undefined {
  return BY_SYMBOL.get(symbol)?.family;
}

/** The units of one family, as written in the bank. */
export function unitsOf(family: UnitFamily): string[] {
  return SPECS.filter((s) => s.family === family).map((s) => s.symbol);
}

/** Convert between two units of one family (throws on a mismatch: callers check families first). */
export function convert(value: number, from: string, to: string): number {
  const a = BY_SYMBOL.get(from);
  const b = BY_SYMBOL.get(to);
  if (!a || !b || a.family !== b.family) throw new Error(`cannot convert ${from} to ${to}`);
  const base = value * a.factor + (a.offset ?? 0);
  // Powers of ten in binary floating point leave dust (5 G -> 0.5000000000000001 mT): round it off.
  return Number(((base - (b.offset ?? 0)) / b.factor).toPrecision(12));
}

export interface Quantity {
  value: number;
  unit: string;
}

export type ParsedQuantity = { ok: true; quantity: Quantity } | { ok: false; hint: string };

/**
 * Read a typed answer: a number with an optional unit ("0.5 mT", "5G",
 * "1,500 G", ".5"); a bare number is read in `itemUnit`. A unit of another
 * family, an unknown unit or no number gives a one-line hint instead.
 */
export function parseQuantity(input: string, itemUnit: string): ParsedQuantity {
  const family = familyOf(itemUnit);
  const allowed = family ? unitsOf(family).join(', ') : itemUnit;
  const text = input.trim();
  const match = /^([-+]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:e[-+]?\d+)?)\s*(.*)$/i.exec(text);
  const numberText = match?.[1] ?? '';
  if (!match || numberText === '' || !/\d/.test(numberText)) {
    return { ok: false, hint: `type a number${family ? `, optionally with a unit (${allowed})` : ''}: e.g. ${example(itemUnit)}` };
  }
  const value = Number(numberText.replace(/,/g, ''));
  if (!Number.isFinite(value)) return { ok: false, hint: `"${numberText}" is not a number: e.g. ${example(itemUnit)}` };
  const typedUnit = match[2]!.trim();
  if (typedUnit === '') return { ok: true, quantity: { value, unit: itemUnit } };
  const unit = unitSymbol(typedUnit);
  if (!unit) return { ok: false, hint: `"${typedUnit}" is not a unit mrso knows here: use ${allowed}` };
  if (familyOf(unit) !== family) return { ok: false, hint: `${unit} measures ${familyOf(unit)}; this answer is a ${family}: use ${allowed}` };
  return { ok: true, quantity: { value, unit } };
}

function example(unit: string): string {
  return `12.5 ${unit}`;
}

export interface NumericKey {
  value: number;
  unit: string;
  /** Absolute, in `unit`; without it the answer must agree to 3 significant figures. */
  tolerance?: number | undefined;
}

/** Whether a typed quantity matches the key, once converted into the key's unit. */
export function matchesKey(key: NumericKey, given: Quantity): boolean {
  if (familyOf(given.unit) !== familyOf(key.unit)) return false;
  const value = convert(given.value, given.unit, key.unit);
  if (key.tolerance !== undefined) return Math.abs(value - key.value) <= key.tolerance * (1 + 1e-9) + 1e-12;
  return Number(value.toPrecision(3)) === Number(key.value.toPrecision(3));
}

/** "0.5 mT", without float dust; "°C" sits right after the number as usual. */
export function formatQuantity(q: Quantity): string {
  const number = String(Number(q.value.toPrecision(10)));
  return q.unit === '°C' ? `${number} °C` : `${number} ${q.unit}`;
}
