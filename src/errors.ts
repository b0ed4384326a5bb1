/**
 * Errors a user can act on. `main.ts` prints `message` and `hint` on one line
 * each and exits with `exitCode`; anything else is a bug.
 */
export class UserError extends Error {
  readonly exitCode: number = 1;
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** A bad flag or argument: exit 2, the same as for the usage errors commander itself finds (main.ts). */
export class UsageError extends UserError {
  override readonly exitCode: number = 2;
  constructor(message: string, hint?: string) {
    super(message, hint);
    this.name = 'UsageError';
  }
}

/** The user pressed Ctrl-C (or the terminal went away): work is saved, exit 130. */
export class Interrupted extends UserError {
  override readonly exitCode: number = 130;
  constructor(message: string, hint?: string) {
    super(message, hint);
    this.name = 'Interrupted';
  }
}
