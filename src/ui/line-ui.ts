import { ratingBar, renderFeedback, wrap } from './render.js';
import type { Theme } from './theme.js';
import { PromptAborted, type CardAction, type ExamAction, type QuestionView, type Ui } from './views.js';

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
  process.once('SIGINT', () => interrupted?.());

  async function readLine(): Promise<string> {
    const interrupt = new Promise<never>((_, reject) => {
      interrupted = () => reject(new PromptAborted('interrupt'));
    });
    if (!lines) {
      const { createInterface } = await import('node:readline');
      lines = createInterface({ input: source(), terminal: false })[Symbol.asyncIterator]();
    }
    const next = await Promise.race([lines.next(), interrupt]);
    if (next.done) throw new PromptAborted('end-of-input');
    return next.value.trim();
  }

  const print = (text: string) => output.write(`${text}\n`);
  const width = 80;

  return {
    interactive: false,
    width,
    print,
    async question(view: QuestionView): Promise<ExamAction> {
      print(`\n[${view.position}/${view.total}] ${wrap(view.stem, width)}`);
      if (view.type === 'multi') print('(select all that apply: answer with letters, e.g. A,C)');
      for (const c of view.choices) print(`  ${c.key}) ${c.text}`);
      for (;;) {
        output.write('Answer: ');
        const line = await readLine();
        if (!(source() as { isTTY?: boolean }).isTTY) output.write('\n');
        const keys = parseAnswerLine(line, view);
        if (keys) return { type: 'answerAndNext', keys };
        print(`"${line}" is not an answer here: use ${view.choices.map((c) => c.key).join(', ')}${view.type === 'multi' ? ' (several allowed)' : ''}, or an empty line to skip.`);
      }
    },
    async feedback(view) {
      print(`\n${renderFeedback(view, theme, width)}`);
    },
    async review() {
      return { type: 'submit' };
    },
    async flashcard(view): Promise<CardAction> {
      print(`\n[${view.counts.fresh} new · ${view.counts.learning} learning · ${view.counts.review} review] ${wrap(view.front, width)}`);
      print(`--- ${wrap(view.back, width)}`);
      print(`Ref: ${view.refs.join('; ')}`);
      print(ratingBar(view, theme));
      for (;;) {
        output.write('Rating (1-4): ');
        const line = (await readLine()).toLowerCase();
        if (!(source() as { isTTY?: boolean }).isTTY) output.write('\n');
        const rating = ({ '1': 1, again: 1, '2': 2, hard: 2, '3': 3, good: 3, '4': 4, easy: 4 } as const)[line as '1'];
        if (rating) return { type: 'rate', rating };
        const other = ({ u: 'undo', b: 'bury', s: 'suspend', q: 'quit' } as const)[line as 'u'];
        if (other) return { type: other };
        print(`"${line}" is not a rating: use 1 Again, 2 Hard, 3 Good or 4 Easy.`);
      }
    },
    async confirm(message, defaultValue) {
      print(`${message} ${defaultValue ? '(yes)' : '(no)'}`);
      return defaultValue;
    },
  };
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
