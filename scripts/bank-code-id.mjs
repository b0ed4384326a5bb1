// An id of the code that parses and checks the bank (and of the locked
// dependency versions, the YAML parser and zod among them). Built into dist/
// so that a cached compiled bank never outlives a change to that code, even
// between two releases with the same version number.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function bankCodeId(root) {
  const inFolder = (folder) => readdirSync(join(root, 'src', folder)).sort().map((name) => join('src', folder, name));
  const files = [...inFolder('bank'), ...inFolder('bank-source'), 'package-lock.json'];
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(join(root, file)));
  return hash.digest('hex').slice(0, 16);
}
