import type { Response } from '../bank/schema.js';
import type { Db } from './open.js';
import { writeTransaction } from './integrity.js';
import type { AttemptMode, ResponseRow } from './history.js';

/** One answer row as the exam writes it: the answer, flag, strikes, guess mark and time of one item. */
export interface AnswerRow extends ResponseRow {
  guess: boolean;
  /** Struck choices, in the item's own letters. */
  struck: string[];
}

export interface SessionSummary {
  id: number;
  mode: AttemptMode;
  status: 'in_progress' | 'submitted' | 'abandoned';
  modules: number[];
  items: number;
  answered: number;
  timeLimitS: number | null;
  elapsedMs: number;
  startedAt: string;
  finishedAt: string | null;
  scoreCorrect: number | null;
  passed: boolean | null;
}

/** The process that holds (or wants) an attempt: a pid and when that process started. */
export interface ProcessId {
  pid: number;
  start: string;
}

export interface ExportedAnswer {
  attemptId: number;
  mode: AttemptMode;
  itemId: string;
  module: number;
  topic: string;
  domain: string;
  chosen: Response | null;
  correct: boolean;
  guess: boolean;
  struck: string[];
  seconds: number;
  answeredAt: string;
}

/** Sessions (attempts) as the exam room uses them: extra answer fields, claims, lists and one-transaction submits. */
export class SessionStore {
  constructor(
    readonly db: Db,
    readonly path: string,
  ) {}

  /** Run `fn` as one immediate transaction; SQLite failures become one-line user errors. */
  transaction<T>(fn: () => T): T {
    return writeTransaction(this.db, this.path, fn);
  }

  /** Record (or replace) one item's row and the attempt's progress, in one transaction. */
  saveAnswer(row: AnswerRow, progress: { elapsedMs: number; currentPos: number }): void {
    this.transaction(() => this.writeAnswer(row, progress));
  }

  /** The same write, for use inside a caller's transaction. */
  writeAnswer(row: AnswerRow, progress: { elapsedMs: number; currentPos: number }): void {
    this.db
      .prepare(
        `INSERT INTO responses (attempt_id, position, item_id, item_hash, module, topic, domain, choice_order,
           response, correct, flagged, guess, struck, time_ms, answered_at)
         VALUES (@attemptId, @position, @itemId, @itemHash, @module, @topic, @domain, @choiceOrder,
           @response, @correct, @flagged, @guess, @struck, @timeMs, @answeredAt)
         ON CONFLICT (attempt_id, position) DO UPDATE SET
           response = excluded.response, correct = excluded.correct, flagged = excluded.flagged, guess = excluded.guess,
           struck = excluded.struck, time_ms = excluded.time_ms, answered_at = excluded.answered_at, item_hash = excluded.item_hash`,
      )
      .run({
        ...row,
        choiceOrder: JSON.stringify(row.choiceOrder),
        response: row.response === null ? null : JSON.stringify(row.response),
        correct: row.correct ? 1 : 0,
        flagged: row.flagged ? 1 : 0,
        guess: row.guess ? 1 : 0,
        struck: JSON.stringify(row.struck),
        timeMs: Math.round(row.timeMs),
      });
    this.writeProgress(row.attemptId, progress);
  }

  writeProgress(attemptId: number, progress: { elapsedMs: number; currentPos: number }): void {
    this.db.prepare('UPDATE attempts SET elapsed_ms = ?, current_pos = ? WHERE id = ?').run(Math.round(progress.elapsedMs), progress.currentPos, attemptId);
  }

  /** Mark an attempt submitted, unless it already is (a second submit changes nothing); true when this call submitted it. */
  writeFinish(attemptId: number, result: { correct: number; total: number; passed: boolean; finishedAt: string; elapsedMs: number }): boolean {
    const info = this.db
      .prepare(
        `UPDATE attempts SET status = 'submitted', finished_at = ?, score_correct = ?, score_total = ?, passed = ?, elapsed_ms = ?
         WHERE id = ? AND status = 'in_progress'`,
      )
      .run(result.finishedAt, result.correct, result.total, result.passed ? 1 : 0, Math.round(result.elapsedMs), attemptId);
    return info.changes === 1;
  }

  /** Guess marks and strikes per position, for restoring a session. */
  marks(attemptId: number): Map<number, { guess: boolean; struck: string[] }> {
    const rows = this.db.prepare('SELECT position, guess, struck FROM responses WHERE attempt_id = ?').all(attemptId) as { position: number; guess: number; struck: string }[];
    return new Map(rows.map((r) => [r.position, { guess: r.guess === 1, struck: parseList(r.struck) }]));
  }

  /** Every session, newest first; only unfinished ones unless `all`. */
  list(options: { all?: boolean; limit?: number } = {}): SessionSummary[] {
    // Two texts, not one with an (@all OR …) test: the unfinished ones (every exam's start asks) are then found
    // through the status index, not by a scan of every attempt ever made (~1 ms on 10,000).
    const which = options.all ? "a.status <> 'abandoned'" : "a.status = 'in_progress'";
    const rows = this.db
      .prepare(
        `SELECT a.id, a.mode, a.status, a.params, a.time_limit_s, a.elapsed_ms, a.started_at, a.finished_at, a.score_correct, a.passed,
                (SELECT count(*) FROM attempt_items i WHERE i.attempt_id = a.id) AS items,
                (SELECT count(*) FROM responses r WHERE r.attempt_id = a.id AND r.response IS NOT NULL) AS answered
         FROM attempts a WHERE ${which}
         ORDER BY a.id DESC LIMIT ?`,
      )
      .all(options.limit ?? -1) as RawSummary[];
    return rows.map(toSummary);
  }

  /** The session to resume without an id: the newest unfinished mock exam, else the newest unfinished session. */
  newestUnfinished(): SessionSummary | undefined {
    const open = this.list();
    return open.find((s) => s.mode === 'exam') ?? open[0];
  }

  /**
   * Take an attempt for this process. A claim held by another process that is
   * still running is refused (the holder is returned); a claim whose process
   * is gone, or whose pid now names a different process, is taken over.
   */
  claim(attemptId: number, me: ProcessId, isRunning: (holder: ProcessId) => boolean, now: string): { ok: true } | { ok: false; holder: ProcessId } {
    return this.transaction(() => {
      const held = this.db.prepare('SELECT pid, process_start FROM attempt_claims WHERE attempt_id = ?').get(attemptId) as { pid: number; process_start: string } | undefined;
      const holder = held && { pid: held.pid, start: held.process_start };
      if (holder && !(holder.pid === me.pid && holder.start === me.start) && isRunning(holder)) return { ok: false as const, holder };
      this.db
        .prepare('INSERT INTO attempt_claims (attempt_id, pid, process_start, claimed_at) VALUES (?, ?, ?, ?) ON CONFLICT (attempt_id) DO UPDATE SET pid = excluded.pid, process_start = excluded.process_start, claimed_at = excluded.claimed_at')
        .run(attemptId, me.pid, me.start, now);
      return { ok: true as const };
    });
  }

  /** Give an attempt back (only if this process still holds it). */
  release(attemptId: number, me: ProcessId): void {
    try {
      this.db.prepare('DELETE FROM attempt_claims WHERE attempt_id = ? AND pid = ? AND process_start = ?').run(attemptId, me.pid, me.start);
    } catch {
      // Best effort: a claim left behind is freed once this process is gone.
    }
  }

  /** Set an unfinished session aside (its answers stay in the history); false when there is no such unfinished session. */
  discard(attemptId: number): boolean {
    return this.transaction(() => {
      const info = this.db.prepare("UPDATE attempts SET status = 'abandoned' WHERE id = ? AND status = 'in_progress'").run(attemptId);
      this.db.prepare('DELETE FROM attempt_claims WHERE attempt_id = ?').run(attemptId);
      return info.changes === 1;
    });
  }

  /** Drop an unfinished attempt that holds nothing at all (no answer, flag or strike): there is nothing to lose. */
  dropIfEmpty(attemptId: number): boolean {
    return this.transaction(() => {
      const used = this.db
        .prepare("SELECT count(*) AS n FROM responses WHERE attempt_id = ? AND (response IS NOT NULL OR flagged = 1 OR guess = 1 OR struck <> '[]')")
        .get(attemptId) as { n: number };
      if (used.n > 0) return false;
      const info = this.db.prepare("DELETE FROM attempts WHERE id = ? AND status = 'in_progress'").run(attemptId);
      return info.changes === 1;
    });
  }

  /** Every recorded answer (practice and exams, finished or not), oldest first: the learner's data out. */
  *allAnswers(): Generator<ExportedAnswer> {
    const rows = this.db
      .prepare(
        `SELECT r.attempt_id, a.mode, r.item_id, r.module, r.topic, r.domain, r.response, r.correct, r.guess, r.struck, r.time_ms, r.answered_at
         FROM responses r JOIN attempts a ON a.id = r.attempt_id WHERE r.response IS NOT NULL ORDER BY r.answered_at, r.attempt_id, r.position`,
      )
      .iterate() as IterableIterator<RawAnswer>;
    for (const r of rows) {
      yield {
        attemptId: r.attempt_id,
        mode: r.mode,
        itemId: r.item_id,
        module: r.module,
        topic: r.topic,
        domain: r.domain,
        chosen: r.response === null ? null : (JSON.parse(r.response) as Response),
        correct: r.correct === 1,
        guess: r.guess === 1,
        struck: parseList(r.struck),
        seconds: Math.round(r.time_ms / 100) / 10,
        answeredAt: r.answered_at,
      };
    }
  }
}

interface RawAnswer {
  attempt_id: number;
  mode: AttemptMode;
  item_id: string;
  module: number;
  topic: string;
  domain: string;
  response: string | null;
  correct: number;
  guess: number;
  struck: string;
  time_ms: number;
  answered_at: string;
}

interface RawSummary {
  id: number;
  mode: AttemptMode;
  status: SessionSummary['status'];
  params: string;
  time_limit_s: number | null;
  elapsed_ms: number;
  started_at: string;
  finished_at: string | null;
  score_correct: number | null;
  passed: number | null;
  items: number;
  answered: number;
}

function toSummary(r: RawSummary): SessionSummary {
  const params = JSON.parse(r.params) as { modules?: number[] };
  return {
    id: r.id,
    mode: r.mode,
    status: r.status,
    modules: params.modules ?? [],
    items: r.items,
    answered: r.answered,
    timeLimitS: r.time_limit_s,
    elapsedMs: r.elapsed_ms,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    scoreCorrect: r.score_correct,
    passed: r.passed === null ? null : r.passed === 1,
  };
}

function parseList(text: string): string[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
