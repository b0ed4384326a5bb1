import { layoutWidth, wrap } from './layout.js';
import { ratingBar } from './render.js';
import type { Theme } from './theme.js';
import { PromptAborted, type CardAction, type QuestionView, type SessionDriver, type Ui } from './views.js';
import { UserError } from '../errors.js';

/** Longer than any answer: a line this long is not an answer (a binary file, /dev/zero), and readline would hold it all. */
const MAX_LINE_BYTES = 1024 * 1024;

/** Watch a stream for a line longer than MAX_LINE_BYTES (that many bytes with no newline) and call `onHit` once. */
function watchLineLength(stream: NodeJS.ReadableStream, onHit: () => void): void {
  let sinceNewline = 0;
  const watch = (chunk: Buffer | string) => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    const last = bytes.lastIndexOf(0x0a);
    sinceNewline = last === -1 ? sinceNewline + bytes.length : bytes.length - last - 1;
    if (sinceNewline <= MAX_LINE_BYTES) return;
    stream.removeListener('data', watch);
    onHit();
  };
  stream.on('data', watch);
}

/**
 * Plain line mode for pipes and scripts: each question is printed, one line
 * of stdin answers it ("B", "A,C", "T", or empty to skip), and input that
 * ends early is an error the exam command reports.
 */
export function lineUi(theme: Theme, input?: NodeJS.ReadableStream, output: NodeJS.WritableStream = process.stdout): Ui {
  // stdin (and readline) are set up at the first read, not before: a few ms better spent after the question is shown.
  const source = () => input ?? process.stdin;
  let lines: AsyncIterator<string> | undefined;
  let interrupted: (() => void) | undefined;
  const onInterrupt = () => interrupted?.();
  process.once('SIGINT', onInterrupt);
  let reader: { close(): void } | undefined;
  let overlong: UserError | undefined;
  let onOverlong: ((error: Error) => void) | undefined;

  async function readLine(): Promise<string> {
    const interrupt = new Promise<never>((_, reject) => {
      interrupted = () => reject(new PromptAborted('interrupt'));
    });
    if (!lines) {
      const { createInterface } = await import('node:readline');
      const stream = source();
      const rl = createInterface({ input: stream, terminal: false });
      reader = rl;
      lines = rl[Symbol.asyncIterator]();
      watchLineLength(stream, () => {
        overlong = new UserError(`a line of standard input is longer than ${MAX_LINE_BYTES / 1024 / 1024} MB`, 'Give one answer per line (e.g. B, A,C or T): standard input must be lines of text, not a device or a binary file.', 'INPUT_LINE_TOO_LONG');
        onOverlong?.(overlong);
        rl.close();
      });
    }
    if (overlong) throw overlong;
    const tooLong = new Promise<never>((_, reject) => {
      onOverlong = reject;
    });
    const next = await Promise.race([lines.next(), interrupt, tooLong]);
    if (next.done) throw new PromptAborted('end-of-input');
    return next.value.trim();
  }

  const print = (text: string) => output.write(`${text}\n`);
  // No terminal to ask: COLUMNS when set, else 80.
  const width = layoutWidth(process.env);

  return {
    interactive: false,
    width,
    print,
    async session(driver: SessionDriver): Promise<void> {
      let shown = '';
      while (!driver.finished) {
        const screen = driver.view();
        if (screen.screen === 'review') {
          // No review screen in line mode: the end of the questions submits, saying what is left open.
          driver.dispatch({ type: 'submit' });
          continue;
        }
        if (screen.screen === 'confirm') {
          const v = screen.view;
          print(wrap(`Submitting: ${v.total - v.unanswered}/${v.total} answered, ${v.unanswered} unanswered, ${v.flagged} flagged.`, width));
          driver.dispatch({ type: 'confirm', yes: true });
          continue;
        }
        const view = screen.view;
        if (view.feedback) {
          // The screen renderer (and its width-aware layout) loads after the first question, not before it.
          const { renderQuestion } = await import('./render-exam.js');
          print(`\n${renderQuestion(view, theme, width).split('\n').slice(2, -1).join('\n')}`);
          driver.dispatch({ type: 'continue' });
          continue;
        }
        const id = `${view.position}/${view.total}`;
        if (shown !== id) {
          shown = id;
          const exhibit = view.exhibit ? `${(await import('./render-exam.js')).exhibitBox(view.exhibit, width).join('\n')}\n` : '';
          print(`\n${exhibit}${renderLineQuestion(view, width)}`);
        }
        output.write(view.type === 'numeric' ? `Answer (${view.unit ?? ''}): ` : 'Answer: ');
        const line = await readLine();
        if (!(source() as { isTTY?: boolean }).isTTY) output.write('\n');
        if (view.type === 'numeric') {
          driver.dispatch({ type: 'set-entry', text: line });
          driver.dispatch({ type: 'check' });
          const after = driver.view();
          // Bad input gets its one-line hint and another try; it is never marked.
          if (after.screen === 'question' && after.view.notice && after.view.position === view.position && !after.view.feedback) print(after.view.notice);
          continue;
        }
        const keys = parseAnswerLine(line, view);
        if (!keys) {
          print(wrap(`"${line}" is not an answer here: use ${view.choices.map((c) => c.key).join(', ')}${view.type === 'multi' ? ' (several allowed)' : ''}, or an empty line to skip.`, width));
          continue;
        }
        // An empty line skips: it never deletes an answer already given.
        if (keys.length > 0) driver.dispatch({ type: 'set', keys });
        driver.dispatch(view.mode === 'practice' ? { type: 'check' } : { type: 'next' });
      }
    },
    async flashcard(view): Promise<CardAction> {
      print(`\n${wrap(`[${view.counts.fresh} new · ${view.counts.learning} learning · ${view.counts.review} review] ${view.front}`, width)}`);
      print(wrap(`--- ${view.back}`, width));
      print(wrap(`Ref: ${view.refs.join('; ')}`, width));
      print(ratingBar(view, theme));
      for (;;) {
        output.write('Rating (1-4): ');
        const line = (await readLine()).toLowerCase();
        if (!(source() as { isTTY?: boolean }).isTTY) output.write('\n');
        const rating = ({ '1': 1, again: 1, '2': 2, hard: 2, '3': 3, good: 3, '4': 4, easy: 4 } as const)[line as '1'];
        if (rating) return { type: 'rate', rating };
        const other = ({ u: 'undo', b: 'bury', s: 'suspend', q: 'quit' } as const)[line as 'u'];
        if (other) return { type: other };
        print(wrap(`"${line}" is not a rating: use 1 Again, 2 Hard, 3 Good or 4 Easy.`, width));
      }
    },
    async confirm(message, defaultValue) {
      print(wrap(`${message} ${defaultValue ? '(yes)' : '(no)'}`, width));
      return defaultValue;
    },
    close() {
      // The result is printed: stop reading, so a pipe left open does not keep the process waiting.
      reader?.close();
      if (!input) process.stdin.destroy();
      process.removeListener('SIGINT', onInterrupt);
    },
  };
}

/** A question as plain lines: the stem, its choices (wrapped lines under their text), and how to answer. */
function renderLineQuestion(view: QuestionView, width: number): string {
  const lines = [wrap(`[${view.position}/${view.total}] ${view.stem}`, width)];
  if (view.type === 'multi' && !/select all|all that apply/i.test(view.stem)) lines.push('(select all that apply: answer with letters, e.g. A,C)');
  for (const c of view.choices) lines.push(wrap(c.text, width, { first: `  ${c.key}) `, rest: '     ' }));
  return lines.join('\n');
}

/** "b", "B", "2" -> ["B"]; "a,c" / "A C" / "AC" -> ["A","C"]; "true"/"t" -> ["T"]; "" -> []. */
export function parseAnswerLine(line: string, view: Pick<QuestionView, 'type' | 'choices'>): string[] | undefined {
  const text = line.trim().toUpperCase();
  if (text === '') return [];
  if (view.type === 'truefalse') {
    if (['T', 'TRUE', '1'].includes(text)) return ['T'];
    if (['F', 'FALSE', '2'].includes(text)) return ['F'];
    return undefined;
  }
  const tokens = /^[A-E]+$/.test(text) ? text.split('') : text.split(/[\s,;]+/).filter(Boolean);
  const keys = tokens.map((tok) => (/^[1-5]$/.test(tok) ? String.fromCharCode(64 + Number(tok)) : tok));
  const valid = new Set(view.choices.map((c) => c.key));
  if (keys.some((k) => !valid.has(k))) return undefined;
  const unique = [...new Set(keys)];
  if (view.type === 'single' && unique.length !== 1) return undefined;
  return unique;
}
