import type { StatsView, Standing } from '../report/stats.js';
import type { Theme } from './theme.js';

const cell = (s: Standing) =>
  s.percent === null ? '   –  ' + ' '.repeat(10) : `${s.percent.toFixed(0).padStart(3)}%  ${`${s.low!.toFixed(0)}–${s.high!.toFixed(0)}%`.padEnd(9)} `;

function trend(s: Standing, t: Theme): string {
  if (s.trend === null) return '     ';
  const arrow = s.trend > 3 ? t.good('↑') : s.trend < -3 ? t.bad('↓') : '→';
  return `${arrow}${`${s.trend > 0 ? '+' : ''}${s.trend.toFixed(0)}`.padStart(4)}`;
}

/** The stats screen; `--json` prints the same view object instead. */
export function renderStats(view: StatsView, t: Theme): string {
  if (view.answered === 0) {
    return [
      t.title('No history yet'),
      'Answer a few questions and your standing per module, topic and exam domain appears here.',
      `Start with: ${t.key('mrso exam --mode practice --count 20')}`,
    ].join('\n');
  }
  const weak = (s: Standing) => (s.weak ? t.bad(' weak') : '');
  const row = (label: string, s: Standing) => `  ${label} ${String(s.answered).padStart(6)}  ${cell(s)} ${trend(s, t)}${weak(s)}`;
  const lines = [
    t.title('Your standing'),
    `${view.answered} answers, ${view.percent!.toFixed(1)}% correct`,
    t.dim('Each row: answered, percent correct, 95% interval, trend (last 2 weeks vs before); weak = upper bound under 70% or clearly below your average.'),
    '',
    t.strong(`  ${'Module (weakest first)'.padEnd(47)} answered  correct  95% CI    trend`),
    ...view.modules.map((m) => row(`${String(m.number).padStart(2)} ${m.title.slice(0, 44).padEnd(44)}`, m)),
    '',
    t.strong(`  ${'ABMRS exam domain'.padEnd(47)} answered  correct  95% CI    trend`),
    ...view.domains.map((d) => row(`   ${d.title.slice(0, 44).padEnd(44)}`, d)),
  ];
  const weakTopics = view.topics.filter((x) => x.answered > 0).slice(0, 8);
  if (weakTopics.length > 0) {
    lines.push('', t.strong(`  ${'Weakest topics'.padEnd(47)} answered  correct  95% CI    trend`));
    for (const x of weakTopics) lines.push(row(`   ${`m${x.module} ${x.title}`.slice(0, 44).padEnd(44)}`, x));
  }
  lines.push('', t.strong('Readiness for a 100-item mock exam'));
  const r = view.readiness;
  if (r.enoughData) {
    lines.push(`  expected ${r.expected!.toFixed(0)}/100 (95% interval ${r.low!.toFixed(0)}–${r.high!.toFixed(0)}), chance of passing at 70%: ${chance(r.passProbability!)}`);
  } else {
    lines.push(`  Too little data yet: about ${r.moreNeeded} more answers, in module(s) ${r.thinModules.join(', ')}, make it meaningful.`);
  }
  if (view.exams.length > 0) lines.push('', t.strong('Mock exams (newest last)'), ...examChart(view, t));
  if (view.sources.length > 0) {
    lines.push('', t.strong('Re-read: your misses by the source the items cite'));
    for (const s of view.sources.slice(0, 6)) lines.push(`  ${String(s.misses).padStart(4)} miss${s.misses === 1 ? '  ' : 'es'}  ${s.document}`);
  }
  if (view.cards && view.cards.seen > 0) {
    lines.push('', `${t.strong('Flashcards')}  ${view.cards.seen}/${view.cards.total} started · due today ${view.cards.dueToday} · this week ${view.cards.dueThisWeek}`);
  }
  if (view.next) lines.push('', `Next: ${t.key(view.next)}`);
  return lines.join('\n');
}

/** One bar per exam on a 0–100% scale, with the 70% pass line marked. */
function examChart(view: StatsView, t: Theme): string[] {
  const width = 50;
  const passAt = Math.round(0.7 * width);
  return [...view.exams].reverse().slice(-10).map((e) => {
    const pct = (100 * e.correct) / e.total;
    const filled = Math.round((pct / 100) * width);
    const bar = Array.from({ length: width }, (_, i) => (i === passAt ? '│' : i < filled ? '█' : ' ')).join('');
    return `  ${e.finishedAt.slice(0, 10)}  ${(e.passed ? t.good : t.bad)(bar)} ${pct.toFixed(0).padStart(3)}%  ${e.correct}/${e.total}`;
  });
}

/** A model never makes passing certain: show the extremes as >99% / <1%. */
export function chance(p: number): string {
  if (p >= 0.995) return '>99%';
  if (p < 0.005) return '<1%';
  return `${Math.round(100 * p)}%`;
}
