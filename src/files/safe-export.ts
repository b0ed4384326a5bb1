import { randomBytes } from 'node:crypto';
import { closeSync, constants, fsyncSync, linkSync, lstatSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';
import { sanitizeLine } from '../ui/sanitize.js';
import { kindOf } from './regular-file.js';

export interface ExportOptions {
  /** Replace an existing regular file (never a link, a device or a FIFO). */
  force?: boolean;
}

/**
 * Write an export (-o FILE) so that nothing of the user's is lost or
 * redirected: an existing file is replaced only with --force; a symbolic
 * link, a device, a FIFO or a folder is never a target; a missing folder is
 * not created. The bytes go to a temp file in the same folder, created
 * exclusively (O_EXCL, which never follows a link) under an unpredictable
 * name, then moved into place: by a hard link, which fails if the name was
 * taken meanwhile, or, with --force, by a rename.
 */
export function writeExport(path: string, content: string | Uint8Array, options: ExportOptions = {}): void {
  const shown = sanitizeLine(path);
  let temp: string | undefined;
  try {
    const folder = dirname(path);
    const existing = lstatOrNull(path);
    if (existing && !existing.isFile()) {
      throw new UserError(`will not write to ${shown}: it is ${kindOf(existing)}`, 'Choose a new file name with -o FILE (or -o - for the screen).');
    }
    if (existing && !options.force) throw new UserError(`${shown} already exists`, 'Pass --force to replace it, or choose another name with -o FILE.');
    if (!statOrNull(folder)?.isDirectory()) throw new UserError(`cannot write ${shown}: the folder ${sanitizeLine(folder)} does not exist`, 'Create the folder first, or choose another path with -o FILE.');

    temp = join(folder, `.${basename(path)}.${randomBytes(12).toString('hex')}.tmp`);
    const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o644);
    try {
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (options.force) {
      // Checked again just before the move: a link or FIFO put there meanwhile is not replaced.
      const now = lstatOrNull(path);
      if (now && !now.isFile()) throw new UserError(`will not write to ${shown}: it is ${kindOf(now)}`, 'Choose a new file name with -o FILE.');
      renameSync(temp, path);
    } else {
      placeWithoutReplacing(temp, path, shown);
    }
  } catch (error) {
    if (temp) rmSync(temp, { force: true });
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UserError(`cannot write ${shown} (${code})`, 'Choose another path with -o FILE.');
  }
}

/** A hard link fails if the name exists, so a file made between the check and now is never overwritten. */
function placeWithoutReplacing(temp: string, path: string, shown: string): void {
  try {
    linkSync(temp, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UserError(`${shown} already exists`, 'Pass --force to replace it, or choose another name with -o FILE.');
    // A file system without hard links (some network and FAT drives): the check above is all we have.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    if (lstatOrNull(path)) throw new UserError(`${shown} already exists`, 'Pass --force to replace it, or choose another name with -o FILE.');
    renameSync(temp, path);
    return;
  }
  rmSync(temp, { force: true });
}

function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
