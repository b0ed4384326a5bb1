import type { BankIssue } from '../bank/types.js';
import type { BankSummary } from '../report/bank-summary.js';
import type { ItemReport } from '../report/item-report.js';
import type { Theme } from './theme.js';
import { sanitizeLine } from './sanitize.js';
import { pad, table, wrap } from './layout.js';

/** A finding as one line: file:line:col id: message. */
export function formatIssue(i: BankIssue): string {
  // Files, ids and messages may quote the bank's own text: printed without control characters.
  return sanitizeLine(`${i.file}:${i.line}:${i.col}${i.id ? ` ${i.id}` : ''}: ${i.message}`);
}

/** `mrso bank check` on the terminal: counts per module, then every finding, then the verdict. */
export function renderBankCheck(summary: BankSummary, t: Theme, width = 80): string {
  const lines = [t.title(wrap(`Bank ${sanitizeLine(summary.dir)}: ${summary.questions} questions, ${summary.cards} cards`, width))];
  // Module title (wrapped in its own column), questions and cards line up; types and topics wrap below.
  const room = width - 5 - 18;
  for (const m of summary.byModule) {
    const types = `${m.byType['single']} single, ${m.byType['truefalse']} true/false, ${m.byType['multi']} select-all${m.byType['numeric'] ? `, ${m.byType['numeric']} numeric` : ''}`;
    const title = wrap(sanitizeLine(m.title), room).split('\n');
    lines.push(`  ${String(m.module).padStart(2)} ${pad(title[0]!, room)} ${String(m.questions).padStart(4)} q ${String(m.cards).padStart(4)} cards`, ...title.slice(1).map((line) => `     ${line}`));
    lines.push(t.dim(wrap(types, width, { first: '       ' })));
    lines.push(t.dim(wrap(Object.entries(m.byTopic).map(([k, v]) => `${sanitizeLine(k)} ${v}`).join(' · '), width, { first: '       ' })));
  }
  lines.push(t.dim(wrap(Object.entries(summary.byDomain).map(([k, v]) => `${k} ${v}`).join(' · '), width, { first: '  domains: ', rest: '    ' })));
  for (const issue of summary.issues) {
    lines.push(`${issue.severity === 'error' ? t.bad('error') : t.warn('warning')} ${formatIssue(issue)}`);
  }
  lines.push(summary.errors === 0 ? t.good(`OK: no errors${summary.warnings ? `, ${summary.warnings} warning(s)` : ''}`) : t.bad(`${summary.errors} error(s), ${summary.warnings} warning(s)`));
  return lines.join('\n');
}

/** How many items the terminal report lists: the flagged and least discriminating first; --json has every item. */
export const ITEMS_SHOWN = 40;

/**
 * `mrso bank items` on the terminal: one row per item shown (the first
 * ITEMS_SHOWN in the analysis's order: flagged first), a warning under a
 * suspect key, and how many more there are.
 */
export function renderItemAnalysis(report: ItemReport, t: Theme, width = 80): string {
  if (report.total === 0) return wrap('No answers recorded yet: item analysis needs history (mrso exam).', width);
  const { shown } = report;
  const columns = [{ header: 'item' }, { header: 'seen', align: 'right' as const }, { header: 'right', align: 'right' as const }, { header: 'discr.', align: 'right' as const }, { header: 'wrong picks', flex: true, min: 11 }];
  const rows = shown.map((a) => {
    const picks = [...a.wrongPicks.slice(0, 3).map((p) => `${sanitizeLine(p.choice)}×${p.count}`), ...a.missedOptions.slice(0, 3).map((p) => `no ${sanitizeLine(p.choice)}×${p.count}`)].join(' ');
    return [sanitizeLine(a.itemId), String(a.answered), `${a.percentCorrect.toFixed(0)}%`, a.discrimination === null ? '–' : a.discrimination.toFixed(2), picks];
  });
  const lines = table(columns, rows, width, { styleHeader: t.strong });
  const out = [lines[0]!];
  let row = 0;
  for (const line of lines.slice(1)) {
    // A row's first line starts with its item id; its flag goes after its last line.
    if (!line.startsWith(' ') && row > 0 && shown[row - 1]!.flag) out.push(t.warn(wrap(`⚠ ${shown[row - 1]!.flag}`, width, { first: '  ' })));
    if (!line.startsWith(' ')) row++;
    out.push(line);
  }
  if (row > 0 && shown[row - 1]!.flag) out.push(t.warn(wrap(`⚠ ${shown[row - 1]!.flag}`, width, { first: '  ' })));
  const { flagged } = report;
  const more = report.total - shown.length;
  // Thousands grouped by hand: toLocaleString loads the ICU data (~10 ms).
  const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ',');
  const count = (n: number, what: string) => `${grouped(n)} ${what}${n === 1 ? '' : 's'}`;
  const summary = `${count(report.total, 'item')} answered, ${grouped(flagged)} flagged`;
  out.push(t.dim(wrap(more > 0 ? `${summary}; ${count(more, 'more item')} not shown: mrso bank items --json lists every item.` : `${summary}.`, width)));
  return out.join('\n');
}
