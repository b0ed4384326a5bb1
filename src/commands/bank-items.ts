import { layoutWidth } from '../ui/layout.js';
import { addScores, analyseItemTotals, MIN_ANSWERS_PER_ATTEMPT, type ItemAnalysis, type ItemTotals } from '../report/item-analysis.js';
import { reportFromCounts, type ItemCounts, type ItemReport, type ItemWrongAnswers } from '../report/item-report.js';
import { parseStoredJson } from '../store/integrity.js';
import type { Response } from '../bank/schema.js';
import type { QuestionPool } from '../bank/pool.js';
import { NoHistory } from '../store/open.js';
import type { HistoryStore } from '../store/history.js';
import { ITEMS_SHOWN, renderItemAnalysis } from '../ui/render-bank.js';
import { openHistory, stdoutTheme, type GlobalOptions } from './context.js';
import { isTerminal, writeOut } from '../startup/stdout.js';
import { loadUsablePool } from './load-bank.js';

/** `mrso bank items`: per-item difficulty, distractor picks and discrimination from the history, for bank authors. */
export async function bankItemsCommand(options: { json?: boolean }, globals: GlobalOptions): Promise<void> {
  // The pool, not the whole bank: its ids, and a select-all item's key from the compiled bank's header (no question parsed).
  const pool = await loadUsablePool(globals);
  let analysis: ItemAnalysis[] = [];
  let report: ItemReport = { shown: [], total: 0, flagged: 0 };
  try {
    const store = openHistory(globals, { readonly: true });
    try {
      const bankIds = new Set<string>();
      for (let p = 0; p < pool.size; p++) bankIds.add(pool.idAt(p)!);
      const keysOf = (ids: string[]) => selectAllKeys(pool, ids);
      // --json lists every item whole; the terminal shows the first ITEMS_SHOWN, so it reads few items' wrong answers.
      if (options.json) analysis = analyseItemTotals(itemTotalsOf(store, bankIds, keysOf));
      else report = reportFromCounts(itemCountsOf(store, bankIds), ITEMS_SHOWN, (ids) => wrongAnswersOf(store, ids, keysOf));
    } finally {
      store.close();
    }
  } catch (error) {
    if (!(error instanceof NoHistory)) throw error;
  }
  // Straight to file descriptor 1, and the width asked of a terminal only: process.stdout on a pipe would set up the stream code (~5 ms).
  const columns = isTerminal(1) ? process.stdout.columns : undefined;
  writeOut(`${options.json ? JSON.stringify(analysis, null, 2) : renderItemAnalysis(report, stdoutTheme(), layoutWidth(process.env, columns))}\n`);
}

/**
 * Per bank item: totals, wrong answers, and the strong/weak totals, from the
 * history's running aggregates. `keysOf` gives the keyed letters of the
 * select-all items among the ids it is asked about (those with a wrong answer:
 * a select-all item's wrong answers are read option by option).
 */
export function itemTotalsOf(store: HistoryStore, bankIds: ReadonlySet<string>, keysOf: (ids: string[]) => Map<string, readonly string[]>): ItemTotals[] {
  const picks = new Map<string, Map<string, number>>();
  for (const row of store.itemAnswerCounts()) {
    if (row.correct || !bankIds.has(row.itemId)) continue;
    let item = picks.get(row.itemId);
    if (!item) picks.set(row.itemId, (item = new Map()));
    addPick(item, row.response, row.count, store.path);
  }
  const keys = keysOf([...picks.keys()]);
  return itemCountsOf(store, bankIds).map((counts) => {
    const key = keys.get(counts.itemId);
    return { ...counts, wrongPicks: [...(picks.get(counts.itemId) ?? [])].map(([choice, count]) => ({ choice, count })), ...(key ? { key } : {}) };
  });
}

/**
 * Per bank item, its totals and score sums, without its wrong answers
 * (reportFromCounts reads those of a few): one row per item, plus the
 * answers of scored attempts still open, which the store has not banded.
 */
export function itemCountsOf(store: HistoryStore, bankIds: ReadonlySet<string>): ItemCounts[] {
  const { ids, answered, correct, scores } = store.itemSummaries();
  const open = store.openScoredAnswers(MIN_ANSWERS_PER_ATTEMPT);
  if (open.items.length > 0) {
    const at = new Map(ids.map((id, k) => [id, k]));
    for (let k = 0; k < open.items.length; k++) {
      const item = at.get(open.items[k]!);
      if (item !== undefined) addScores(scores[item]!, open.bands[k]!, 1, open.correct[k]!);
    }
  }
  const items: ItemCounts[] = [];
  for (let k = 0; k < ids.length; k++) if (bankIds.has(ids[k]!)) items.push({ itemId: ids[k]!, answered: answered[k]!, correct: correct[k]!, scores: scores[k]! });
  return items;
}

/** The wrong answers of these items, and the keys of the select-all ones among them. */
export function wrongAnswersOf(store: HistoryStore, ids: string[], keysOf: (ids: string[]) => Map<string, readonly string[]>): Map<string, ItemWrongAnswers> {
  const picks = new Map<string, Map<string, number>>();
  for (const row of store.wrongAnswersOf(ids)) {
    let item = picks.get(row.itemId);
    if (!item) picks.set(row.itemId, (item = new Map()));
    addPick(item, row.response, row.count, store.path);
  }
  const keys = keysOf([...picks.keys()]);
  return new Map(
    [...picks].map(([itemId, p]) => {
      const key = keys.get(itemId);
      return [itemId, { wrongPicks: [...p].map(([choice, count]) => ({ choice, count })), ...(key ? { key } : {}) }];
    }),
  );
}

/** Count one stored wrong answer (its JSON) under the choice it names. */
function addPick(picks: Map<string, number>, stored: string, count: number, path: string): void {
  const choice = choiceText(parseStoredJson<Response>(stored, path, 'recorded answer'));
  picks.set(choice, (picks.get(choice) ?? 0) + count);
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
