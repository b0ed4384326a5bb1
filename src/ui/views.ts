import type { EngineAction } from '../exam/engine.js';
import type { ExamMode } from '../exam/session.js';

/** One choice as a screen shows it, in display order. */
export interface ChoiceView {
  key: string;
  text: string;
  /** Chosen (answered, or picked and not yet checked in practice). */
  selected: boolean;
  struck: boolean;
  /** After a practice answer is checked: how this choice ended. */
  mark?: 'right' | 'wrong' | 'missed' | 'key';
  /** The bank's one-line rationale for this choice (practice feedback). */
  rationale?: string;
}

/** What one question screen shows; built by the command from the engine's state, drawn by render-exam.ts. */
export interface QuestionView {
  mode: ExamMode;
  position: number;
  total: number;
  answered: number;
  flaggedCount: number;
  flagged: boolean;
  guess: boolean;
  timeLeftMs: number | null;
  /** "on pace" / "4 min behind" (timed exams only). */
  pace: string | null;
  type: 'single' | 'multi' | 'truefalse' | 'numeric';
  /** A literal block shown boxed above the stem, never re-wrapped. */
  exhibit?: string;
  stem: string;
  choices: ChoiceView[];
  /** Numeric items: the text typed so far and the unit the answer is asked in. */
  entry?: string;
  unit?: string;
  canGoBack: boolean;
  /** The next letter strikes a choice out (after x). */
  striking: boolean;
  notice: string | null;
  /** Practice: the checked answer's verdict, explanation and reference, shown under the question. */
  feedback?: FeedbackView;
}

export interface FeedbackView {
  correct: boolean;
  given: string;
  key: string;
  explanation: string;
  refs: string[];
  itemId: string;
  /** For select-all: which keyed options were missed and which were chosen wrongly. */
  missed?: string[];
  extra?: string[];
}

export interface ReviewRowView {
  index: number;
  answered: boolean;
  flagged: boolean;
  guess: boolean;
  stem: string;
}

export interface ReviewView {
  total: number;
  answered: number;
  flaggedCount: number;
  timeLeftMs: number | null;
  pace: string | null;
  filter: 'all' | 'unanswered' | 'flagged';
  rows: ReviewRowView[];
  cursor: number;
  typed: string;
  /** The question the learner was on (Esc goes back to it). */
  current: number;
  notice: string | null;
}

export interface ConfirmView {
  total: number;
  unanswered: number;
  flagged: number;
  timeLeftMs: number | null;
}

export type ScreenView = { screen: 'question'; view: QuestionView } | { screen: 'review'; view: ReviewView } | { screen: 'confirm'; view: ConfirmView };

/** A running session as a UI sees it: the screen to show, and where to send each action. */
export interface SessionDriver {
  view(): ScreenView;
  /** Apply an action now (saving what it changes before returning). */
  dispatch(action: EngineAction): void;
  readonly finished: boolean;
}

/** The terminal as the commands see it: a TTY (prompts.ts) or plain lines (line-ui.ts). */
export interface Ui {
  readonly interactive: boolean;
  readonly width: number;
  print(text: string): void;
  /**
   * Run a session until it is finished: show its screen, turn keys into
   * actions, and tick the clock every second, so the clock rules every
   * screen. Keys are handled inside one prompt, so several typed in one
   * read are never dropped between screens.
   */
  session(driver: SessionDriver): Promise<void>;
  confirm(message: string, defaultValue: boolean): Promise<boolean>;
  flashcard(view: CardView): Promise<CardAction>;
  /** Let go of the input (a pipe is not read to its end once the work is done). */
  close?(): void;
  /** Wait, with a ticking clock, until a learning card is due (a terminal only; without it the session ends there). */
  waitForCard?(view: CardWaitView): Promise<CardWaitAction>;
}

/** The user left a prompt (Ctrl-C, closed terminal) or input ran out. */
export class PromptAborted extends Error {
  constructor(readonly reason: 'interrupt' | 'end-of-input') {
    super(reason === 'interrupt' ? 'interrupted' : 'input ended');
    this.name = 'PromptAborted';
  }
}

export type { CardAction, CardView, CardWaitAction, CardWaitView } from './card-view.js';
import type { CardAction, CardView, CardWaitAction, CardWaitView } from './card-view.js';
