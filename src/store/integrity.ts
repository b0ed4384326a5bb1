import { statSync } from 'node:fs';
import { UserError } from '../errors.js';
import { dbError, type Db } from './open.js';

/*
 * The history file's integrity, checked where it is cheap:
 * - at open, an existing file of 0 bytes is reported (a truncated history),
 *   never silently replaced by an empty one;
 * - at a writable open, SQLite's quick_check, every time on a small file
 *   (~2 ms for 1 MB, a few thousand answers) and once a day on a larger one
 *   (it reads every page: 2-3 s on a 1M-answer, 180 MB history), so a
 *   damaged file is not written to;
 * - after each write, the path must still name the file that was opened: a
 *   history moved, replaced, truncated or deleted mid-exam stops the
 *   command, rather than acknowledging answers that go nowhere.
 */

/** Files up to this size are quick-checked at every writable open (about 2 ms). */
export const ALWAYS_CHECK_BYTES = 1024 * 1024;
const CHECK_EVERY_MS = 24 * 60 * 60 * 1000;
const LAST_CHECK_KEY = 'integrity.lastQuickCheck';

interface Identity {
  dev: bigint;
  ino: bigint;
}

const opened = new WeakMap<Db, { path: string; identity: Identity }>();

export class DamagedHistory extends UserError {
  constructor(path: string, detail: string) {
    super(
      `the history ${path} is damaged (${detail}); nothing was written to it`,
      `Keep a copy of it, then recover what SQLite can read: sqlite3 "${path}" ".recover" | sqlite3 recovered.db, and run with --db recovered.db (or move the file aside to start afresh).`,
    );
  }
}

/** An existing history of 0 bytes was truncated: say so rather than start an empty one over it. */
export function refuseEmptyHistory(path: string): void {
  if (path === ':memory:') return;
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return;
  }
  if (size === 0) {
    throw new UserError(
      `the history ${path} is empty (0 bytes): it was truncated, and was left as it is`,
      'Restore it from a backup if you have one; or delete the empty file to start a new history.',
    );
  }
}

/** Remember which file a connection opened, for `assertStillOpenedFile`. */
export function rememberOpenedFile(db: Db, path: string): void {
  if (path === ':memory:') return;
  const identity = identityOf(path);
  if (identity) opened.set(db, { path, identity });
}

/** After a write: the path still names the file written to (not moved, replaced, truncated or deleted). */
/**
 * Run `fn` as one immediate write transaction, acknowledged only while the
 * history is still the file that was opened; SQLite failures become
 * one-line user errors. Every write of the store goes through here.
 */
export function writeTransaction<T>(db: Db, path: string, fn: () => T): T {
  try {
    const result = db.transaction(fn).immediate();
    // A history moved, replaced or deleted under us would swallow every later answer: stop before acknowledging.
    assertStillOpenedFile(db);
    return result;
  } catch (error) {
    throw dbError(error, path);
  }
}

export function assertStillOpenedFile(db: Db): void {
  const known = opened.get(db);
  if (!known) return;
  let now: (Identity & { size: bigint }) | null;
  try {
    const s = statSync(known.path, { bigint: true });
    now = { dev: s.dev, ino: s.ino, size: s.size };
  } catch {
    now = null;
  }
  const what = now === null ? 'moved or deleted' : now.dev !== known.identity.dev || now.ino !== known.identity.ino ? 'replaced by another file' : now.size === 0n ? 'truncated to 0 bytes' : null;
  if (what) {
    throw new UserError(
      `the history ${known.path} was ${what} while mrso was running; the last answer could not be kept`,
      'Put the history file back (or pass --db to where it is now) and resume with: mrso exam --resume',
    );
  }
}

/** quick_check at a writable open: always on a small file, once a day on a large one; a damaged file is refused. */
export function checkAtOpen(db: Db, path: string, now: number): void {
  if (path === ':memory:') return;
  const size = statSync(path).size;
  if (size > ALWAYS_CHECK_BYTES) {
    const last = lastCheck(db);
    if (last !== null && now - last < CHECK_EVERY_MS && now >= last) return;
  }
  quickCheck(db, path);
  if (size > ALWAYS_CHECK_BYTES) recordCheck(db, now);
}

export function quickCheck(db: Db, path: string): void {
  let result: string;
  try {
    const rows = db.pragma('quick_check(5)') as { quick_check: string }[];
    result = rows.map((r) => r.quick_check).join('; ');
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') throw new DamagedHistory(path, 'SQLite cannot read its pages');
    throw error;
  }
  if (result !== 'ok') throw new DamagedHistory(path, `quick_check: ${result.slice(0, 120)}`);
}

function lastCheck(db: Db): number | null {
  try {
    const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(LAST_CHECK_KEY) as { value: string } | undefined;
    return row ? Number(row.value) : null;
  } catch {
    return null;
  }
}

function recordCheck(db: Db, now: number): void {
  try {
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(LAST_CHECK_KEY, String(now));
  } catch {
    // A check that cannot be recorded is simply run again next time.
  }
}

function identityOf(path: string): Identity | null {
  try {
    const s = statSync(path, { bigint: true });
    return { dev: s.dev, ino: s.ino };
  } catch {
    return null;
  }
}

/** A JSON value read back from the history; a damaged one is reported as such (with the recovery steps), not as a crash. */
export function parseStoredJson<T>(text: string, path: string, what: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new DamagedHistory(path, `a damaged ${what}: ${JSON.stringify(text.slice(0, 20))}`);
  }
}
