import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { placeAddon } from '../../src/startup/sea.js';
import { tempDir } from '../helpers/cli.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const ADDON = Buffer.from('the embedded addon bytes');
const hash = createHash('sha256').update(ADDON).digest('hex').slice(0, 16);

function loadedBytes(env: NodeJS.ProcessEnv): { file: string; bytes: Buffer } {
  let seen: { file: string; bytes: Buffer } | undefined;
  placeAddon(ADDON, env, (file) => (seen = { file, bytes: readFileSync(file) }));
  return seen!;
}

describe("the standalone build's SQLite addon", () => {
  it('never loads a file planted in the cache: what is loaded is always the embedded bytes', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const cache = join(t.dir, 'cache');
    const planted = join(cache, 'mrso', hash, 'better_sqlite3.node');
    mkdirSync(join(cache, 'mrso', hash), { recursive: true, mode: 0o700 });
    writeFileSync(planted, 'planted code');
    const loaded = loadedBytes({ XDG_CACHE_HOME: cache, HOME: t.dir });
    expect(loaded.file).toBe(planted);
    expect(loaded.bytes.equals(ADDON)).toBe(true);
  });

  it('loads from a private temp folder when the cache folder is not safe, and leaves nothing there', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const cache = join(t.dir, 'shared');
    mkdirSync(join(cache, 'mrso'), { recursive: true });
    chmodSync(join(cache, 'mrso'), 0o777);
    const loaded = loadedBytes({ XDG_CACHE_HOME: cache, HOME: t.dir });
    expect(loaded.file.startsWith(join(cache, 'mrso'))).toBe(false);
    expect(loaded.bytes.equals(ADDON)).toBe(true);
    expect(() => readFileSync(loaded.file)).toThrow();
  });
});
