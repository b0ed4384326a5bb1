import { z } from 'zod';
import { UsageError, UserError } from '../errors.js';
import type { Bank } from '../bank/types.js';

/** Option coercers shared by commands: strings from commander in, checked values out. */

export function wholeNumber(flag: string, min: number, max: number, example: string) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined) return undefined;
      const n = Number(raw.trim());
      if (!/^-?\d+$/.test(raw.trim()) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `${flag} ${raw}: expected a whole number from ${min} to ${max}`, params: { hint: `For example: ${example}` } });
        return z.NEVER;
      }
      return n;
    });
}

export function decimal(flag: string, min: number, max: number, example: string) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined) return undefined;
      const n = Number(raw.trim());
      if (raw.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `${flag} ${raw}: expected a number from ${min} to ${max}`, params: { hint: `For example: ${example}` } });
        return z.NEVER;
      }
      return n;
    });
}

/** --module N, repeatable, also "3,7". Existence in the bank is checked by `checkModules`. */
export const moduleList = z
  .array(z.string())
  .optional()
  .transform((raw, ctx) => {
    const out: number[] = [];
    for (const part of (raw ?? []).flatMap((r) => r.split(','))) {
      const text = part.trim();
      if (!/^\d+$/.test(text)) {
        ctx.addIssue({ code: 'custom', message: `--module ${part}: expected a module number such as 7`, params: { hint: 'Modules are numbered 1–9; see mrso bank check for the list.' } });
        return z.NEVER;
      }
      if (!out.includes(Number(text))) out.push(Number(text));
    }
    return out;
  });

export function oneOf<const T extends readonly [string, ...string[]]>(flag: string, values: T) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined) return undefined;
      if (!(values as readonly string[]).includes(raw)) {
        ctx.addIssue({ code: 'custom', message: `${flag} ${raw}: expected one of ${values.join(', ')}`, params: { hint: `For example: ${flag} ${values[0]}` } });
        return z.NEVER;
      }
      return raw as T[number];
    });
}

/** zod-parse command options; the first problem becomes a UsageError (exit 2). */
export function parseOptions<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const hint = issue.code === 'custom' ? (issue.params as { hint?: string } | undefined)?.hint : undefined;
  const flag = issue.path.length > 0 ? `--${String(issue.path[0])}: ` : '';
  throw new UsageError(issue.code === 'custom' ? issue.message : `${flag}${issue.message}`, hint);
}

/** Every --module must exist in the bank; the error lists the valid ones. */
export function checkModules(bank: Bank, modules: number[]): void {
  for (const m of modules) {
    if (!bank.modules.some((x) => x.number === m)) {
      const valid = bank.modules.map((x) => `${x.number} ${x.title}`).join('; ');
      throw new UsageError(`--module ${m}: there is no module ${m} in this bank`, `Valid modules: ${valid}`);
    }
  }
}

export function assertNever(value: never): never {
  throw new UserError(`unexpected value ${String(value)}`);
}

/** A calendar day, YYYY-MM-DD. */
export function dayOption(flag: string) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined) return undefined;
      const valid = /^\d{4}-\d{2}-\d{2}$/.test(raw) && new Date(`${raw}T00:00:00Z`).toISOString().slice(0, 10) === raw;
      if (!valid) {
        ctx.addIssue({ code: 'custom', message: `${flag} ${raw}: expected a date as YYYY-MM-DD`, params: { hint: `For example: ${flag} 2026-11-01` } });
        return z.NEVER;
      }
      return raw;
    });
}
