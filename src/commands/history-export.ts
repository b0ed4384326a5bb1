import { UsageError } from '../errors.js';
import { csvCell, writeExport } from '../files/export-file.js';
import type { ExportedAnswer } from '../store/sessions.js';
import { openHistory, printLine, type GlobalOptions } from './context.js';

/** `mrso history export` flags as commander hands them over. */
export interface HistoryExportFlags {
  format?: string;
  output?: string;
  force?: boolean;
}

/** The columns of the export, in order (JSON: the same names as keys). Documented in the README. */
export const EXPORT_COLUMNS = ['attemptId', 'mode', 'itemId', 'module', 'topic', 'domain', 'chosen', 'correct', 'confidence', 'struck', 'seconds', 'answeredAt'] as const;

/** `mrso history export`: every recorded answer, as JSON or CSV, to a file or stdout. */
export function historyExportCommand(flags: HistoryExportFlags, globals: GlobalOptions): void {
  const format = flags.format ?? 'json';
  if (format !== 'json' && format !== 'csv') throw new UsageError(`--format ${format}: use json or csv`);
  const output = flags.output ?? `mrso-history.${format}`;
  const store = openHistory(globals, { readonly: true });
  try {
    const rows = [...store.sessions().allAnswers()].map(exportRow);
    const text = format === 'json' ? `${JSON.stringify({ version: 1, answers: rows }, null, 2)}\n` : toCsv(rows);
    const where = writeExport(output, text, { force: flags.force ?? false });
    if (where !== 'stdout') printLine(`Wrote ${rows.length} answers to ${where}`);
  } finally {
    store.close();
  }
}

type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], string | number | boolean | string[] | null>;

/** One answer as exported: the choice in the item's own letters (or "true"/"false", or "0.5 mT"), and sure/guess. */
export function exportRow(a: ExportedAnswer): ExportRow {
  const chosen = a.chosen === null ? null : typeof a.chosen === 'boolean' ? String(a.chosen) : Array.isArray(a.chosen) ? a.chosen.join(',') : typeof a.chosen === 'object' ? `${a.chosen.value} ${a.chosen.unit}` : a.chosen;
  return {
    attemptId: a.attemptId,
    mode: a.mode,
    itemId: a.itemId,
    module: a.module,
    topic: a.topic,
    domain: a.domain,
    chosen,
    correct: a.correct,
    confidence: a.guess ? 'guess' : 'sure',
    struck: a.struck,
    seconds: a.seconds,
    answeredAt: a.answeredAt,
  };
}

function toCsv(rows: ExportRow[]): string {
  const cell = (v: ExportRow[keyof ExportRow]) => csvCell(v === null ? '' : Array.isArray(v) ? v.join(',') : String(v));
  return [EXPORT_COLUMNS.join(','), ...rows.map((r) => EXPORT_COLUMNS.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}
