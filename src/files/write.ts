import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { UserError } from '../errors.js';
import { replaceFile } from './replace-file.js';

/** Write a whole file atomically (temp file + rename), so a failed write leaves no half file. */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    replaceFile(path, content);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UserError(`cannot write ${path} (${code})`, 'Choose another path with -o FILE.');
  }
}
