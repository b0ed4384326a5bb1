import { createPrompt, useEffect, useKeypress, useRef, useState } from '@inquirer/core';
import { confirm } from '@inquirer/prompts';
import { cardPrompt, cardWaitPrompt } from './card-prompt.js';
import { keyAction } from './exam-keys.js';
import { layoutWidth } from './layout.js';
import { renderScreen, reviewPageSize } from './render-exam.js';
import type { Theme } from './theme.js';
import { PromptAborted, type SessionDriver, type Ui } from './views.js';

const width = () => layoutWidth(process.env, process.stdout.columns);
const height = () => process.stdout.rows || 24;

/** The interactive terminal: the only code that uses @inquirer. */
export function terminalUi(theme: Theme): Ui {
  return {
    interactive: true,
    get width() {
      return width();
    },
    print: (text) => process.stdout.write(`${text}\n`),
    session: (driver) => guard(sessionPrompt({ driver, theme }, { clearPromptOnDone: true })),
    flashcard: (view) => guard(cardPrompt({ view, theme, width: width() }, { clearPromptOnDone: true })),
    waitForCard: (view) => guard(cardWaitPrompt({ view, theme, width: width() }, { clearPromptOnDone: true })),
    confirm: (message, defaultValue) => guard(confirm({ message, default: defaultValue }, { clearPromptOnDone: true })),
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

  useEffect(() => {
    const timer = setInterval(() => {
      driver.dispatch({ type: 'tick' });
      finishIfOver();
    }, 1000);
    return () => clearInterval(timer);
  }, []);

  useKeypress((key) => {
    if (driver.finished) return;
    const action = keyAction(driver.view(), key, reviewPageSize(height()));
    if (!action) return;
    driver.dispatch(action);
    finishIfOver();
  });

  const screen = driver.view();
  // The review list may use the whole terminal, however wide: more of each stem shows.
  const columns = screen.screen === 'review' ? Math.max(width(), process.stdout.columns || 0) : width();
  return renderScreen(screen, config.theme, columns, height());
});

