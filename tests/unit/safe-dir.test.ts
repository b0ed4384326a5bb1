import { chmodSync, lstatSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { safeCacheDir } from '../../src/files/safe-dir.js';
import { tempDir } from '../helpers/cli.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function dir(): string {
  const t = tempDir();
  cleanup = t.cleanup;
  return t.dir;
}

describe('which cache folders mrso trusts', () => {
  it('creates a missing folder 0700 and uses it', () => {
    const path = join(dir(), 'a', 'b');
    expect(safeCacheDir(path)).toBe(path);
    expect(lstatSync(path).mode & 0o777).toBe(0o700);
  });

  it('never uses a relative path (an empty HOME would mean the current folder)', () => {
    expect(safeCacheDir('.cache/mrso')).toBeNull();
  });

  it('refuses a folder that group or others can write', () => {
    const path = join(dir(), 'shared');
    mkdirSync(path);
    chmodSync(path, 0o777);
    expect(safeCacheDir(path)).toBeNull();
    chmodSync(path, 0o775);
    expect(safeCacheDir(path)).toBeNull();
  });

  it('refuses a symlink, even to a private folder', () => {
    const root = dir();
    mkdirSync(join(root, 'real'), { mode: 0o700 });
    symlinkSync(join(root, 'real'), join(root, 'link'));
    expect(safeCacheDir(join(root, 'link'))).toBeNull();
  });

  it('tightens a folder of its own that others can only read to 0700', () => {
    const path = join(dir(), 'readable');
    mkdirSync(path);
    chmodSync(path, 0o755);
    expect(safeCacheDir(path)).toBe(path);
    expect(lstatSync(path).mode & 0o777).toBe(0o700);
  });
});

describe('the folder above a cache folder', () => {
  it('refuses a cache folder whose parent others can write without the sticky bit, and accepts one under a sticky parent', () => {
    const root = dir();
    const open = join(root, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    expect(safeCacheDir(join(open, 'mrso'))).toBeNull();
    chmodSync(open, 0o1777);
    expect(safeCacheDir(join(open, 'mrso'))).toBe(join(open, 'mrso'));
  });
});
