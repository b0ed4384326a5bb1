import { closeSync, constants, fstatSync, openSync, readSync, lstatSync } from 'node:fs';

/** Why a file was not read: it is not a regular file, or it is larger than allowed. */
export class UnreadableFile extends Error {
  constructor(
    readonly reason: 'not-regular' | 'too-large',
    message: string,
  ) {
    super(message);
    this.name = 'UnreadableFile';
  }
}

/**
 * Read a regular file of at most `maxBytes`. A FIFO, a device (a link to
 * /dev/zero), a folder or a socket is refused without reading it: opened
 * non-blocking, so a FIFO with no writer cannot hang us, and checked on the
 * open descriptor, so the file cannot be swapped between check and read.
 * The limit is enforced while reading, not from a size that can change.
 * File-system errors (ENOENT, EACCES) are thrown as they come.
 */
export function readRegularFile(path: string, maxBytes: number): Buffer {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new UnreadableFile('not-regular', `${kindOf(stat)}, not a regular file`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) throw new UnreadableFile('too-large', `larger than the ${formatBytes(maxBytes)} allowed`);
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** Whether anything (a file, a folder, a dangling link) exists at `path`. */
export function pathExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

export function kindOf(stat: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean; isSymbolicLink(): boolean }): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

function formatBytes(n: number): string {
  return n >= 1048576 ? `${(n / 1048576).toFixed(n % 1048576 === 0 ? 0 : 1)} MB` : `${Math.ceil(n / 1024)} KB`;
}
