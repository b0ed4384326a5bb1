import type { Bank, BankIssue } from '../bank/types.js';
import { UserError } from '../errors.js';
import type { Theme } from '../ui/theme.js';
import { bankDir, bankLabel, printLine, stdoutTheme, type GlobalOptions } from './context.js';
import { formatIssue, readBank } from './load-bank.js';

export interface BankCheckOptions {
  json?: boolean;
}

export interface BankSummary {
  dir: string;
  questions: number;
  cards: number;
  errors: number;
  warnings: number;
  byModule: { module: number; title: string; questions: number; cards: number; byType: Record<string, number>; byTopic: Record<string, number> }[];
  byDomain: Record<string, number>;
  issues: BankIssue[];
}

export async function bankCheckCommand(options: BankCheckOptions, globals: GlobalOptions): Promise<void> {
  const dir = bankDir(globals);
  // Every byte is read and hashed here, whatever the files' signature: this is the command that vouches for the bank.
  const { bank, issues } = await readBank(dir, undefined, { trustSignature: false });
  runBankCheck(options, summarise(bankLabel(globals), bank, issues), { theme: stdoutTheme(), print: printLine });
}

export function summarise(dir: string, bank: Bank, issues: BankIssue[]): BankSummary {
  const byDomain: Record<string, number> = {};
  for (const q of bank.questions) byDomain[q.domain] = (byDomain[q.domain] ?? 0) + 1;
  return {
    dir,
    questions: bank.questions.length,
    cards: bank.cards.length,
    errors: issues.filter((i) => i.severity === 'error').length,
    warnings: issues.filter((i) => i.severity === 'warning').length,
    byModule: bank.modules.map((m) => {
      const qs = bank.questions.filter((q) => q.module === m.number);
      const byType: Record<string, number> = { single: 0, truefalse: 0, multi: 0, numeric: 0 };
      const byTopic: Record<string, number> = Object.fromEntries(Object.keys(m.topics).map((t) => [t, 0]));
      for (const q of qs) {
        byType[q.type] = (byType[q.type] ?? 0) + 1;
        byTopic[q.topic] = (byTopic[q.topic] ?? 0) + 1;
      }
      return { module: m.number, title: m.title, questions: qs.length, cards: bank.cards.filter((c) => c.module === m.number).length, byType, byTopic };
    }),
    byDomain,
    issues,
  };
}

/** `mrso bank check`: counts, then every problem as file:line:col id: message; exit 1 on any error. */
export function runBankCheck(options: BankCheckOptions, summary: BankSummary, deps: { theme: Theme; print: (s: string) => void }): void {
  const t = deps.theme;
  if (options.json) {
    deps.print(JSON.stringify(summary, null, 2));
  } else {
    const lines = [t.title(`Bank ${summary.dir}: ${summary.questions} questions, ${summary.cards} cards`)];
    for (const m of summary.byModule) {
      const types = `${m.byType['single']} single, ${m.byType['truefalse']} true/false, ${m.byType['multi']} select-all${m.byType['numeric'] ? `, ${m.byType['numeric']} numeric` : ''}`;
      lines.push(`  ${String(m.module).padStart(2)} ${m.title.padEnd(44)} ${String(m.questions).padStart(4)} q ${String(m.cards).padStart(4)} cards  ${t.dim(types)}`);
      lines.push(t.dim(`       ${Object.entries(m.byTopic).map(([k, v]) => `${k} ${v}`).join(' · ')}`));
    }
    lines.push(t.dim(`  domains: ${Object.entries(summary.byDomain).map(([k, v]) => `${k} ${v}`).join(' · ')}`));
    for (const issue of summary.issues) {
      lines.push(`${issue.severity === 'error' ? t.bad('error') : t.warn('warning')} ${formatIssue(issue)}`);
    }
    lines.push(summary.errors === 0 ? t.good(`OK: no errors${summary.warnings ? `, ${summary.warnings} warning(s)` : ''}`) : t.bad(`${summary.errors} error(s), ${summary.warnings} warning(s)`));
    deps.print(lines.join('\n'));
  }
  if (summary.errors > 0) {
    throw new UserError(`the bank has ${summary.errors} error(s)`, 'Fix each file:line above and run mrso bank check again.');
  }
}
