import { analyseItems, type ItemAnalysis } from '../report/item-analysis.js';
import type { Response } from '../bank/schema.js';
import { NoHistory } from '../store/open.js';
import { renderItemAnalysis } from '../ui/render-bank.js';
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
          .map((r) => ({ attemptId: r.attemptId, itemId: r.itemId, correct: r.correct, choice: choiceText(JSON.parse(r.response) as Response) })),
      );
    } finally {
      store.close();
    }
  } catch (error) {
    if (!(error instanceof NoHistory)) throw error;
  }
  printLine(options.json ? JSON.stringify(analysis, null, 2) : renderItemAnalysis(analysis, stdoutTheme()));
}

function choiceText(response: Response): string {
  if (typeof response === 'boolean') return response ? 'true' : 'false';
  if (Array.isArray(response)) return response.join(',');
  return typeof response === 'string' ? response : `${response.value} ${response.unit}`;
}
