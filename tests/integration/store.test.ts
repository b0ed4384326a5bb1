import Database from 'better-sqlite3';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/open.js';
import { HistoryStore, connectionOf } from '../../src/store/history.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { UserError } from '../../src/errors.js';
import { tempDir } from '../helpers/cli.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function freshStore() {
  const t = tempDir();
  cleanup = t.cleanup;
  const path = `${t.dir}/sub/history.db`;
  return { path, store: new HistoryStore(openDb(path), path) };
}

const row = (position: number, response: string | null, correct: boolean) => ({
  attemptId: 1,
  position,
  itemId: `m1-t-00${position}`,
  itemHash: 'h',
  module: 1,
  topic: 't',
  domain: 'clinical',
  choiceOrder: ['A', 'B'],
  response,
  correct,
  flagged: false,
  timeMs: 1000,
  answeredAt: '2026-01-01T00:00:00.000Z',
});

describe('history database', () => {
  it('is created private (0600), in WAL mode, at the latest schema version', () => {
    const { path, store } = freshStore();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(connectionOf(store).pragma('journal_mode', { simple: true })).toBe('wal');
    expect(connectionOf(store).pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(connectionOf(store).pragma('foreign_keys', { simple: true })).toBe(1);
    store.close();
  });

  it('keeps every answer written, even when the process never closes the database', () => {
    const { path, store } = freshStore();
    const id = store.createAttempt({
      mode: 'exam',
      seed: 's',
      params: { count: 3, modules: [], bank: 'b' },
      timeLimitS: 60,
      startedAt: '2026-01-01T00:00:00.000Z',
      items: [1, 2, 3].map((p) => ({ position: p, itemId: `m1-t-00${p}`, itemHash: 'h', choiceOrder: ['A', 'B'] })),
    });
    store.saveResponse(row(1, 'A', true), { elapsedMs: 1000, currentPos: 1 });
    store.saveResponse(row(2, 'B', false), { elapsedMs: 2000, currentPos: 2 });
    store.saveResponse({ ...row(2, 'A', true), flagged: true }, { elapsedMs: 3000, currentPos: 2 });
    // A second connection sees the committed rows without the first one closing (as after kill -9).
    const other = new Database(path, { readonly: true });
    const rows = other.prepare('SELECT position, response, correct, flagged FROM responses ORDER BY position').all();
    const attempt = other.prepare('SELECT elapsed_ms, current_pos, status FROM attempts WHERE id = ?').get(id);
    other.close();
    expect(rows).toEqual([
      { position: 1, response: '"A"', correct: 1, flagged: 0 },
      { position: 2, response: '"A"', correct: 1, flagged: 1 },
    ]);
    expect(attempt).toEqual({ elapsed_ms: 3000, current_pos: 2, status: 'in_progress' });
    expect(store.latestUnfinished()?.id).toBe(id);
    store.close();
  });

  it('counts only practice answers and submitted exams in the tallies', () => {
    const { store } = freshStore();
    for (const mode of ['practice', 'exam'] as const) {
      const id = store.createAttempt({ mode, seed: 's', params: { count: 1, modules: [], bank: 'b' }, timeLimitS: null, startedAt: 'x', items: [] });
      store.saveResponse({ ...row(1, 'A', true), attemptId: id }, { elapsedMs: 0, currentPos: 0 });
    }
    const now = '2026-01-01T00:00:00.000Z';
    expect(store.topicBuckets({ now })).toEqual([{ module: 1, topic: 't', domain: 'clinical', weeksAgo: 0, answered: 1, correct: 1 }]);
    store.finishAttempt(2, { correct: 1, total: 1, passed: true, finishedAt: 'y', elapsedMs: 5 });
    expect(store.topicBuckets({ now })[0]?.answered).toBe(2);
    store.close();
  });

  it('refuses a file that is not a database and leaves it byte for byte as it was', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = `${t.dir}/history.db`;
    writeFileSync(path, 'this is not sqlite, it is my shopping list\n'.repeat(200));
    const before = readFileSync(path);
    expect(() => openDb(path)).toThrowError(/is not a readable mrso database/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses another program\'s SQLite database without touching it', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = `${t.dir}/other.db`;
    const other = new Database(path);
    other.exec('CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES (1)');
    other.close();
    const before = readFileSync(path);
    expect(() => openDb(path)).toThrowError(/not an mrso history/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses a database from a newer mrso', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = `${t.dir}/new.db`;
    const db = new Database(path);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openDb(path)).toThrowError(UserError);
    expect(() => openDb(path)).toThrowError(/newer mrso/);
  });

  it('upgrades a history from an older mrso when a report opens it read-only, keeping every answer', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = `${t.dir}/old.db`;
    // A file at schema 4, as an mrso from before migration 5 left it.
    const old = new Database(path);
    for (const [v, sql] of MIGRATIONS.slice(0, 4).entries()) {
      old.exec(sql);
      old.pragma(`user_version = ${v + 1}`);
    }
    old.exec("INSERT INTO attempts (mode, status, started_at, finished_at, seed, params, score_correct, score_total, passed) VALUES ('exam', 'submitted', '2026-11-01T10:00:00Z', '2026-11-01T11:00:00Z', 's', '{}', 80, 100, 1)");
    old.close();

    const db = openDb(path, { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'attempts_finished'").get()).toEqual({ n: 1 });
      expect(db.prepare('SELECT score_correct FROM attempts').all()).toEqual([{ score_correct: 80 }]);
    } finally {
      db.close();
    }
  });

  it('says the database is locked when another process holds a write lock', () => {
    const { path, store } = freshStore();
    const locker = new Database(path);
    locker.exec('BEGIN EXCLUSIVE');
    try {
      expect(() => store.saveProgress(1, { elapsedMs: 1, currentPos: 0 })).toThrowError(/is locked by another process/);
    } finally {
      locker.exec('ROLLBACK');
      locker.close();
      store.close();
    }
  });
});
