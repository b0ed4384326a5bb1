import { createPrompt, useEffect, useKeypress, useRef, useState, isEnterKey } from '@inquirer/core';
import { confirm, select } from '@inquirer/prompts';
import { cardPrompt, cardWaitPrompt } from './card-prompt.js';
import { renderFeedback, renderQuestion, reviewRowLabel, reviewSummary } from './render.js';
import type { Theme } from './theme.js';
import { PromptAborted, type ExamAction, type QuestionView, type ReviewAction, type ReviewView, type Ui } from './views.js';

/** The interactive terminal: the only code that uses @inquirer. */
export function terminalUi(theme: Theme): Ui {
  const width = () => Math.min(process.stdout.columns || 80, 100);
  return {
    interactive: true,
    get width() {
      return width();
    },
    print: (text) => process.stdout.write(`${text}\n`),
    question: (view, inPlace) => guard(questionPrompt({ view, inPlace, theme, width: width() }, { clearPromptOnDone: true })),
    feedback: (view) => guard(pausePrompt({ text: renderFeedback(view, theme, width()), theme }, { clearPromptOnDone: true })),
    review: (view) => guard(reviewPrompt(view, theme)),
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

type QuestionConfig = { view: QuestionView; inPlace?: (action: ExamAction) => QuestionView | null; theme: Theme; width: number };

const questionPrompt = createPrompt<ExamAction, QuestionConfig>((config, done) => {
  // A ref, not only state: several keys can arrive in one read, before a re-render.
  const viewRef = useRef(config.view);
  const [view, setView] = useState(config.view);
  const [shownAt] = useState(() => Date.now());
  const [now, setNow] = useState(shownAt);
  // The clock runs from when the question was first shown, whatever was chosen since.
  const limit = config.view.timeLeftMs;
  const left = limit === null ? null : limit - (now - shownAt);

  useEffect(() => {
    if (limit === null) return undefined;
    const timer = setInterval(() => {
      const t = Date.now();
      if (t - shownAt >= limit) done({ type: 'timeout' });
      else setNow(t);
    }, 1000);
    return () => clearInterval(timer);
  }, []);

  useKeypress((key) => {
    // Ctrl-C arrives as "c" with ctrl set: a control key must never pick a choice (Ctrl-C stops the exam, see guard()).
    if (key.ctrl) return;
    const action = actionForKey(viewRef.current, key.name ?? '', isEnterKey(key));
    if (!action) return;
    const stayed = config.inPlace?.(action) ?? null;
    if (stayed) {
      viewRef.current = stayed;
      setView(stayed);
    } else done(action);
  });

  return renderQuestion({ ...view, timeLeftMs: left }, config.theme, config.width);
});

/** Map one key press to an action; unknown keys do nothing. */
export function actionForKey(view: QuestionView, name: string, enter: boolean): ExamAction | undefined {
  if (enter) return { type: 'next' };
  const keyName = name.toLowerCase();
  if (view.type === 'truefalse') {
    if (keyName === 't' || keyName === '1') return { type: 'select', key: 'T' };
    if (keyName === 'f' || keyName === '2') return { type: 'select', key: 'F' };
    if (keyName === 'm' && view.mode === 'exam') return { type: 'flag' };
  } else {
    const index = /^[1-5]$/.test(keyName) ? Number(keyName) - 1 : /^[a-e]$/.test(keyName) ? keyName.charCodeAt(0) - 97 : -1;
    const choice = view.choices[index];
    if (choice) return { type: 'select', key: choice.key };
    if ((keyName === 'f' || keyName === 'm') && view.mode === 'exam') return { type: 'flag' };
  }
  if (view.mode !== 'exam') return undefined;
  if (keyName === 'n' || keyName === 'right') return { type: 'next' };
  // "b" answers choice B, so going back is p (previous) or the left arrow.
  if ((keyName === 'p' || keyName === 'left') && view.canGoBack) return { type: 'back' };
  if (keyName === 'r') return { type: 'review' };
  if (keyName === 'q') return { type: 'quit' };
  return undefined;
}

const pausePrompt = createPrompt<void, { text: string; theme: Theme }>((config, done) => {
  useKeypress((key) => {
    if (!key.ctrl) done();
  });
  return `${config.text}\n\n${config.theme.dim('Press any key to continue')}`;
});

async function reviewPrompt(view: ReviewView, theme: Theme): Promise<ReviewAction> {
  const firstOpen = view.rows.find((r) => !r.answered || r.flagged);
  const choices = [
    { name: 'Submit the exam', value: { type: 'submit' } as ReviewAction },
    { name: 'Return to the question I was on', value: { type: 'return' } as ReviewAction },
    ...view.rows.map((row) => ({ name: reviewRowLabel(row, theme), value: { type: 'goto', index: row.index } as ReviewAction })),
  ];
  return select<ReviewAction>({
    message: reviewSummary(view, theme),
    choices,
    default: firstOpen ? choices[firstOpen.index + 2]?.value : undefined,
    pageSize: Math.max(8, (process.stdout.rows || 24) - 6),
    loop: false,
  }, { clearPromptOnDone: true });
}
