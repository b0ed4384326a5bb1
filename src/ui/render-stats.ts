import type { StatsView, Standing } from '../report/stats.js';
import type { Theme } from './theme.js';

const cell = (s: Standing) =>
  s.percent === null
    ? '   –            '
    : `${s.percent.toFixed(0).padStart(3)}%  ${`${s.low!.toFixed(0)}–${s.high!.toFixed(0)}%`.padEnd(9)}`;

/** The stats screen; `--json` prints the same view object instead. */
export function renderStats(view: StatsView, t: Theme): string {
  if (view.answered === 0) {
    return [
      t.title('No history yet'),
      'Answer a few questions and your standing per module, topic and exam domain appears here.',
      `Start with: ${t.key('mrso exam --mode practice --count 20')}`,
    ].join('\n');
  }
  const mark = (s: Standing) => (s.weak ? t.bad(' weak') : '');
  const lines = [
    t.title('Your standing'),
    `${view.answered} answers, ${view.percent!.toFixed(1)}% correct ${t.dim('(95% interval shown per row; weak = upper bound under 70% or clearly below your average)')}`,
    '',
    t.strong('Module                                          answered  correct  95% CI'),
  ];
  for (const m of view.modules) {
    lines.push(`  ${String(m.number).padStart(2)} ${m.title.slice(0, 42).padEnd(43)} ${String(m.answered).padStart(6)}  ${cell(m)}${mark(m)}`);
  }
  lines.push('', t.strong('ABMRS exam domain                               answered  correct  95% CI'));
  for (const d of view.domains) {
    lines.push(`     ${d.title.slice(0, 42).padEnd(43)} ${String(d.answered).padStart(6)}  ${cell(d)}${mark(d)}`);
  }
  if (view.weakestTopics.length > 0) {
    lines.push('', t.strong('Weakest topics'));
    for (const tp of view.weakestTopics) {
      lines.push(`  ${`m${tp.module} ${tp.topic}`.padEnd(24)} ${tp.title.slice(0, 40).padEnd(41)} ${cell(tp)} ${t.dim(`(${tp.correct}/${tp.answered})`)}${mark(tp)}`);
    }
  }
  if (view.exams.length > 0) {
    lines.push('', t.strong('Recent mock exams'));
    for (const e of view.exams.slice(0, 5)) {
      const pct = (100 * e.correct) / e.total;
      lines.push(`  #${String(e.id).padEnd(5)} ${e.finishedAt.slice(0, 16).replace('T', ' ')}  ${e.correct}/${e.total} (${pct.toFixed(0)}%)  ${e.passed ? t.good('pass') : t.bad('not yet')}`);
    }
  }
  if (view.next) lines.push('', `Next: ${t.key(view.next)}`);
  return lines.join('\n');
}
