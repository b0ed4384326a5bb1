import { createPrompt, isEnterKey, useEffect, useKeypress, useRef, useState, type KeypressEvent } from '@inquirer/core';
import type { CardAction, CardView, CardWaitAction, CardWaitView } from './card-view.js';
import { renderCardScreen, renderCardWait } from './render-cards.js';
import type { Theme } from './theme.js';
import { PromptAborted } from './views.js';

/** Map a key on the card screen to an action; unknown keys (and control keys: Ctrl-C stops, see prompts.ts) do nothing. */
export function cardKeyAction(name: string, revealed: boolean, cram: boolean): CardAction | 'reveal' | undefined {
  if (name === 'q') return { type: 'quit' };
  if (name === 'u') return { type: 'undo' };
  if (name === 'b' && !cram) return { type: 'bury' };
  if (name === 's' && !cram) return { type: 'suspend' };
  if (!revealed) return name === 'space' || name === 'enter' || name === 'return' ? 'reveal' : undefined;
  const rating = Number(name);
  return rating >= 1 && rating <= 4 ? { type: 'rate', rating: rating as 1 | 2 | 3 | 4 } : undefined;
}

/** A key on the waiting screen. */
export function waitKeyAction(name: string, canUndo: boolean): CardWaitAction | undefined {
  if (name === 'q') return { type: 'quit' };
  if (name === 'u' && canUndo) return { type: 'undo' };
  return name === 'enter' || name === 'return' ? { type: 'ready' } : undefined;
}

type Shown =
  | { kind: 'card'; view: CardView; revealed: boolean; resolve: (a: CardAction) => void; reject: (e: Error) => void }
  | { kind: 'wait'; view: CardWaitView; resolve: (a: CardWaitAction) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };

interface DeckHooks {
  refresh(): void;
  done(): void;
}

/**
 * The whole card session in one prompt. Each card (or wait) is handed over
 * with show(); keys typed before the next card is shown wait in a queue and
 * apply, in order, to the cards that follow, so a fast "Space 3 Space 3" is
 * never dropped between cards nor applied to the wrong one.
 */
export class CardDeck {
  private shown: Shown | undefined;
  private readonly keys: string[] = [];
  private hooks: DeckHooks | undefined;
  private last = '';
  private closing = false;
  private aborted: Error | undefined;

  constructor(
    private readonly theme: Theme,
    private readonly width: () => number,
  ) {}

  get closed(): boolean {
    return this.closing || this.aborted !== undefined;
  }

  showCard(view: CardView): Promise<CardAction> {
    return new Promise((resolve, reject) => this.show({ kind: 'card', view, revealed: false, resolve, reject }));
  }

  showWait(view: CardWaitView): Promise<CardWaitAction> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.settle((s) => s.kind === 'wait' && s.resolve({ type: 'ready' })), Math.max(0, view.nextAt - Date.now()));
      this.show({ kind: 'wait', view, resolve, reject, timer });
    });
  }

  /** Called by the prompt as it mounts. */
  attach(hooks: DeckHooks): void {
    this.hooks = hooks;
    this.drain();
  }

  /** A key from the terminal: queued, then applied to what is shown (if anything is). */
  key(event: KeypressEvent): void {
    if (event.ctrl || this.closed) return;
    this.keys.push(isEnterKey(event) ? 'enter' : (event.name ?? ''));
    this.drain();
  }

  /** The prompt ended without a close (Ctrl-C, a closed terminal): what is shown, or shown next, is interrupted. */
  abort(error: Error): void {
    this.aborted = error;
    this.settle((s) => s.reject(error));
  }

  /**
   * Take the session off the screen now (before the summary or an error is
   * printed): the screen is blanked at once, the prompt ends after.
   */
  close(): void {
    if (this.closed) return;
    this.closing = true;
    this.settle((s) => s.reject(new PromptAborted('interrupt')));
    this.hooks?.refresh();
    this.hooks?.done();
  }

  render(now: number): string {
    // Blank, but not empty: an empty screen makes @inquirer add a line, which its clean-up then erases from under what is printed next.
    if (this.closing) return ' ';
    const s = this.shown;
    // Between two cards the last screen stays: no flicker while the next one is prepared.
    if (!s) return this.last;
    this.last = s.kind === 'card' ? renderCardScreen(s.view, s.revealed, now, this.theme, this.width()) : renderCardWait(s.view, now, this.theme, this.width());
    return this.last;
  }

  private show(next: Shown): void {
    if (this.aborted || this.closing) {
      if (next.kind === 'wait') clearTimeout(next.timer);
      next.reject(this.aborted ?? new PromptAborted('interrupt'));
      return;
    }
    this.shown = next;
    this.drain();
  }

  private settle(finish: (s: Shown) => void): void {
    const s = this.shown;
    if (!s) return;
    this.shown = undefined;
    if (s.kind === 'wait') clearTimeout(s.timer);
    finish(s);
    // The session shows its next card at once (it only saves in between): if none came, it ended (an error, say)
    // without closing, and the screen must not stay up holding the terminal.
    setImmediate(() => {
      if (!this.shown) this.close();
    });
  }

  private drain(): void {
    while (this.shown && this.keys.length > 0) {
      const name = this.keys.shift()!;
      const s = this.shown;
      if (s.kind === 'card') {
        const action = cardKeyAction(name, s.revealed, !!s.view.cram);
        if (action === 'reveal') s.revealed = true;
        else if (action) this.settle(() => s.resolve(action));
      } else {
        const action = waitKeyAction(name, s.view.canUndo);
        if (action) this.settle(() => s.resolve(action));
      }
    }
    this.hooks?.refresh();
  }
}

// Cursor home, then erase to the end of the screen (the scrollback stays as it was).
const WIPE = '\x1b[H\x1b[J';

/**
 * Redraw a full-screen prompt when the terminal is resized. The terminal
 * re-wraps what is on screen to the new width, so the prompt's count of the
 * lines it drew no longer matches and its own erase would leave stale lines:
 * wipe the screen and draw again, laid out for the new width.
 */
export function useRedrawOnResize(redraw: () => void, output: NodeJS.WriteStream = process.stdout): void {
  useEffect(() => {
    const onResize = () => {
      output.write(WIPE);
      redraw();
    };
    output.on('resize', onResize);
    return () => {
      output.off('resize', onResize);
    };
  }, []);
}

/** The prompt that draws a CardDeck: a clock ticking once a second, keys handed to the deck. */
export const cardDeckPrompt = createPrompt<void, { deck: CardDeck }>((config, done) => {
  const [, setDrawn] = useState(0);
  const draws = useRef(0);
  const refresh = () => setDrawn(++draws.current);
  useRedrawOnResize(refresh);
  useEffect(() => {
    config.deck.attach({ refresh, done: () => done() });
    const timer = setInterval(refresh, 1000);
    return () => clearInterval(timer);
  }, []);
  useKeypress((key) => config.deck.key(key));
  return config.deck.render(Date.now());
});
