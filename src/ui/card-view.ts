/** What the flashcard screen shows; the session (commands/cards.ts) builds it, card-prompt.ts and line-ui.ts draw it. */
export interface CardView {
  kind: 'card' | 'question';
  /** Cards still to come in this session (all kinds), and cards rated so far. */
  left: number;
  done: number;
  /** Separate counts, as Anki shows them; they shrink as you go. */
  counts: { fresh: number; learning: number; review: number };
  /** When the session started (ms since epoch): the screen's clock ticks from it. */
  startedAt: number;
  elapsedMs: number;
  front: string;
  back: string;
  refs: string[];
  /** Module and topic titles, e.g. "Labeling · MR Conditional labels". */
  tag: string;
  isNew: boolean;
  isLeech?: boolean;
  /** Cram: ratings move on but change no schedule. */
  cram?: boolean;
  /** Interval label per rating, e.g. { 1: '1m', 3: '4d' }. */
  intervals: Record<1 | 2 | 3 | 4, string>;
  /** A line to show above the card (e.g. "undone: …", "buried until tomorrow"). */
  notice?: string;
}

export type CardAction = { type: 'rate'; rating: 1 | 2 | 3 | 4 } | { type: 'undo' } | { type: 'bury' } | { type: 'suspend' } | { type: 'quit' };

/** Only learning cards are left and the next one is not due yet. */
export interface CardWaitView {
  nextAt: number;
  counts: CardView['counts'];
  done: number;
  startedAt: number;
  canUndo: boolean;
}

export type CardWaitAction = { type: 'ready' } | { type: 'undo' } | { type: 'quit' };
