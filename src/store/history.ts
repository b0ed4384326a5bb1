import type { Db, OpenOptions } from './open.js';
import { SessionStore, type ProcessId } from './sessions.js';
import { dbError, openDb } from './open.js';
import { ReviewStore } from './reviews.js';
import { toAttempt, toResponse, type AttemptItemRow, type AttemptMode, type AttemptParams, type AttemptRow, type RawAttempt, type RawResponse, type ResponseRow } from './rows.js';
import { examRecordsQuery, missCountsQuery, topicBucketsQuery, type TopicBucket } from './report-queries.js';
import { writeTransaction } from './integrity.js';
import { reviewSetIds } from './review-queries.js';
import { itemAnswerCounts, itemSummaries, openScoredAnswers, wrongAnswersOf } from './item-analysis-queries.js';
import { firstAnswerDay, studyTimes, topicWeekBuckets } from './topic-days.js';
import { firstAnswerColumns, firstAnswerTotals, takenForms } from './readiness-queries.js';

export type { AttemptItemRow, AttemptMode, AttemptParams, AttemptRow, ResponseRow } from './rows.js';
export type { TopicBucket } from './report-queries.js';

/**
 * Exam and practice history. Commands call its methods; the connection stays
 * inside src/store (connectionOf). Every write is its own transaction, and
 * reads and writes alike map SQLite's failures to one-line errors (dbError).
 */
export class HistoryStore {
  constructor(
    private readonly db: Db,
    readonly path: string,
  ) {}

  /** Open (create, migrate) the history at `path`. */
  static open(path: string, options: OpenOptions = {}): HistoryStore {
    return new HistoryStore(openDb(path, options), path);
  }

  private lastAnswersStatement: ReturnType<Db['prepare']> | undefined;
  private reviewStore: ReviewStore | undefined;
  private sessionStore: SessionStore | undefined;

  /** Run a write, mapping SQLite errors (full disk, locked) to user errors. */
  private write<T>(fn: () => T): T {
    return writeTransaction(this.db, this.path, fn);
  }

  /** Run a read, with the same error mapping as a write (a corrupt page, a lock). */
  private read<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw dbError(error, this.path);
    }
  }

  /** The review log and settings, on the same connection. */
  reviews(): ReviewStore {
    return (this.reviewStore ??= new ReviewStore(this.db, this.path));
  }

  /** Sessions (list, claims, answers with strikes and guesses, one-transaction submit), on the same connection. */
  sessions(): SessionStore {
    return (this.sessionStore ??= new SessionStore(this.db, this.path));
  }

  /** Answers per topic and age in whole weeks (see report-queries.ts). */
  topicBuckets(opts: { now: string; since?: string; modules?: number[] }): TopicBucket[] { return this.read(() => topicBucketsQuery(this.db, opts)); }

  /** Wrong answers per item (for the re-read list). */
  missCounts(opts: { since?: string; modules?: number[] }): { ids: string[]; counts: number[] } { return this.read(() => missCountsQuery(this.db, opts)); }

  /** Submitted mock exams, newest first (at most `limit`). */
  examRecords(limit = 20): { id: number; finishedAt: string; correct: number; total: number; passed: boolean }[] { return this.read(() => examRecordsQuery(this.db, limit)); }

  createAttempt(input: {
    mode: AttemptMode;
    seed: string;
    params: AttemptParams;
    timeLimitS: number | null;
    startedAt: string;
    items: AttemptItemRow[];
    /** The process that runs it, claimed in the same transaction (see SessionStore.claim): one write, not two. */
    claimedBy?: { holder: ProcessId; at: string };
  }): number {
    return this.write(() => {
      const info = this.db
        .prepare('INSERT INTO attempts (mode, started_at, seed, params, time_limit_s) VALUES (?, ?, ?, ?, ?)')
        .run(input.mode, input.startedAt, input.seed, JSON.stringify(input.params), input.timeLimitS);
      const id = Number(info.lastInsertRowid);
      const claim = input.claimedBy;
      if (claim) this.db.prepare('INSERT INTO attempt_claims (attempt_id, pid, process_start, claimed_at) VALUES (?, ?, ?, ?)').run(id, claim.holder.pid, claim.holder.start, claim.at);
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
    // One write of an answer row, the exam room's: no strikes, not marked as a guess.
    this.sessions().saveAnswer({ ...row, guess: false, struck: [] }, progress);
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
    return this.read(() => {
      const row = this.db.prepare('SELECT attempt_id, name FROM records WHERE code = ?').get(code) as { attempt_id: number; name: string } | undefined;
      return row && { attemptId: row.attempt_id, name: row.name };
    });
  }

  /** Submitted mock exams, newest first. */
  submittedExams(): AttemptRow[] {
    return this.read(() => {
      const rows = this.db.prepare("SELECT * FROM attempts WHERE mode = 'exam' AND status = 'submitted' ORDER BY id DESC").all() as RawAttempt[];
      return rows.map(toAttempt);
    });
  }

  latestUnfinished(): AttemptRow | undefined {
    return this.read(() => {
      const raw = this.db
        .prepare("SELECT * FROM attempts WHERE status = 'in_progress' ORDER BY id DESC LIMIT 1")
        .get() as RawAttempt | undefined;
      return raw && toAttempt(raw);
    });
  }

  attempt(id: number): AttemptRow | undefined {
    return this.read(() => {
      const raw = this.db.prepare('SELECT * FROM attempts WHERE id = ?').get(id) as RawAttempt | undefined;
      return raw && toAttempt(raw);
    });
  }

  attemptItems(attemptId: number): AttemptItemRow[] {
    return this.read(() => {
      const rows = this.db
        .prepare('SELECT position, item_id, item_hash, choice_order FROM attempt_items WHERE attempt_id = ? ORDER BY position')
        .all(attemptId) as { position: number; item_id: string; item_hash: string; choice_order: string }[];
      return rows.map((r) => ({ position: r.position, itemId: r.item_id, itemHash: r.item_hash, choiceOrder: JSON.parse(r.choice_order) as string[] }));
    });
  }

  responses(attemptId: number): ResponseRow[] {
    return this.read(() => {
      const rows = this.db.prepare('SELECT * FROM responses WHERE attempt_id = ? ORDER BY position').all(attemptId) as RawResponse[];
      return rows.map(toResponse);
    });
  }

  /** For each id, whether its latest answer was right; undefined for an item never answered (for the draw). */
  lastAnswersOf(ids: readonly string[]): (boolean | undefined)[] {
    return this.read(() => {
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
    });
  }

  /** Every answer of the items ever missed or flagged, oldest first, with its guess mark (for review sets). */
  answerTrail(): { itemId: string; answered: boolean; correct: boolean; flagged: boolean; answeredAt: string; guess: boolean }[] {
    return this.read(() => {
      const rows = this.db
        .prepare(
          `SELECT r.item_id, r.response IS NOT NULL AS answered, r.correct, r.flagged, r.answered_at, r.guess FROM responses r JOIN attempts a ON a.id = r.attempt_id
           WHERE (r.response IS NOT NULL OR r.flagged = 1) AND (a.mode = 'practice' OR a.status = 'submitted')
             AND r.item_id IN (SELECT item_id FROM responses WHERE (correct = 0 AND response IS NOT NULL) OR flagged = 1)
           ORDER BY r.answered_at, r.attempt_id, r.position`,
        )
        .all() as { item_id: string; answered: number; correct: number; flagged: number; answered_at: string; guess: number }[];
      return rows.map((r) => ({ itemId: r.item_id, answered: r.answered === 1, correct: r.correct === 1, flagged: r.flagged === 1, answeredAt: r.answered_at, guess: r.guess === 1 }));
    });
  }

  /** Every answered response of practice and submitted exams (for item analysis). */
  answeredResponses(): { attemptId: number; itemId: string; response: string; correct: boolean }[] {
    return this.read(() => {
      const rows = this.db
        .prepare(
          `SELECT r.attempt_id, r.item_id, r.response, r.correct FROM responses r JOIN attempts a ON a.id = r.attempt_id
           WHERE r.response IS NOT NULL AND (a.mode = 'practice' OR a.status = 'submitted')`,
        )
        .all() as { attempt_id: number; item_id: string; response: string; correct: number }[];
      return rows.map((r) => ({ attemptId: r.attempt_id, itemId: r.item_id, response: r.response, correct: r.correct === 1 }));
    });
  }

  /** Up to `limit` items of the missed, flagged or confident-wrong review set that `wanted` accepts, in review order, read through indexes. */
  reviewSetIds(kind: 'missed' | 'flagged' | 'confident-wrong', limit: number, wanted: (id: string) => boolean): string[] { return this.read(() => reviewSetIds(this.db, kind, limit, wanted)); }

  /** Item analysis (migration 12's aggregates): counted answers per item and response, attempt scores, strong/weak totals. */
  itemAnswerCounts(): ReturnType<typeof itemAnswerCounts> { return this.read(() => itemAnswerCounts(this.db)); }
  itemSummaries(): ReturnType<typeof itemSummaries> { return this.read(() => itemSummaries(this.db)); }
  wrongAnswersOf(ids: readonly string[]): ReturnType<typeof wrongAnswersOf> { return this.read(() => wrongAnswersOf(this.db, ids)); }
  openScoredAnswers(minAnswers: number): ReturnType<typeof openScoredAnswers> { return this.read(() => openScoredAnswers(this.db, minAnswers)); }

  /** Answers per topic and learning week (the week starts come from src/days.ts), for stats' rows and trends. */
  topicWeekBuckets(opts: Parameters<typeof topicWeekBuckets>[1]): ReturnType<typeof topicWeekBuckets> { return this.read(() => topicWeekBuckets(this.db, opts)); }

  /** The UTC day of the first counted answer, or null. */
  firstAnswerDay(): string | null { return this.read(() => firstAnswerDay(this.db)); }


  /** The quarter-hours (UTC, as text) in which anything was answered or reviewed since `since` (the streak). */
  studyTimes(since: Date): string[] { return this.read(() => studyTimes(this.db, since)); }

  /** Held-out forms taken as forms (submitted), by number: their items rejoin the practice pool. */
  takenForms(): number[] { return this.read(() => takenForms(this.db)); }

  /** Each item's first counted answer as parallel columns, for the first-exposure readiness estimate. */
  firstAnswerColumns(opts: Parameters<typeof firstAnswerColumns>[1]): ReturnType<typeof firstAnswerColumns> { return this.read(() => firstAnswerColumns(this.db, opts)); }
  /** The same summed by group with readiness's recency weights, from running totals (stats reads a few hundred rows). */
  firstAnswerTotals(opts: Parameters<typeof firstAnswerTotals>[1]): ReturnType<typeof firstAnswerTotals> { return this.read(() => firstAnswerTotals(this.db, opts)); }

  /** Items answered wrong at least once, most recent miss first. */
  missedItemIds(): string[] {
    return this.read(() => {
      const rows = this.db.prepare('SELECT item_id FROM item_misses ORDER BY last_miss_at DESC, item_id').all() as { item_id: string }[];
      return rows.map((r) => r.item_id);
    });
  }

  close(): void {
    this.db.close();
  }
}

/** The connection behind a store: for the other modules of src/store only (lint keeps it there). */
export function connectionOf(store: HistoryStore): Db {
  return store['db'];
}
