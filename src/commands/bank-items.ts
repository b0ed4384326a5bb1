import { layoutWidth } from '../ui/layout.js';
import { analyseItemTotals, countBands, emptyGroupSums, groupTotals, MIN_ANSWERS_PER_ATTEMPT, scoreBand, splitBands, type ItemAnalysis, type ItemTotals } from '../report/item-analysis.js';
import { parseStoredJson } from '../store/integrity.js';
import type { Response } from '../bank/schema.js';
import type { QuestionPool } from '../bank/pool.js';
import { NoHistory } from '../store/open.js';
import type { HistoryStore } from '../store/history.js';
import { renderItemAnalysis } from '../ui/render-bank.js';
import { openHistory, stdoutTheme, type GlobalOptions } from './context.js';
import { isTerminal, writeOut } from '../startup/stdout.js';
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
  // Straight to file descriptor 1, and the width asked of a terminal only: process.stdout on a pipe would set up the stream code (~5 ms).
  const columns = isTerminal(1) ? process.stdout.columns : undefined;
  writeOut(`${options.json ? JSON.stringify(analysis, null, 2) : renderItemAnalysis(analysis, stdoutTheme(), layoutWidth(process.env, columns))}\n`);
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
  const { bands, open } = store.scoreBands(MIN_ANSWERS_PER_ATTEMPT);
  const openBands = open.map((a) => ({ id: a.id, band: scoreBand(a.answered, a.correct) }));
  const counts = countBands(openBands.map((a) => a.band));
  for (const [band, n] of bands) counts.set(band, (counts.get(band) ?? 0) + n);
  const split = splitBands(counts);
  const sums = store.groupSums(split, openBands);
  const keys = keysOf([...items].filter(([, t]) => t.picks.size > 0).map(([id]) => id));
  return [...items].map(([itemId, t]) => {
    const key = keys.get(itemId);
    return {
      itemId,
      answered: t.answered,
      correct: t.correct,
      ...groupTotals(sums.get(itemId) ?? emptyGroupSums(), split),
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
