import Database from 'better-sqlite3';
import { closeSync, openSync, writeSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALWAYS_CHECK_BYTES, checkAtOpen } from '../../src/store/integrity.js';
import { openDb } from '../../src/store/open.js';
import { tempDir } from '../helpers/cli.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('mrso-integrity-'));
});
afterEach(() => cleanup());

/** A history past the every-open size, then one of its table pages scribbled over. */
function largeDamagedHistory(path: string): void {
  const db = openDb(path);
  db.exec('CREATE TABLE filler (x TEXT)');
  const insert = db.prepare('INSERT INTO filler (x) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 3000; i++) insert.run(`${i}`.repeat(100).slice(0, 400));
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

describe('quick check schedule', () => {
  it('checks a large history once a day: damage is found at the first open of a day, not at every open', () => {
    const path = `${dir}/h.db`;
    largeDamagedHistory(path);
    const day = 24 * 3600 * 1000;
    const t0 = Date.UTC(2026, 11, 7, 9);
    const conn = new Database(path);
    expect(conn.pragma('page_count', { simple: true }) as number * (conn.pragma('page_size', { simple: true }) as number)).toBeGreaterThan(ALWAYS_CHECK_BYTES);
    checkAtOpen(conn, path, t0); // healthy: checked, and the time recorded
    const root = (conn.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'filler'").get() as { rootpage: number }).rootpage;
    const size = conn.pragma('page_size', { simple: true }) as number;
    conn.close();
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(size - 200, 0xa5), 0, size - 200, (root - 1) * size + 100);
    closeSync(fd);
    const again = new Database(path);
    try {
      expect(() => checkAtOpen(again, path, t0 + day / 2)).not.toThrow();
      expect(() => checkAtOpen(again, path, t0 + day + 1)).toThrow(/is damaged/);
    } finally {
      again.close();
    }
  });
});
