import { analyseItems, type ItemAnalysis } from '../report/item-analysis.js';
import type { Response } from '../bank/schema.js';
import { NoHistory } from '../store/open.js';
import { openHistory, printLine, stdoutTheme, type GlobalOptions } from './context.js';
import { loadUsableBank } from './load-bank.js';


/** `mrso bank items`: per-item difficulty, distractor picks and discrimination from the history, for bank authors. */
export async function bankItemsCommand(options: { json?: boolean }, globals: GlobalOptions): Promise<void> {
  const bank = await loadUsableBank(globals);
  let analysis: ItemAnalysis[] = [];
  try {
    const store = openHistory(globals, { readonly: true });
    try {
      analysis = analyseItems(
        store
          .answeredResponses()
          .filter((r) => bank.questionsById.has(r.itemId))
          .map((r) => {
            const q = bank.questionsById.get(r.itemId);
            return { attemptId: r.attemptId, itemId: r.itemId, correct: r.correct, choice: choiceText(JSON.parse(r.response) as Response), ...(q?.type === 'multi' ? { key: q.answer } : {}) };
          }),
      );
    } finally {
      store.close();
    }
  } catch (error) {
    if (!(error instanceof NoHistory)) throw error;
  }
  if (options.json) {
    printLine(JSON.stringify(analysis, null, 2));
    return;
  }
  const t = stdoutTheme();
  if (analysis.length === 0) {
    printLine('No answers recorded yet: item analysis needs history (mrso exam).');
    return;
  }
  printLine(t.strong(`${'item'.padEnd(26)} answered  correct  discrim.  most-picked wrong answers`));
  for (const a of analysis) {
    const d = a.discrimination === null ? '   –' : a.discrimination.toFixed(2).padStart(5);
    const picks = [...a.wrongPicks.slice(0, 3).map((p) => `${p.choice}×${p.count}`), ...a.missedOptions.slice(0, 3).map((p) => `no ${p.choice}×${p.count}`)].join(' ');
    printLine(`${a.itemId.padEnd(26)} ${String(a.answered).padStart(8)}  ${`${a.percentCorrect.toFixed(0)}%`.padStart(7)}  ${d}    ${picks}`);
    if (a.flag) printLine(t.warn(`  ⚠ ${a.flag}`));
  }
}

function choiceText(response: Response): string {
  if (typeof response === 'boolean') return response ? 'true' : 'false';
  if (Array.isArray(response)) return response.join(',');
  return typeof response === 'string' ? response : `${response.value} ${response.unit}`;
}
