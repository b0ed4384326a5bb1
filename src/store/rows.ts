import type { Response } from '../bank/schema.js';

/* The history's rows as the rest of mrso sees them, and their mapping from SQLite's columns. */

export type AttemptMode = 'exam' | 'practice';

export interface AttemptParams {
  count: number;
  modules: number[];
  bank: string;
  /** The held-out mock form this exam took (mrso exam --form N). */
  form?: number;
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

export interface RawAttempt {
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

export interface RawResponse {
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

export function toResponse(r: RawResponse): ResponseRow {
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

export function toAttempt(r: RawAttempt): AttemptRow {
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
