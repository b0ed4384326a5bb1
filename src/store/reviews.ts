import type { Db } from './open.js';
import { dbError } from './open.js';
import { assertStillOpenedFile } from './integrity.js';
import type { MemoryState, RatingValue } from '../cards/scheduler.js';

export interface ReviewRow {
  itemId: string;
  kind: 'card' | 'question';
  source: 'cards' | 'exam' | 'practice';
  rating: RatingValue;
  reviewedAt: string;
  elapsedMs: number;
  retention: number;
  before: MemoryState | null;
  after: MemoryState;
}

/** The append-only review log and the settings table. */
export class ReviewStore {
  constructor(
    private readonly db: Db,
    readonly path: string,
  ) {}

  /** Reads map SQLite's failures as writes do (dbError). */
  private read<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw dbError(error, this.path);
    }
  }

  /** Append one rating in its own transaction; returns the row id. */
  append(row: ReviewRow): number {
    try {
      const id = Number(
        this.db
          .prepare(
            `INSERT INTO reviews (item_id, kind, source, rating, reviewed_at, elapsed_ms, retention, state_before, state_after)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(row.itemId, row.kind, row.source, row.rating, row.reviewedAt, Math.round(row.elapsedMs), row.retention, row.before ? JSON.stringify(row.before) : null, JSON.stringify(row.after)).lastInsertRowid,
      );
      // Acknowledged only while the history is still the file opened (not moved, replaced or deleted).
      assertStillOpenedFile(this.db);
      return id;
    } catch (error) {
      throw dbError(error, this.path);
    }
  }

  /**
   * Rate an item on top of its latest logged state, read and written in one
   * write transaction: two sessions rating the same card both count, in order
   * (neither rating is computed from a stale state and lost).
   */
  rateOnLatest(itemId: string, next: (before: MemoryState | null) => Omit<ReviewRow, 'itemId' | 'before'>): { id: number; before: MemoryState | null; after: MemoryState } {
    try {
      return this.db
        .transaction(() => {
          const row = this.db.prepare('SELECT state_after FROM reviews WHERE item_id = ? ORDER BY id DESC LIMIT 1').get(itemId) as { state_after: string } | undefined;
          const before = row ? (JSON.parse(row.state_after) as MemoryState) : null;
          const rest = next(before);
          return { id: this.append({ ...rest, itemId, before }), before, after: rest.after };
        })
        .immediate();
    } catch (error) {
      throw dbError(error, this.path);
    }
  }

  /**
   * Undo a rating: the row is deleted, in one transaction and only while it is
   * still the item's latest (the log otherwise only grows; an undone rating
   * leaves no trace, as in Anki). False when another session rated it since.
   */
  undo(id: number, itemId: string): boolean {
    try {
      return this.db.prepare('DELETE FROM reviews WHERE id = ? AND id = (SELECT max(id) FROM reviews WHERE item_id = ?)').run(id, itemId).changes === 1;
    } catch (error) {
      throw dbError(error, this.path);
    }
  }

  /** Hide a card until `until` (the start of the next learning day). */
  bury(itemId: string, until: string): void {
    this.writeFlag('INSERT INTO card_flags (item_id, buried_until) VALUES (?, ?) ON CONFLICT (item_id) DO UPDATE SET buried_until = excluded.buried_until', itemId, until);
  }

  suspend(itemId: string): void {
    this.writeFlag('INSERT INTO card_flags (item_id, suspended) VALUES (?, 1) ON CONFLICT (item_id) DO UPDATE SET suspended = 1', itemId);
  }

  /** False when the item was not suspended. */
  unsuspend(itemId: string): boolean {
    return this.writeFlag('UPDATE card_flags SET suspended = 0 WHERE item_id = ? AND suspended = 1', itemId) === 1;
  }

  /** Items set aside at `now`: suspended, or buried until later. */
  setAside(now: string): Set<string> {
    return this.read(() => {
      const rows = this.db.prepare('SELECT item_id FROM card_flags WHERE suspended = 1 OR buried_until > ?').all(now) as { item_id: string }[];
      return new Set(rows.map((r) => r.item_id));
    });
  }

  /** Cards buried until after `now`. */
  buried(now: string): Set<string> {
    return this.read(() => {
      const rows = this.db.prepare('SELECT item_id FROM card_flags WHERE suspended = 0 AND buried_until > ?').all(now) as { item_id: string }[];
      return new Set(rows.map((r) => r.item_id));
    });
  }

  suspended(): string[] {
    return this.read(() => {
      return (this.db.prepare('SELECT item_id FROM card_flags WHERE suspended = 1 ORDER BY item_id').all() as { item_id: string }[]).map((r) => r.item_id);
    });
  }

  private writeFlag(sql: string, ...params: string[]): number {
    try {
      return this.db.prepare(sql).run(...params).changes;
    } catch (error) {
      throw dbError(error, this.path);
    }
  }

  /** The latest state of every item with a review (the log's last row per item). */
  latestMemory(kind?: 'card' | 'question'): Map<string, MemoryState> {
    return this.read(() => {
      const rows = this.db
        .prepare(
          `SELECT item_id, state_after FROM reviews WHERE id IN (SELECT max(id) FROM reviews GROUP BY item_id)
           AND (@kind IS NULL OR kind = @kind)`,
        )
        .all({ kind: kind ?? null }) as { item_id: string; state_after: string }[];
      return new Map(rows.map((r) => [r.item_id, JSON.parse(r.state_after) as MemoryState]));
    });
  }

  history(itemId: string): { rating: RatingValue; reviewedAt: string; retention: number }[] {
    return this.read(() => {
      return (
        this.db.prepare('SELECT rating, reviewed_at, retention FROM reviews WHERE item_id = ? ORDER BY id').all(itemId) as {
          rating: RatingValue;
          reviewed_at: string;
          retention: number;
        }[]
      ).map((r) => ({ rating: r.rating, reviewedAt: r.reviewed_at, retention: r.retention }));
    });
  }

  /** New items first seen (first review) since `since`, to honour the daily new-card limit. */
  introducedSince(since: string, kind: 'card' | 'question'): number {
    return this.read(() => {
      const row = this.db
        .prepare(
          `SELECT count(*) AS n FROM (SELECT item_id, min(reviewed_at) AS first FROM reviews WHERE kind = ? GROUP BY item_id) WHERE first >= ?`,
        )
        .get(kind, since) as { n: number };
      return row.n;
    });
  }

  /** What was done since `since` (the start of the learning day): new items first seen, and other items rated. */
  doneSince(since: string, kind: 'card' | 'question'): { introduced: number; reviewed: number } {
    return this.read(() => {
      const row = this.db
        .prepare(
          `WITH today AS (SELECT DISTINCT item_id FROM reviews WHERE kind = @kind AND reviewed_at >= @since),
                fresh AS (SELECT item_id FROM reviews WHERE kind = @kind AND item_id IN (SELECT item_id FROM today) GROUP BY item_id HAVING min(reviewed_at) >= @since)
           SELECT (SELECT count(*) FROM fresh) AS introduced, (SELECT count(*) FROM today) - (SELECT count(*) FROM fresh) AS reviewed`,
        )
        .get({ kind, since }) as { introduced: number; reviewed: number };
      return row;
    });
  }

  /** Ratings given since `since` (for the end-of-session and stats summaries). */
  ratingsSince(since: string, kind?: 'card' | 'question'): { rating: RatingValue; stateBefore: number | null }[] {
    return this.read(() => {
      const rows = this.db
        .prepare(`SELECT rating, state_before FROM reviews WHERE reviewed_at >= ? AND (@kind IS NULL OR kind = @kind) ORDER BY id`)
        .all(since, { kind: kind ?? null }) as { rating: RatingValue; state_before: string | null }[];
      return rows.map((r) => ({ rating: r.rating, stateBefore: r.state_before ? (JSON.parse(r.state_before) as MemoryState).state : null }));
    });
  }

  getSetting(key: string): string | undefined {
    return this.read(() => {
      const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
      return row?.value;
    });
  }

  allSettings(): Record<string, string> {
    return this.read(() => {
      const rows = this.db.prepare('SELECT key, value FROM settings ORDER BY key').all() as { key: string; value: string }[];
      return Object.fromEntries(rows.map((r) => [r.key, r.value]));
    });
  }

  setSetting(key: string, value: string | null): void {
    try {
      if (value === null) this.db.prepare('DELETE FROM settings WHERE key = ?').run(key);
      else this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
    } catch (error) {
      throw dbError(error, this.path);
    }
  }
}
