import type { BankIssue } from '../bank/types.js';
import type { BankSummary } from '../report/bank-summary.js';
import type { ItemAnalysis } from '../report/item-analysis.js';
import type { Theme } from './theme.js';
import { sanitizeLine } from './sanitize.js';

/** A finding as one line: file:line:col id: message. */
export function formatIssue(i: BankIssue): string {
  // Files, ids and messages may quote the bank's own text: printed without control characters.
  return sanitizeLine(`${i.file}:${i.line}:${i.col}${i.id ? ` ${i.id}` : ''}: ${i.message}`);
}

/** `mrso bank check` on the terminal: counts per module, then every finding, then the verdict. */
export function renderBankCheck(summary: BankSummary, t: Theme): string {
  const lines = [t.title(`Bank ${sanitizeLine(summary.dir)}: ${summary.questions} questions, ${summary.cards} cards`)];
  for (const m of summary.byModule) {
    const types = `${m.byType['single']} single, ${m.byType['truefalse']} true/false, ${m.byType['multi']} select-all${m.byType['numeric'] ? `, ${m.byType['numeric']} numeric` : ''}`;
    lines.push(`  ${String(m.module).padStart(2)} ${sanitizeLine(m.title).padEnd(44)} ${String(m.questions).padStart(4)} q ${String(m.cards).padStart(4)} cards  ${t.dim(types)}`);
    lines.push(t.dim(`       ${Object.entries(m.byTopic).map(([k, v]) => `${sanitizeLine(k)} ${v}`).join(' · ')}`));
  }
  lines.push(t.dim(`  domains: ${Object.entries(summary.byDomain).map(([k, v]) => `${k} ${v}`).join(' · ')}`));
  for (const issue of summary.issues) {
    lines.push(`${issue.severity === 'error' ? t.bad('error') : t.warn('warning')} ${formatIssue(issue)}`);
  }
  lines.push(summary.errors === 0 ? t.good(`OK: no errors${summary.warnings ? `, ${summary.warnings} warning(s)` : ''}`) : t.bad(`${summary.errors} error(s), ${summary.warnings} warning(s)`));
  return lines.join('\n');
}

/** `mrso bank items` on the terminal: one row per item, and a warning under a suspect key. */
export function renderItemAnalysis(analysis: ItemAnalysis[], t: Theme): string {
  if (analysis.length === 0) return 'No answers recorded yet: item analysis needs history (mrso exam).';
  const lines = [t.strong(`${'item'.padEnd(26)} answered  correct  discrim.  most-picked wrong answers`)];
  for (const a of analysis) {
    const d = a.discrimination === null ? '   –' : a.discrimination.toFixed(2).padStart(5);
    const picks = [...a.wrongPicks.slice(0, 3).map((p) => `${sanitizeLine(p.choice)}×${p.count}`), ...a.missedOptions.slice(0, 3).map((p) => `no ${sanitizeLine(p.choice)}×${p.count}`)].join(' ');
    lines.push(`${sanitizeLine(a.itemId).padEnd(26)} ${String(a.answered).padStart(8)}  ${`${a.percentCorrect.toFixed(0)}%`.padStart(7)}  ${d}    ${picks}`);
    if (a.flag) lines.push(t.warn(`  ⚠ ${a.flag}`));
  }
  return lines.join('\n');
}
