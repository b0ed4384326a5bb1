import { UsageError } from '../errors.js';
import { layoutWidth } from '../ui/layout.js';
import { buildGuide } from '../report/guide.js';
import type { StatsView } from '../report/stats.js';
import { writeExport } from '../files/safe-export.js';
import { sanitizeLine } from '../ui/sanitize.js';
import { NoHistory } from '../store/open.js';
import { guideMarkdown, renderGuide } from '../ui/render-guide.js';
import { checkModules } from './options.js';
import { openHistory, printLine, stdoutTheme, systemClock, type GlobalOptions } from './context.js';
import { loadUsableBank } from './load-bank.js';
import { gatherStats } from './stats-data.js';
import { outlineOf } from '../bank/outline.js';

/** `mrso guide` flags as commander hands them over (values checked by the options table). */
export interface GuideFlags {
  module?: number[];
  export?: 'md';
  output?: string;
  force?: boolean;
}

/** `mrso guide`: objectives and outline per module with your standing; `--export md` writes a study guide. */
export async function guideCommand(flags: GuideFlags, globals: GlobalOptions, clock: () => number = systemClock): Promise<void> {
  const options = { ...flags, module: flags.module ?? [] };
  if (options.output !== undefined && !options.export) throw new UsageError('-o/--output goes with --export', 'For example: mrso guide --export md -o study-guide.md');
  const bank = await loadUsableBank(globals);
  checkModules(bank, options.module);
  let stats: StatsView | null = null;
  try {
    const store = openHistory(globals, { readonly: true });
    try {
      stats = gatherStats({ module: [], since: undefined }, { bank: outlineOf(bank), store, now: new Date(clock()) });
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
  printLine(renderGuide(guide, stdoutTheme(), layoutWidth(process.env, process.stdout.columns)));
}
