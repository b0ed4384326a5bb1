/**
 * Errors a user can act on, each a named class with a stable `code` (for
 * scripts and tests) and a `hint` (the fix). `main.ts` prints `message` and
 * `hint` on one line each and exits with `exitCode`; anything else is a bug.
 * Throw one of these anywhere; only main.ts exits.
 */
export class UserError extends Error {
  readonly exitCode: number = 1;
  constructor(
    message: string,
    readonly hint?: string,
    readonly code: string = 'MRSO_ERROR',
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** A bad flag or argument: exit 2, the same as for the usage errors commander itself finds (main.ts). */
export class UsageError extends UserError {
  override readonly exitCode: number = 2;
  constructor(message: string, hint?: string, code = 'USAGE') {
    super(message, hint, code);
    this.name = 'UsageError';
  }
}

/** The user pressed Ctrl-C (or the terminal went away): work is saved, exit 130. */
export class Interrupted extends UserError {
  override readonly exitCode: number = 130;
  constructor(message: string, hint?: string) {
    super(message, hint, 'INTERRUPTED');
    this.name = 'Interrupted';
  }
}

/** The question bank cannot be used: a folder that is missing, a file with errors, no questions. */
export class BankError extends UserError {
  constructor(message: string, hint: string, code: 'BANK_NOT_FOUND' | 'BANK_INVALID' | 'BANK_EMPTY') {
    super(message, hint, code);
    this.name = 'BankError';
  }
}

/** A compiled-bank cache entry was found damaged while in use; it has been removed. */
export class BankCacheDamaged extends UserError {
  constructor(detail: string) {
    super(`the compiled-bank cache was damaged (${detail}) and has been removed`, 'Run the command again: the bank is compiled afresh.', 'BANK_CACHE_DAMAGED');
    this.name = 'BankCacheDamaged';
  }
}

export type HistoryErrorCode =
  | 'HISTORY_NOT_FOUND'
  | 'HISTORY_IS_FOLDER'
  | 'HISTORY_NO_HOME'
  | 'HISTORY_CANNOT_CREATE'
  | 'HISTORY_NOT_MRSO'
  | 'HISTORY_NEWER'
  | 'HISTORY_CORRUPT'
  | 'HISTORY_LOCKED'
  | 'HISTORY_READONLY'
  | 'HISTORY_FULL';

/** The history database cannot be opened, read or written. */
export class HistoryError extends UserError {
  constructor(message: string, hint: string, code: HistoryErrorCode) {
    super(message, hint, code);
    this.name = 'HistoryError';
  }
}

/** Standard output cannot be written (a full disk, a closed device). */
export class OutputError extends UserError {
  constructor(reason: string) {
    super(`cannot write to standard output (${reason})`, 'Check where the output goes (a full disk, a closed file).', 'OUTPUT_FAILED');
    this.name = 'OutputError';
  }
}
