import type { Db } from './open.js';
import { dbError } from './open.js';
import { assertStillOpenedFile } from './integrity.js';
import type { Response } from '../bank/schema.js';

export type AttemptMode = 'exam' | 'practice';

export interface AttemptParams {
  count: number;
  modules: number[];
  bank: string;
}

export interface AttemptRow {
  id: number;
  mode: AttemptMode;
  status: 'in_progress' | 'submitted' | 'abandoned';
  startedAt: string;
  finishedAt: string | null;
  seed: string;
  params: AttemptParams;
  timeLimitS: number | null;
  elapsedMs: number;
  currentPos: number;
  scoreCorrect: number | null;
  scoreTotal: number | null;
  passed: boolean | null;
}

export interface AttemptItemRow {
  position: number;
  itemId: string;
  itemHash: string;
  choiceOrder: string[];
}

export interface ResponseRow {
  attemptId: number;
  position: number;
  itemId: string;
  itemHash: string;
  module: number;
  topic: string;
  domain: string;
  choiceOrder: string[];
  response: Response | null;
  correct: boolean;
  flagged: boolean;
  timeMs: number;
  answeredAt: string;
}

interface RawAttempt {
  id: number;
  mode: AttemptMode;
  status: AttemptRow['status'];
  started_at: string;
  finished_at: string | null;
  seed: string;
  params: string;
  time_limit_s: number | null;
  elapsed_ms: number;
  current_pos: number;
  score_correct: number | null;
  score_total: number | null;
  passed: number | null;
}

/** Exam and practice history: every write is its own transaction. */
export class HistoryStore {
  constructor(
    readonly db: Db,
    readonly path: string,
  ) {}

  private lastAnswersStatement: ReturnType<Db['prepare']> | undefined;

  /** Run a write, mapping SQLite errors (full disk, locked) to user errors. */
  private write<T>(fn: () => T): T {
    try {
      const result = this.db.transaction(fn).immediate();
      assertStillOpenedFile(this.db);
      return result;
    } catch (error) {
      throw dbError(error, this.path);
    }
  }

  createAttempt(input: {
    mode: AttemptMode;
    seed: string;
    params: AttemptParams;
    timeLimitS: number | null;
    startedAt: string;
    items: AttemptItemRow[];
  }): number {
    return this.write(() => {
      const info = this.db
        .prepare('INSERT INTO attempts (mode, started_at, seed, params, time_limit_s) VALUES (?, ?, ?, ?, ?)')
        .run(input.mode, input.startedAt, input.seed, JSON.stringify(input.params), input.timeLimitS);
      const id = Number(info.lastInsertRowid);
      const insert = this.db.prepare(
        'INSERT INTO attempt_items (attempt_id, position, item_id, item_hash, choice_order) VALUES (?, ?, ?, ?, ?)',
      );
      for (const item of input.items) {
        insert.run(id, item.position, item.itemId, item.itemHash, JSON.stringify(item.choiceOrder));
      }
      return id;
    });
  }

  /** Record (or replace) the answer and flag for one item, with the time used so far. */
  saveResponse(row: ResponseRow, progress: { elapsedMs: number; currentPos: number }): void {
    this.write(() => {
      this.db
        .prepare(
          `INSERT INTO responses (attempt_id, position, item_id, item_hash, module, topic, domain, choice_order,
             response, correct, flagged, time_ms, answered_at)
           VALUES (@attemptId, @position, @itemId, @itemHash, @module, @topic, @domain, @choiceOrder,
             @response, @correct, @flagged, @timeMs, @answeredAt)
           ON CONFLICT (attempt_id, position) DO UPDATE SET
             response = excluded.response, correct = excluded.correct, flagged = excluded.flagged,
             time_ms = excluded.time_ms, answered_at = excluded.answered_at, item_hash = excluded.item_hash`,
        )
        .run({
          ...row,
          choiceOrder: JSON.stringify(row.choiceOrder),
          response: row.response === null ? null : JSON.stringify(row.response),
          correct: row.correct ? 1 : 0,
          flagged: row.flagged ? 1 : 0,
        });
      this.saveProgressStatement().run(Math.round(progress.elapsedMs), progress.currentPos, row.attemptId);
    });
  }

  saveProgress(attemptId: number, progress: { elapsedMs: number; currentPos: number }): void {
    this.write(() => this.saveProgressStatement().run(Math.round(progress.elapsedMs), progress.currentPos, attemptId));
  }

  private saveProgressStatement() {
    return this.db.prepare('UPDATE attempts SET elapsed_ms = ?, current_pos = ? WHERE id = ?');
  }

  finishAttempt(attemptId: number, result: { correct: number; total: number; passed: boolean; finishedAt: string; elapsedMs: number }): void {
    this.write(() =>
      this.db
        .prepare(
          `UPDATE attempts SET status = 'submitted', finished_at = ?, score_correct = ?, score_total = ?, passed = ?, elapsed_ms = ?
           WHERE id = ?`,
        )
        .run(result.finishedAt, result.correct, result.total, result.passed ? 1 : 0, Math.round(result.elapsedMs), attemptId),
    );
  }

  abandonAttempt(attemptId: number): void {
    this.write(() => this.db.prepare("UPDATE attempts SET status = 'abandoned' WHERE id = ?").run(attemptId));
  }

  saveRecord(code: string, attemptId: number, name: string, issuedAt: string): void {
    this.write(() =>
      this.db.prepare('INSERT INTO records (code, attempt_id, name, issued_at) VALUES (?, ?, ?, ?) ON CONFLICT (code) DO NOTHING').run(code, attemptId, name, issuedAt),
    );
  }

  findRecord(code: string): { attemptId: number; name: string } | undefined {
    const row = this.db.prepare('SELECT attempt_id, name FROM records WHERE code = ?').get(code) as { attempt_id: number; name: string } | undefined;
    return row && { attemptId: row.attempt_id, name: row.name };
  }

  /** Submitted mock exams, newest first. */
  submittedExams(): AttemptRow[] {
    const rows = this.db.prepare("SELECT * FROM attempts WHERE mode = 'exam' AND status = 'submitted' ORDER BY id DESC").all() as RawAttempt[];
    return rows.map(toAttempt);
  }

  latestUnfinished(): AttemptRow | undefined {
    const raw = this.db
      .prepare("SELECT * FROM attempts WHERE status = 'in_progress' ORDER BY id DESC LIMIT 1")
      .get() as RawAttempt | undefined;
    return raw && toAttempt(raw);
  }

  attempt(id: number): AttemptRow | undefined {
    const raw = this.db.prepare('SELECT * FROM attempts WHERE id = ?').get(id) as RawAttempt | undefined;
    return raw && toAttempt(raw);
  }

  attemptItems(attemptId: number): AttemptItemRow[] {
    const rows = this.db
      .prepare('SELECT position, item_id, item_hash, choice_order FROM attempt_items WHERE attempt_id = ? ORDER BY position')
      .all(attemptId) as { position: number; item_id: string; item_hash: string; choice_order: string }[];
    return rows.map((r) => ({ position: r.position, itemId: r.item_id, itemHash: r.item_hash, choiceOrder: JSON.parse(r.choice_order) as string[] }));
  }

  responses(attemptId: number): ResponseRow[] {
    const rows = this.db.prepare('SELECT * FROM responses WHERE attempt_id = ? ORDER BY position').all(attemptId) as RawResponse[];
    return rows.map(toResponse);
  }

  /** For each id, whether its latest answer was right; undefined for an item never answered (for the draw). */
  lastAnswersOf(ids: readonly string[]): (boolean | undefined)[] {
    // The ids go in as one JSON list, each looked up by primary key; back come, in one row, the list positions
    // of those last answered right and wrong (better-sqlite3 builds an object per row, eight times slower).
    // Prepared once: the draw asks a batch at a time, and preparing costs about as much as running.
    this.lastAnswersStatement ??= this.db.prepare(
      `SELECT json_group_array(j.key) FILTER (WHERE s.last_correct = 1) AS rightAt, json_group_array(j.key) FILTER (WHERE s.last_correct = 0) AS wrongAt
       FROM json_each(?) j JOIN item_stats s ON s.item_id = j.value AND s.answered > 0`,
    );
    const row = this.lastAnswersStatement.get(JSON.stringify(ids)) as { rightAt: string; wrongAt: string };
    const last: (boolean | undefined)[] = ids.map(() => undefined);
    for (const k of JSON.parse(row.rightAt) as number[]) last[k] = true;
    for (const k of JSON.parse(row.wrongAt) as number[]) last[k] = false;
    return last;
  }

  /** Every answer of the items ever missed or flagged, oldest first (for review sets). */
  answerTrail(): { itemId: string; answered: boolean; correct: boolean; flagged: boolean; answeredAt: string }[] {
    const rows = this.db
      .prepare(
        `SELECT r.item_id, r.response IS NOT NULL AS answered, r.correct, r.flagged, r.answered_at FROM responses r JOIN attempts a ON a.id = r.attempt_id
         WHERE (r.response IS NOT NULL OR r.flagged = 1) AND (a.mode = 'practice' OR a.status = 'submitted')
           AND r.item_id IN (SELECT item_id FROM responses WHERE (correct = 0 AND response IS NOT NULL) OR flagged = 1)
         ORDER BY r.answered_at`,
      )
      .all() as { item_id: string; answered: number; correct: number; flagged: number; answered_at: string }[];
    return rows.map((r) => ({ itemId: r.item_id, answered: r.answered === 1, correct: r.correct === 1, flagged: r.flagged === 1, answeredAt: r.answered_at }));
  }

  /** Every answered response of practice and submitted exams (for item analysis). */
  answeredResponses(): { attemptId: number; itemId: string; response: string; correct: boolean }[] {
    const rows = this.db
      .prepare(
        `SELECT r.attempt_id, r.item_id, r.response, r.correct FROM responses r JOIN attempts a ON a.id = r.attempt_id
         WHERE r.response IS NOT NULL AND (a.mode = 'practice' OR a.status = 'submitted')`,
      )
      .all() as { attempt_id: number; item_id: string; response: string; correct: number }[];
    return rows.map((r) => ({ attemptId: r.attempt_id, itemId: r.item_id, response: r.response, correct: r.correct === 1 }));
  }

  /** Items answered wrong at least once, most recent miss first. */
  missedItemIds(): string[] {
    const rows = this.db
      .prepare('SELECT item_id FROM item_misses ORDER BY last_miss_at DESC, item_id')
      .all() as { item_id: string }[];
    return rows.map((r) => r.item_id);
  }

  close(): void {
    this.db.close();
  }
}

interface RawResponse {
  attempt_id: number;
  position: number;
  item_id: string;
  item_hash: string;
  module: number;
  topic: string;
  domain: string;
  choice_order: string;
  response: string | null;
  correct: number;
  flagged: number;
  time_ms: number;
  answered_at: string;
}

function toResponse(r: RawResponse): ResponseRow {
  return {
    attemptId: r.attempt_id,
    position: r.position,
    itemId: r.item_id,
    itemHash: r.item_hash,
    module: r.module,
    topic: r.topic,
    domain: r.domain,
    choiceOrder: JSON.parse(r.choice_order) as string[],
    response: r.response === null ? null : (JSON.parse(r.response) as Response),
    correct: r.correct === 1,
    flagged: r.flagged === 1,
    timeMs: r.time_ms,
    answeredAt: r.answered_at,
  };
}

function toAttempt(r: RawAttempt): AttemptRow {
  return {
    id: r.id,
    mode: r.mode,
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    seed: r.seed,
    params: JSON.parse(r.params) as AttemptParams,
    timeLimitS: r.time_limit_s,
    elapsedMs: r.elapsed_ms,
    currentPos: r.current_pos,
    scoreCorrect: r.score_correct,
    scoreTotal: r.score_total,
    passed: r.passed === null ? null : r.passed === 1,
  };
}

/**
 * Answers per topic and age in whole weeks (practice, and submitted exams
 * only: an exam in progress can still change), from the trigger-kept daily totals.
 */
export function topicBuckets(db: Db, opts: { now: string; since?: string; modules?: number[] }): { module: number; topic: string; domain: string; weeksAgo: number; answered: number; correct: number }[] {
  return db
    .prepare(
      `SELECT module, topic, domain,
              max(0, CAST((julianday(@now) - julianday(day || 'T12:00:00Z')) / 7 AS INTEGER)) AS weeksAgo,
              sum(answered) AS answered, sum(correct) AS correct
       FROM topic_day_stats
       WHERE answered > 0 AND (@since IS NULL OR day >= substr(@since, 1, 10))
         AND (@modules = '[]' OR module IN (SELECT value FROM json_each(@modules)))
       GROUP BY module, topic, domain, weeksAgo`,
    )
    .all({ now: opts.now, since: opts.since ?? null, modules: JSON.stringify(opts.modules ?? []) }) as {
    module: number;
    topic: string;
    domain: string;
    weeksAgo: number;
    answered: number;
    correct: number;
  }[];
}

/** Wrong answers per item (for the re-read list); running totals unless a start date asks for the full log. */
export function missCounts(db: Db, opts: { since?: string; modules?: number[] }): { itemId: string; count: number }[] {
  const modules = JSON.stringify(opts.modules ?? []);
  const perItem = opts.since
    ? `SELECT r.item_id AS itemId, count(*) AS count
       FROM responses r JOIN attempts a ON a.id = r.attempt_id
       WHERE r.response IS NOT NULL AND r.correct = 0 AND (a.mode = 'practice' OR a.status = 'submitted')
         AND r.answered_at >= @since
         AND (@modules = '[]' OR r.module IN (SELECT value FROM json_each(@modules)))
       GROUP BY r.item_id`
    : `SELECT item_id AS itemId, answered - correct AS count FROM item_stats
       WHERE answered > correct AND (@modules = '[]' OR module IN (SELECT value FROM json_each(@modules)))`;
  // One row of two JSON arrays (filled in step) rather than a row per item: better-sqlite3 builds an object per row.
  const row = db
    .prepare(`SELECT json_group_array(itemId) AS ids, json_group_array(count) AS counts FROM (${perItem})`)
    .get({ modules, ...(opts.since ? { since: opts.since } : {}) }) as { ids: string; counts: string };
  const ids = JSON.parse(row.ids) as string[];
  const counts = JSON.parse(row.counts) as number[];
  return ids.map((itemId, i) => ({ itemId, count: counts[i]! }));
}

/** Submitted mock exams, newest first. */
export function examRecords(db: Db, limit = 20): { id: number; finishedAt: string; correct: number; total: number; passed: boolean }[] {
  const rows = db
    .prepare(
      `SELECT id, finished_at, score_correct, score_total, passed FROM attempts
       WHERE mode = 'exam' AND status = 'submitted' ORDER BY finished_at DESC LIMIT ?`,
    )
    .all(limit) as { id: number; finished_at: string; score_correct: number; score_total: number; passed: number }[];
  return rows.map((r) => ({ id: r.id, finishedAt: r.finished_at, correct: r.score_correct, total: r.score_total, passed: r.passed === 1 }));
}
