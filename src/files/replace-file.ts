import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Replace a file whole: a temp file beside it, then a rename, so that a
 * reader never sees half of it and a failed write (a full disk) leaves
 * nothing behind. `durable` syncs the temp file before the rename, so that a
 * power cut cannot leave the new name on unwritten blocks. Errors are thrown
 * as they come: each caller decides what a failed write means.
 */
export function replaceFile(path: string, content: string | Uint8Array, options: { durable?: boolean; mode?: number } = {}): void {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    const fd = openSync(temp, 'w', options.mode);
    try {
      writeFileSync(fd, content);
      if (options.durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
