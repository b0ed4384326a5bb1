import { UsageError } from '../errors.js';
import type { Bank } from '../bank/types.js';

/**
 * Option-argument parsers for commander's `argParser`: a string in, a checked
 * value out, and a bad value is a UsageError (exit 2) that names the flag and
 * shows an example. commander runs them while it reads the command line, so a
 * bad flag stops the command before any file or database is touched.
 */

export function wholeNumber(flag: string, min: number, max: number, example: string): (raw: string) => number {
  return (raw) => {
    const n = Number(raw.trim());
    if (!/^-?\d+$/.test(raw.trim()) || n < min || n > max) {
      throw new UsageError(`${flag} ${raw}: expected a whole number from ${min} to ${max}`, `For example: ${example}`);
    }
    return n;
  };
}

export function decimal(flag: string, min: number, max: number, example: string): (raw: string) => number {
  return (raw) => {
    const n = Number(raw.trim());
    if (raw.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
      throw new UsageError(`${flag} ${raw}: expected a number from ${min} to ${max}`, `For example: ${example}`);
    }
    return n;
  };
}

/** --module N, repeatable, also "3,7"; duplicates dropped. Existence in the bank is checked by `checkModules`. */
export function moduleNumbers(raw: string, previous: number[] = []): number[] {
  const out = [...previous];
  for (const part of raw.split(',')) {
    const text = part.trim();
    if (!/^\d+$/.test(text)) {
      throw new UsageError(`--module ${part}: expected a module number such as 7`, 'Modules are numbered 1–9; see mrso bank check for the list.');
    }
    if (!out.includes(Number(text))) out.push(Number(text));
  }
  return out;
}

/** A calendar day, YYYY-MM-DD. */
export function calendarDay(flag: string): (raw: string) => string {
  return (raw) => {
    // A month or day out of range gives an invalid Date (no ISO form) or rolls over (2026-02-30 -> 03-02).
    const day = new Date(`${raw}T00:00:00Z`);
    const valid = /^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === raw;
    if (!valid) throw new UsageError(`${flag} ${raw}: expected a date as YYYY-MM-DD`, `For example: ${flag} 2026-11-01`);
    return raw;
  };
}

/** Free text with surrounding spaces trimmed, not empty and at most `max` characters. */
export function text(flag: string, max: number, example: string): (raw: string) => string {
  return (raw) => {
    const value = raw.trim();
    if (value === '') throw new UsageError(`${flag} must not be empty`, `For example: ${example}`);
    if (value.length > max) throw new UsageError(`${flag} is too long (at most ${max} characters)`, `For example: ${example}`);
    return value;
  };
}

/** Every --module must exist in the bank; the error lists the valid ones. */
export function checkModules(bank: Pick<Bank, 'modules'>, modules: number[]): void {
  for (const m of modules) {
    if (!bank.modules.some((x) => x.number === m)) {
      const valid = bank.modules.map((x) => `${x.number} ${x.title}`).join('; ');
      throw new UsageError(`--module ${m}: there is no module ${m} in this bank`, `Valid modules: ${valid}`);
    }
  }
}
