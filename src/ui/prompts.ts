import { createPrompt, useEffect, useKeypress, useRef, useState } from '@inquirer/core';
import { confirm } from '@inquirer/prompts';
import { CardDeck, cardDeckPrompt, useRedrawOnResize } from './card-prompt.js';
import { keyAction, type KeyPress } from './exam-keys.js';
import { layoutWidth } from './layout.js';
import { renderScreen, reviewPageSize, SCROLL_KEYS, scrollWindow } from './render-exam.js';
import type { Theme } from './theme.js';
import { PromptAborted, type ScreenView, type SessionDriver, type Ui } from './views.js';

const width = () => layoutWidth(process.env, process.stdout.columns);
const height = () => process.stdout.rows || 24;

/** The interactive terminal: the only code that uses @inquirer. */
export function terminalUi(theme: Theme): Ui {
  // A card session runs in one prompt from its first card until something else is printed or asked.
  let deck: CardDeck | undefined;
  let deckEnded: Promise<void> = Promise.resolve();
  const openDeck = (): CardDeck => {
    if (deck && !deck.closed) return deck;
    const opened = new CardDeck(theme, width);
    deck = opened;
    deckEnded = guard(cardDeckPrompt({ deck: opened }, { clearPromptOnDone: true })).catch((error: unknown) => opened.abort(error instanceof Error ? error : new Error(String(error))));
    return opened;
  };
  const closeDeck = async () => {
    deck?.close();
    await deckEnded;
  };
  return {
    interactive: true,
    get width() {
      return width();
    },
    print: (text) => {
      // A card session still on screen is blanked first; what is printed starts where it began.
      const wasOpen = deck !== undefined && !deck.closed;
      deck?.close();
      process.stdout.write(`${wasOpen ? '\r' : ''}${text}\n`);
    },
    session: async (driver) => {
      await closeDeck();
      return guard(sessionPrompt({ driver, theme }, { clearPromptOnDone: true }));
    },
    flashcard: (view) => openDeck().showCard(view),
    waitForCard: (view) => openDeck().showWait(view),
    confirm: async (message, defaultValue) => {
      await closeDeck();
      return guard(confirm({ message, default: defaultValue }, { clearPromptOnDone: true }));
    },
    close: () => deck?.close(),
  };
}

async function guard<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) {
      throw new PromptAborted('interrupt');
    }
    throw error;
  }
}

type SessionConfig = { driver: SessionDriver; theme: Theme };

/**
 * The whole exam in one prompt: every screen (question, feedback, review,
 * submit confirmation) is drawn from the driver's view, keys become engine
 * actions, and a one-second timer ticks the clock on every screen, so time
 * runs out wherever the candidate is.
 */
export const sessionPrompt = createPrompt<void, SessionConfig>((config, done) => {
  const { driver } = config;
  const [, setDrawn] = useState(0);
  const draws = useRef(0);
  const refresh = () => setDrawn(++draws.current);
  const finishIfOver = () => {
    if (driver.finished) done();
    else refresh();
  };

  useRedrawOnResize(refresh);
  useEffect(() => {
    const timer = setInterval(() => {
      driver.dispatch({ type: 'tick' });
      finishIfOver();
    }, 1000);
    return () => clearInterval(timer);
  }, []);

  // A question screen taller than the terminal scrolls; a new screen (another question, its feedback) starts at the top.
  const scroll = useRef({ screen: '', offset: 0, scrollable: false });
  const screenId = (s: ScreenView) => (s.screen === 'question' ? `q${s.view.position}${s.view.feedback ? 'f' : ''}` : s.screen);

  useKeypress((key) => {
    if (driver.finished) return;
    const rows = key.ctrl || (key as KeyPress).meta ? undefined : SCROLL_KEYS[key.name ?? ''];
    if (rows !== undefined && scroll.current.scrollable && driver.view().screen === 'question') {
      scroll.current.offset += rows === 1e3 || rows === -1e3 ? Math.sign(rows) * Math.max(1, height() - 4) : rows;
      refresh();
      return;
    }
    const action = keyAction(driver.view(), key, reviewPageSize(height()));
    if (!action) return;
    driver.dispatch(action);
    finishIfOver();
  });

  const screen = driver.view();
  // The review list may use the whole terminal, however wide: more of each stem shows.
  const columns = screen.screen === 'review' ? Math.max(width(), process.stdout.columns || 0) : width();
  const text = renderScreen(screen, config.theme, columns, height());
  if (screen.screen !== 'question') return text;
  const id = screenId(screen);
  if (scroll.current.screen !== id) scroll.current = { screen: id, offset: 0, scrollable: false };
  const shown = scrollWindow(text, height(), scroll.current.offset, config.theme, columns);
  scroll.current.offset = shown.offset;
  scroll.current.scrollable = shown.scrollable;
  return shown.text;
});
