import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRegularFile } from '../../src/files/regular-file.js';
import { writeExport } from '../../src/files/safe-export.js';
import { tempDir } from '../helpers/cli.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('mrso-files-'));
});
afterEach(() => cleanup());

describe('export writer (-o FILE)', () => {
  it('writes a new file and leaves no temp file beside it', () => {
    writeExport(join(dir, 'out.csv'), 'a,b\n');
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe('a,b\n');
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });

  it('never replaces an existing file without --force, and does with it', () => {
    writeFileSync(join(dir, 'notes.md'), 'my notes');
    expect(() => writeExport(join(dir, 'notes.md'), 'export')).toThrow(/notes\.md already exists/);
    expect(readFileSync(join(dir, 'notes.md'), 'utf8')).toBe('my notes');
    writeExport(join(dir, 'notes.md'), 'export', { force: true });
    expect(readFileSync(join(dir, 'notes.md'), 'utf8')).toBe('export');
    expect(readdirSync(dir)).toEqual(['notes.md']);
  });

  it('refuses a symbolic link as the target, even with --force, and leaves what it points at alone', () => {
    writeFileSync(join(dir, 'precious'), 'keep me');
    symlinkSync(join(dir, 'precious'), join(dir, 'link.md'));
    expect(() => writeExport(join(dir, 'link.md'), 'x', { force: true })).toThrow(/will not write to .*link\.md: it is a symbolic link/);
    expect(readFileSync(join(dir, 'precious'), 'utf8')).toBe('keep me');
  });

  it('refuses a FIFO, a device and a folder as the target', () => {
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    expect(() => writeExport(join(dir, 'fifo'), 'x', { force: true })).toThrow(/it is a FIFO/);
    expect(() => writeExport('/dev/null', 'x', { force: true })).toThrow(/it is a device/);
    mkdirSync(join(dir, 'sub'));
    expect(() => writeExport(join(dir, 'sub'), 'x', { force: true })).toThrow(/it is a folder/);
  });

  it('does not create a missing folder', () => {
    expect(() => writeExport(join(dir, 'no', 'such', 'out.md'), 'x')).toThrow(/the folder .*no\/such does not exist/);
    expect(existsSync(join(dir, 'no'))).toBe(false);
  });
});

describe('regular-file reader', () => {
  it('reads a regular file (also through a link to one)', () => {
    writeFileSync(join(dir, 'a.yaml'), 'x: 1\n');
    symlinkSync(join(dir, 'a.yaml'), join(dir, 'b.yaml'));
    expect(readRegularFile(join(dir, 'b.yaml'), 100).toString()).toBe('x: 1\n');
  });

  it('refuses a link to /dev/zero, a FIFO with no writer and a folder at once, without hanging', () => {
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    execFileSync('mkfifo', [join(dir, 'fifo.yaml')]);
    expect(() => readRegularFile(join(dir, 'zero.yaml'), 1024)).toThrow(/a device, not a regular file/);
    expect(() => readRegularFile(join(dir, 'fifo.yaml'), 1024)).toThrow(/a FIFO \(named pipe\), not a regular file/);
    expect(() => readRegularFile(dir, 1024)).toThrow(/a folder, not a regular file/);
  });

  it('stops reading at the size limit', () => {
    writeFileSync(join(dir, 'big.yaml'), Buffer.alloc(2048, 0x61));
    expect(() => readRegularFile(join(dir, 'big.yaml'), 1024)).toThrow(/larger than the 1 KB allowed/);
    expect(readRegularFile(join(dir, 'big.yaml'), 2048).length).toBe(2048);
  });
});
