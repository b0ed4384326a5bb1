import { layoutWidth } from '../ui/layout.js';
import { analyseItemTotals, splitAttempts, type ItemAnalysis, type ItemTotals } from '../report/item-analysis.js';
import { parseStoredJson } from '../store/integrity.js';
import type { Response } from '../bank/schema.js';
import type { QuestionPool } from '../bank/pool.js';
import { NoHistory } from '../store/open.js';
import type { HistoryStore } from '../store/history.js';
import { renderItemAnalysis } from '../ui/render-bank.js';
import { openHistory, printLine, stdoutTheme, type GlobalOptions } from './context.js';
import { loadUsablePool } from './load-bank.js';

/** `mrso bank items`: per-item difficulty, distractor picks and discrimination from the history, for bank authors. */
export async function bankItemsCommand(options: { json?: boolean }, globals: GlobalOptions): Promise<void> {
  // The pool, not the whole bank: its ids, and a select-all item's key from the compiled bank's header (no question parsed).
  const pool = await loadUsablePool(globals);
  let analysis: ItemAnalysis[] = [];
  try {
    const store = openHistory(globals, { readonly: true });
    try {
      const bankIds = new Set<string>();
      for (let p = 0; p < pool.size; p++) bankIds.add(pool.idAt(p)!);
      analysis = analyseItemTotals(itemTotalsOf(store, bankIds, (ids) => selectAllKeys(pool, ids)));
    } finally {
      store.close();
    }
  } catch (error) {
    if (!(error instanceof NoHistory)) throw error;
  }
  printLine(options.json ? JSON.stringify(analysis, null, 2) : renderItemAnalysis(analysis, stdoutTheme(), layoutWidth(process.env, process.stdout.columns)));
}

/**
 * Per bank item: totals, wrong answers, and the strong/weak totals, from the
 * history's running aggregates. `keysOf` gives the keyed letters of the
 * select-all items among the ids it is asked about (those with a wrong answer:
 * a select-all item's wrong answers are read option by option).
 */
export function itemTotalsOf(store: HistoryStore, bankIds: ReadonlySet<string>, keysOf: (ids: string[]) => Map<string, readonly string[]>): ItemTotals[] {
  const items = new Map<string, { answered: number; correct: number; picks: Map<string, number> }>();
  for (const row of store.itemAnswerCounts()) {
    if (!bankIds.has(row.itemId)) continue;
    let item = items.get(row.itemId);
    if (!item) items.set(row.itemId, (item = { answered: 0, correct: 0, picks: new Map() }));
    item.answered += row.count;
    if (row.correct) {
      item.correct += row.count;
      continue;
    }
    const response = parseStoredJson<Response>(row.response, store.path, 'recorded answer');
    const choice = choiceText(response);
    item.picks.set(choice, (item.picks.get(choice) ?? 0) + row.count);
  }
  const attempts = store.attemptScores();
  const groups = store.groupTotals(attempts, splitAttempts(attempts));
  const keys = keysOf([...items].filter(([, t]) => t.picks.size > 0).map(([id]) => id));
  const none = { answered: 0, correct: 0 };
  return [...items].map(([itemId, t]) => {
    const key = keys.get(itemId);
    return {
      itemId,
      answered: t.answered,
      correct: t.correct,
      strong: groups.get(itemId)?.strong ?? none,
      weak: groups.get(itemId)?.weak ?? none,
      wrongPicks: [...t.picks].map(([choice, count]) => ({ choice, count })),
      ...(key ? { key } : {}),
    };
  });
}

function selectAllKeys(pool: QuestionPool, ids: string[]): Map<string, readonly string[]> {
  const keys = new Map<string, readonly string[]>();
  for (const id of ids) {
    const key = pool.selectAllKey(id);
    if (key) keys.set(id, key);
  }
  return keys;
}

function choiceText(response: Response): string {
  if (typeof response === 'boolean') return response ? 'true' : 'false';
  if (Array.isArray(response)) return response.join(',');
  return typeof response === 'string' ? response : `${response.value} ${response.unit}`;
}
