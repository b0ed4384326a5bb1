import { buildGuide, guideMarkdown, type GuideModule } from '../report/guide.js';
import type { StatsView } from '../report/stats.js';
import { writeExport } from '../files/safe-export.js';
import { sanitizeLine } from '../ui/sanitize.js';
import { NoHistory } from '../store/open.js';
import type { Theme } from '../ui/theme.js';
import { checkModules } from './options.js';
import { openHistory, printLine, stdoutTheme, type GlobalOptions } from './context.js';
import { loadUsableBank } from './load-bank.js';
import { gatherStats } from './stats.js';
import { outlineOf } from '../bank/outline.js';

/** `mrso guide` flags as commander hands them over (values checked by their parsers in cli.ts). */
export interface GuideFlags {
  module?: number[];
  export?: 'md';
  output?: string;
  force?: boolean;
}

/** `mrso guide`: objectives and outline per module with your standing; `--export md` writes a study guide. */
export async function guideCommand(flags: GuideFlags, globals: GlobalOptions): Promise<void> {
  const options = { ...flags, module: flags.module ?? [] };
  const bank = await loadUsableBank(globals);
  checkModules(bank, options.module);
  let stats: StatsView | null = null;
  try {
    const store = openHistory(globals, { readonly: true });
    try {
      stats = gatherStats({ module: [], since: undefined }, { bank: outlineOf(bank), store, now: new Date() });
    } finally {
      store.close();
    }
  } catch (error) {
    if (!(error instanceof NoHistory)) throw error;
  }
  const guide = buildGuide(bank, stats, options.module);
  if (options.export) {
    const path = options.output ?? 'mrso-study-guide.md';
    const text = guideMarkdown(guide, bank);
    if (path === '-') process.stdout.write(text);
    else {
      writeExport(path, text, { force: options.force });
      printLine(`Wrote the study guide for ${guide.length} module(s) to ${sanitizeLine(path)}`);
    }
    return;
  }
  printLine(renderGuide(guide, stdoutTheme()));
}

function renderGuide(guide: GuideModule[], t: Theme): string {
  const lines: string[] = [];
  for (const m of guide) {
    lines.push(t.title(`Module ${m.number} — ${m.title}`) + t.dim(`  (${m.weight}% of a mock exam)`));
    if (m.summary) lines.push(m.summary);
    lines.push(t.strong('Objectives'), ...m.objectives.map((o) => `  • ${o}`), t.strong('Topics'));
    for (const topic of m.topics) {
      const s = topic.standing;
      const standing = s?.percent != null ? `${s.percent.toFixed(0)}% of ${s.answered}${s.weak ? t.bad(' weak') : ''}` : t.dim('not practised yet');
      lines.push(`  ${topic.title.padEnd(60)} ${standing}`, t.dim(`    ${topic.domain} · ${topic.questions} questions · ${topic.cards} cards`));
    }
    lines.push(`Practise: ${t.key(`mrso exam --mode practice --module ${m.number} --count 10`)}  ·  cards: ${t.key(`mrso cards --module ${m.number}`)}`, '');
  }
  return lines.join('\n');
}
