import { createPrompt, isEnterKey, useEffect, useKeypress, useState } from '@inquirer/core';
import type { CardAction, CardView, CardWaitAction, CardWaitView } from './card-view.js';
import { renderCardScreen, renderCardWait } from './render-cards.js';
import type { Theme } from './theme.js';

/** A clock that re-renders the screen once a second. */
function useTicking(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

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

export const cardPrompt = createPrompt<CardAction, { view: CardView; theme: Theme; width: number }>((config, done) => {
  const [revealed, setRevealed] = useState(false);
  const now = useTicking();
  useKeypress((key) => {
    if (key.ctrl) return;
    const action = cardKeyAction(isEnterKey(key) ? 'enter' : (key.name ?? ''), revealed, !!config.view.cram);
    if (action === 'reveal') setRevealed(true);
    else if (action) done(action);
  });
  return renderCardScreen(config.view, revealed, now, config.theme, config.width);
});

export const cardWaitPrompt = createPrompt<CardWaitAction, { view: CardWaitView; theme: Theme; width: number }>((config, done) => {
  const now = useTicking();
  useEffect(() => {
    const timer = setTimeout(() => done({ type: 'ready' }), Math.max(0, config.view.nextAt - Date.now()));
    return () => clearTimeout(timer);
  }, []);
  useKeypress((key) => {
    if (key.ctrl) return;
    if (key.name === 'q') done({ type: 'quit' });
    else if (key.name === 'u' && config.view.canUndo) done({ type: 'undo' });
    else if (isEnterKey(key)) done({ type: 'ready' });
  });
  return renderCardWait(config.view, now, config.theme, config.width);
});
