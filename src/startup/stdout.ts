import { fstatSync, writeSync } from 'node:fs';

/*
 * Standard output without its stream, until something needs the stream.
 * Setting up process.stdout on a pipe loads node:net and the stream code
 * (and node:tty does too): ~4 ms of a start. A first exam question needs
 * none of it: it is written to file descriptor 1 directly, and readline (and
 * with it the stream code) loads after the question is on screen.
 */

/** What to do with a failed write to standard output (main.ts: EPIPE ends quietly, anything else is one line). */
let failed: ((error: NodeJS.ErrnoException) => void) | undefined;
/** Once the stream exists (or took part of the output: a full non-blocking pipe), the rest follows it there, in order. */
let viaStream = false;

/**
 * Handle standard output's write errors with `onError`, whichever way the
 * text goes: direct writes call it, and the stream gets it as its 'error'
 * handler when (and if) it is ever set up, without setting it up now.
 */
export function onStdoutError(onError: (error: NodeJS.ErrnoException) => void): void {
  failed = onError;
  whenStdoutCreated((stream) => {
    // From now on everything goes through the stream: where it writes asynchronously (a pipe on macOS), a
    // direct write could overtake text still queued in it.
    viaStream = true;
    stream.on('error', onError);
  });
}

/** Write text to standard output now, synchronously, as process.stdout does on Linux. */
export function writeOut(text: string): void {
  if (viaStream) {
    process.stdout.write(text);
    return;
  }
  const bytes = Buffer.from(text);
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(1, bytes, written);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'EAGAIN') {
      viaStream = true;
      process.stdout.write(bytes.subarray(written));
    } else if (failed) failed(e);
    else throw e;
  }
}

/** Standard output as the writable the line UI takes: every write goes through writeOut. */
export const directStdout = { write: (text: string) => (writeOut(text), true) } as unknown as NodeJS.WritableStream;

/**
 * Whether a file descriptor is a terminal, as tty.isatty says, without
 * loading node:tty for a pipe or a file: only a character device can be a
 * terminal (/dev/null is one too, so tty decides those).
 */
export function isTerminal(fd: number): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return process.getBuiltinModule('node:tty').isatty(fd);
}

/** Run `use` on process.stdout when it is first set up (at once if it may have been); reading it here would set it up. */
function whenStdoutCreated(use: (stream: NodeJS.WriteStream) => void): void {
  const lazy = Object.getOwnPropertyDescriptor(process, 'stdout');
  if (!lazy?.get || !lazy.configurable) {
    use(process.stdout);
    return;
  }
  const get = lazy.get;
  Object.defineProperty(process, 'stdout', {
    configurable: true,
    enumerable: lazy.enumerable ?? false,
    get() {
      const stream = get.call(process) as NodeJS.WriteStream;
      // Once set up, process.stdout reads as before.
      Object.defineProperty(process, 'stdout', { ...lazy, get });
      use(stream);
      return stream;
    },
  });
}
