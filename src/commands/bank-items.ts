import { layoutWidth } from '../ui/layout.js';
import { analyseItemTotals, splitAttempts, type ItemAnalysis } from '../report/item-analysis.js';
import { parseStoredJson } from '../store/integrity.js';
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
      // Counted by SQLite (store/item-analysis-queries.ts), not one object per answer.
      const ids = new Set(bank.questions.map((q) => q.id));
      const { strong, weak } = splitAttempts(store.attemptScores(ids));
      analysis = analyseItemTotals(
        store.itemTotals(ids, { strong: [...strong], weak: [...weak] }).map((t) => {
          const picks = new Map<string, number>();
          for (const w of t.wrong) {
            const choice = choiceText(parseStoredJson<Response>(w.response, store.path, 'recorded answer'));
            picks.set(choice, (picks.get(choice) ?? 0) + w.count);
          }
          const q = bank.questionsById.get(t.itemId);
          return { ...t, wrongPicks: [...picks].map(([choice, count]) => ({ choice, count })), ...(q?.type === 'multi' ? { key: q.answer } : {}) };
        }),
      );
    } finally {
      store.close();
    }
  } catch (error) {
    if (!(error instanceof NoHistory)) throw error;
  }
  printLine(options.json ? JSON.stringify(analysis, null, 2) : renderItemAnalysis(analysis, stdoutTheme(), layoutWidth(process.env, process.stdout.columns)));
}

function choiceText(response: Response): string {
  if (typeof response === 'boolean') return response ? 'true' : 'false';
  if (Array.isArray(response)) return response.join(',');
  return typeof response === 'string' ? response : `${response.value} ${response.unit}`;
}
