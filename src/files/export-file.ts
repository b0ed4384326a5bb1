import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { replaceFile } from './replace-file.js';

/**
 * Write an export the learner asked for: "-" is stdout; an existing file is
 * never replaced without --force; a missing parent folder is refused (a
 * mistyped path should not grow folders). The write is whole-or-nothing.
 * (A minimal writer for `mrso history export`; HARDEN's safe export writer
 * may replace it.)
 */
export function writeExport(path: string, content: string, options: { force?: boolean; flag?: string } = {}): 'stdout' | string {
  const flag = options.flag ?? '-o';
  if (path === '-') {
    process.stdout.write(content);
    return 'stdout';
  }
  const full = resolve(path);
  const parent = dirname(full);
  if (!existsSync(parent) || !statSync(parent).isDirectory()) throw new UserError(`${flag} ${path}: the folder ${parent} does not exist; create it first or choose another path`);
  if (existsSync(full)) {
    if (!statSync(full).isFile()) throw new UserError(`${flag} ${path}: not a regular file; choose another path`);
    if (!options.force) throw new UserError(`${flag} ${path}: the file exists; add --force to replace it, or choose another path`);
  }
  try {
    replaceFile(full, content);
  } catch (error) {
    throw new UserError(`cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}); choose another path with ${flag} FILE`);
  }
  return full;
}

/** One CSV cell (RFC 4180), with a leading = + - @ (or tab/CR) quoted behind an apostrophe so no spreadsheet runs it as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}
