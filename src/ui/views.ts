import type { ExamMode } from '../exam/session.js';

/** What one question screen shows; built by the command, drawn by render.ts. */
export interface QuestionView {
  mode: ExamMode;
  position: number;
  total: number;
  answered: number;
  flaggedCount: number;
  flagged: boolean;
  timeLeftMs: number | null;
  type: 'single' | 'multi' | 'truefalse';
  stem: string;
  choices: { key: string; text: string }[];
  /** Display keys currently selected. */
  selected: string[];
  canGoBack: boolean;
  notice?: string;
}

export interface FeedbackView {
  correct: boolean;
  given: string;
  key: string;
  explanation: string;
  refs: string[];
  itemId: string;
}

export interface ReviewView {
  total: number;
  timeLeftMs: number | null;
  rows: { index: number; answered: boolean; flagged: boolean; excerpt: string }[];
}

export type ExamAction =
  | { type: 'select'; key: string }
  | { type: 'answerAndNext'; keys: string[] }
  | { type: 'next' }
  | { type: 'back' }
  | { type: 'flag' }
  | { type: 'review' }
  | { type: 'quit' }
  | { type: 'timeout' };

export type ReviewAction = { type: 'goto'; index: number } | { type: 'submit' } | { type: 'return' };

/** The terminal as the commands see it: a TTY (prompts.ts) or plain lines (line-ui.ts). */
export interface Ui {
  readonly interactive: boolean;
  readonly width: number;
  print(text: string): void;
  /**
   * Ask one question. `inPlace` applies an action that stays on this question
   * (a choice, a flag) at once and returns the new view, or null when the
   * action leaves the screen; handling it inside the prompt means keys typed
   * quickly, several in one read, are never dropped between prompts.
   */
  question(view: QuestionView, inPlace?: (action: ExamAction) => QuestionView | null): Promise<ExamAction>;
  feedback(view: FeedbackView): Promise<void>;
  review(view: ReviewView): Promise<ReviewAction>;
  confirm(message: string, defaultValue: boolean): Promise<boolean>;
  flashcard(view: CardView): Promise<CardAction>;
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
