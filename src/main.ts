import { CommanderError } from 'commander';
import { OutputError, UserError } from './errors.js';
import { buildProgram, helpArgs } from './cli.js';
import { sanitizeLine } from './ui/sanitize.js';
import { layoutWidth, wrap } from './ui/layout.js';
import type { GlobalOptions } from './commands/context.js';

/** The one error boundary: every exit code of the CLI is decided here. */
export async function main(argv: string[]): Promise<void> {
  const debug = argv.includes('--debug') || process.env['MRSO_DEBUG'] === '1';
  const args = helpArgs(argv.slice(2));
  const program = buildProgram(args[0]);
  // An error thrown outside any awaited call (in a stream's event handler, say) still ends with one line, never a
  // stack trace: every answer is already written when it is given, so stopping here loses none. A failed write to
  // standard error (its reader gone, as in `mrso … 2>&1 | head`) can tell no one: end with the outcome already decided.
  process.on('uncaughtException', (error) => {
    if (isOutputFailure(error)) process.exit(typeof process.exitCode === 'number' ? process.exitCode : error.code === 'EPIPE' ? 0 : 1);
    process.exit(reportError(error, debug));
  });
  // A reader that goes away (`mrso … | head`) is not an error; stop quietly. Any other write error (a full
  // disk, a closed device) ends the run with one line, exit 1. Hooked before a command runs, on direct writes
  // and on process.stdout once something sets it up (~3 ms on a pipe, which --help and an exam's first
  // question do without: see startup/stdout.ts, loaded here so that --help loads one file fewer).
  program.hook('preAction', async () => {
    const { onStdoutError } = await import('./startup/stdout.js');
    onStdoutError((error) => {
      if (error.code === 'EPIPE') process.exit(0);
      process.exit(reportError(new OutputError(error.code ?? error.message), debug));
    });
  });
  try {
    await program.parseAsync([...argv.slice(0, 2), ...args]);
  } catch (error) {
    process.exitCode = reportError(await asUserError(error, program.opts<GlobalOptions>()), debug);
  }
}

/** A write that failed with no file of its own to name: only standard output writes without one (file writes map their own errors). */
function isOutputFailure(error: unknown): error is NodeJS.ErrnoException {
  const e = error as NodeJS.ErrnoException | null;
  return e instanceof Error && e.syscall === 'write' && typeof e.code === 'string' && e.path === undefined;
}

/** A database failure met outside the store's own guards (say, a corrupt page found mid-read) still gets a plain message. */
async function asUserError(error: unknown, globals: GlobalOptions): Promise<unknown> {
  if (isOutputFailure(error)) return new OutputError(error.code ?? 'error');
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return error;
  const [{ dbError }, { dbPath }] = await Promise.all([import('./store/open.js'), import('./commands/context.js')]);
  try {
    return dbError(error, dbPath(globals));
  } catch (pathError) {
    return pathError;
  }
}

function reportError(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // commander already printed its message. --help and --version exit 0;
    // anything else it rejects (unknown option, bad choice, missing value) is a usage error, exit 2 like ours.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof UserError) {
    process.stderr.write(`mrso: ${sanitizeLine(error.message)}\n`);
    // The message stays one line (it names the file or flag); the hint wraps to the terminal's width.
    if (error.hint) process.stderr.write(`${wrap(sanitizeLine(error.hint), layoutWidth(process.env, process.stderr.columns), { first: '  ' })}\n`);
    if (debug && error.stack) process.stderr.write(`[${error.code}] ${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`mrso: unexpected error: ${sanitizeLine(message)}\n`);
  if (debug && error instanceof Error && error.stack) {
    process.stderr.write(`${error.stack}\n`);
  } else {
    process.stderr.write('  Run again with --debug for details, and please report it.\n');
  }
  return 70;
}
