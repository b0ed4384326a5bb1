import type { BigIntStats } from 'node:fs';

/*
 * Who a file is on disk, as git's index knows it: device, inode, size, and
 * modify and change times in nanoseconds. The kernel sets the change time on
 * every write and no ordinary program can set it back, so a rewritten file
 * shows a new signature, unless it was rewritten within one tick of the file
 * system's clock (a few ms on Linux) after the signature was taken. So a
 * signature is recorded only once the file has settled.
 */

/** How long a file must have been left alone before its signature is trusted: more than any file system's timestamp resolution (FAT's is 2 s). */
const SETTLED_MS = 3000;

export function statSignature(stat: BigIntStats): string[] {
  return [stat.dev, stat.ino, stat.size, stat.mtimeNs, stat.ctimeNs].map(String);
}

/** The later of a file's modify and change times, in ms. */
export function lastChangeMs(stat: BigIntStats): number {
  return Number((stat.mtimeNs > stat.ctimeNs ? stat.mtimeNs : stat.ctimeNs) / 1_000_000n);
}

export function hasSettled(lastChangeMs: number, now: number): boolean {
  return lastChangeMs < now - SETTLED_MS;
}
