import Database from 'better-sqlite3';
import { closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { HistoryError, UserError } from '../errors.js';
import { MIGRATIONS } from './migrations.js';
import { sqliteAddon } from '../startup/sqlite-addon.js';
import { checkAtOpen, refuseEmptyHistory, rememberOpenedFile } from './integrity.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** Open without writing anything: no file is created and no migration runs. */
  readonly?: boolean;
}

/**
 * Open (and create or migrate) the history database. Every SQLite failure
 * becomes a one-line UserError naming the file and the fix; a file that is
 * not an mrso database is never written to.
 */
export function openDb(path: string, options: OpenOptions = {}): Db {
  const exists = path === ':memory:' || existingFile(path);
  if (options.readonly && !exists) throw new NoHistory(path);
  if (exists) refuseEmptyHistory(path);
  if (!exists) createPrivateFile(path);
  let db: Db | undefined;
  try {
    const nativeBinding = sqliteAddon();
    db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: true, ...(nativeBinding ? { nativeBinding: nativeBinding as never } : {}) });
    db.pragma('busy_timeout = 3000');
    const version = readVersion(db, path);
    if (!options.readonly) {
      // Before anything is written: a damaged file is refused, with the recovery steps.
      checkAtOpen(db, path, Date.now());
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    if (version < MIGRATIONS.length) {
      if (!options.readonly) migrate(db, version);
      else {
        // A report on a history from an older mrso: upgrade it once through a writable connection, then read.
        db.close();
        db = undefined;
        openDb(path).close();
        return openDb(path, options);
      }
    }
    rememberOpenedFile(db, path);
    return db;
  } catch (error) {
    db?.close();
    throw dbError(error, path);
  }
}

export class NoHistory extends HistoryError {
  constructor(readonly path: string) {
    super(`no history yet at ${path}`, 'Take a practice quiz first: mrso exam --mode practice --count 10', 'HISTORY_NOT_FOUND');
  }
}

/** Whether a history file is there; a folder at that path is refused by name (SQLite would call it an I/O error). */
function existingFile(path: string): boolean {
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch {
    return false;
  }
  if (isFolder) throw new HistoryError(`${path} is a folder, not a history file`, 'Pass --db with a file name, such as --db ~/mrso/history.db.', 'HISTORY_IS_FOLDER');
  return true;
}

function createPrivateFile(path: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // Created empty with mode 0600 before SQLite touches it: history is personal.
    closeSync(openSync(path, 'wx', 0o600));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    throw new HistoryError(
      `cannot create the history database ${path} (${code ?? 'error'})`,
      'Pass --db PATH (or set MRSO_DB) to a writable location.',
      'HISTORY_CANNOT_CREATE',
    );
  }
}

function readVersion(db: Db, path: string): number {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new HistoryError(
      `database ${path} was written by a newer mrso (schema ${version})`,
      'Update mrso, or pass --db PATH to use another history file.',
      'HISTORY_NEWER',
    );
  }
  if (version === 0) {
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
    if (tables.n > 0) {
      throw new HistoryError(
        `${path} is an SQLite database but not an mrso history`,
        'Pass --db PATH (or set MRSO_DB) to a new file; this one was left untouched.',
        'HISTORY_NOT_MRSO',
      );
    }
  }
  return version;
}

function migrate(db: Db, from: number): void {
  for (let v = from; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

/** The one mapping of SQLite and file-system failures, on reads and writes alike, to a message a user can act on. */
export function dbError(error: unknown, path: string): unknown {
  if (error instanceof UserError) return error;
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new HistoryError(
      `${path} is not a readable mrso database (${code === 'SQLITE_CORRUPT' ? 'corrupt' : 'not a database'})`,
      'Move it aside and run again to start a fresh history, or pass --db PATH. The file was left untouched.',
      'HISTORY_CORRUPT',
    );
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new HistoryError(
      `database ${path} is locked by another process`,
      'Close the other mrso (or program) using it and try again; nothing was lost.',
      'HISTORY_LOCKED',
    );
  }
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM') {
    return new HistoryError(
      `database ${path} cannot be written (${code})`,
      'Make the file and its folder writable, or pass --db PATH to another file.',
      'HISTORY_READONLY',
    );
  }
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR' || code.startsWith('SQLITE_IOERR')) {
    return new HistoryError(
      `could not write to ${path} (${code === 'SQLITE_FULL' ? 'disk full' : 'I/O error'})`,
      'Free some disk space (or pass --db PATH elsewhere) and run again; answers already saved are kept.',
      'HISTORY_FULL',
    );
  }
  return error;
}
