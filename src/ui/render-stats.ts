import type { ExamRecord, Standing, StatsView } from '../report/stats.js';
import { pad, shorten, table, visibleWidth, wrap, type Column } from './layout.js';
import type { Theme } from './theme.js';

/** Command strings the screen names (built by the command, not the report). */
export interface StatsCommands {
  start: string;
  form: (n: number) => string;
  /** Practice in these modules. */
  practise: (modules: number[]) => string;
}

function trend(s: Standing, t: Theme): string {
  if (s.trend === null) return '';
  const arrow = s.trend > 3 ? t.good('↑') : s.trend < -3 ? t.bad('↓') : '→';
  return `${arrow} ${s.trend > 0 ? '+' : ''}${s.trend.toFixed(0)}`;
}

const columns = (title: string): Column[] => [
  { header: title, flex: true, min: 12 },
  { header: 'answers', align: 'right' },
  { header: 'right', align: 'right' },
  { header: 'est.', align: 'right' },
  { header: 'trend', align: 'right' },
  { header: 'lost', align: 'right' },
  { header: '' },
];

function cells(s: Standing, t: Theme): string[] {
  const none = s.percent === null;
  return [
    String(s.answered),
    // Rounded down: a 69.6% that is weak (under 70%) never shows as 70%.
    none ? '–' : `${Math.floor(s.percent!)}%`,
    s.estimate === null ? '' : `${Math.floor(s.estimate)}%`,
    trend(s, t),
    s.pointsLost.toFixed(1),
    s.weak ? t.bad('weak') : '',
  ];
}

/** The stats screen, fitted to `width` columns; `--json` prints the same view object instead. */
export function renderStats(view: StatsView, t: Theme, width: number, commands: StatsCommands): string {
  const say = (text: string, indent = '') => wrap(text, width, { first: indent });
  if (view.answered === 0) {
    if (view.since && view.answeredEver > 0) {
      return [
        t.title(`No answers since ${view.since}`),
        say(`You have ${view.answeredEver} answers in all, none on or after ${view.since}. Try an earlier --since, or leave it out.`),
      ].join('\n');
    }
    if (view.onlyModules.length > 0 && view.answeredInAllModules > 0) {
      const which = `module${view.onlyModules.length > 1 ? 's' : ''} ${view.onlyModules.join(', ')}`;
      return [
        t.title(`No answers in ${which} yet`),
        say(`You have ${view.answeredInAllModules} answers in other modules. Start on ${view.onlyModules.length > 1 ? 'these' : 'this one'} with: ${t.key(commands.practise(view.onlyModules))}`),
      ].join('\n');
    }
    return [
      t.title('No history yet'),
      say('Answer a few questions and your standing per module, topic and exam domain appears here.'),
      say(`Start with: ${t.key(commands.start)}`),
    ].join('\n');
  }
  const lines: string[] = [t.title('Your standing')];
  if (view.advice) lines.push(say(t.strong(view.advice)));
  lines.push(
    say(`${view.answered} answers${view.since ? ` since ${view.since}` : ''}, ${view.percent!.toFixed(1)}% right.`),
    t.dim(
      say(
        'Rows by exam points lost. right = percent right of all answers; est. = estimated percent right on questions you have not seen (first answers only); lost = the row\'s share of a 100-item exam × (1 − est.); trend = last 2 weeks against before; weak = est. under 70% (5+ first answers), else right under 70% (5+ answers).',
      ),
    ),
    '',
  );
  const styleHeader = (s: string) => t.strong(s);
  const section = (title: string, rows: { label: string; s: Standing }[]) =>
    table(columns(title), rows.map((r) => [r.label, ...cells(r.s, t)]), width, { indent: '  ', styleHeader });
  lines.push(...section('Module', view.modules.map((m) => ({ label: `${m.number} ${m.title}`, s: m }))), '');
  lines.push(...section('ABMRS exam domain', view.domains.map((d) => ({ label: d.title, s: d }))));
  const topics = view.topics.filter((x) => x.answered > 0).slice(0, 8);
  if (topics.length > 0) lines.push('', ...section('Topics (top 8)', topics.map((x) => ({ label: `m${x.module} ${x.title}`, s: x }))));

  lines.push('', t.strong('Readiness: a 100-item exam of questions you have not seen'), ...readinessLines(view, t, width, commands));
  if (view.calibration) lines.push('', t.strong('Your confidence marks (first answers)'), ...calibrationLines(view, width));
  const full = view.exams.filter((e) => e.full);
  const quizzes = view.exams.filter((e) => !e.full);
  if (full.length > 0) lines.push('', t.strong('Full mock exams (newest last)'), ...examChart(full, t, width));
  if (quizzes.length > 0) lines.push('', t.strong('Short exams and quizzes (newest last)'), ...examChart(quizzes, t, width));
  if (view.sources.length > 0) {
    lines.push('', t.strong('Re-read: your misses by the source the items cite'));
    for (const s of view.sources.slice(0, 6)) {
      const count = `${String(s.misses).padStart(4)} miss${s.misses === 1 ? '  ' : 'es'}  `;
      lines.push(`  ${count}${shorten(s.document, width - 2 - visibleWidth(count))}`);
    }
  }
  if (view.cards && view.cards.seen > 0) {
    lines.push('', say(`${t.strong('Flashcards')}  ${view.cards.seen}/${view.cards.total} started · due today ${view.cards.dueToday} · this week ${view.cards.dueThisWeek}${view.cards.leeches ? ` · ${view.cards.leeches} leech${view.cards.leeches === 1 ? '' : 'es'} (mrso cards --suspended)` : ''}`));
  }
  if (view.next) lines.push('', say(`Next: ${t.key(view.next)}`));
  return lines.join('\n');
}

function readinessLines(view: StatsView, t: Theme, width: number, commands: StatsCommands): string[] {
  const r = view.readiness;
  const out: string[] = [];
  const say = (text: string) => out.push(wrap(text, width, { first: '  ' }));
  if (r.enoughData) {
    say(`Today: expected ${r.expected!.toFixed(0)}/100 (95% interval ${r.low!.toFixed(0)}–${r.high!.toFixed(0)}); chance of passing at 70%: ${chance(r.passProbability!)}.`);
    if (r.atExam) {
      say(`On your exam day (${r.atExam.date}, in ${r.atExam.daysAway} days), if you keep your level: ${r.atExam.low.toFixed(0)}–${r.atExam.high.toFixed(0)}, chance of passing ${chance(r.atExam.passProbability)} (wider: ability drifts up with study and down without).`);
    }
  } else {
    const form = r.basis.formsUnused[0];
    const where = r.thinModules.length ? ` in module${r.thinModules.length === 1 ? '' : 's'} ${r.thinModules.join(', ')}` : '';
    say(
      `Not enough to estimate yet: readiness reads only first answers to questions you had not seen. It needs about ${r.moreNeeded} more${where}` +
        (form !== undefined ? `, or one held-out mock form (${commands.form(form)}), which measures every module at once.` : '.'),
    );
  }
  const forms = r.basis.formsUnused.length
    ? ` Held-out forms not yet taken: ${r.basis.formsUnused.join(', ')} (${commands.form(r.basis.formsUnused[0]!)}).`
    : r.basis.formsTaken.length
      ? ' Every held-out form has been taken.'
      : '';
  out.push(t.dim(wrap(`Based on ${r.basis.firstAnswers} first answers${r.basis.formAnswers ? ` (${r.basis.formAnswers} on held-out forms)` : ''}; answering an item again does not raise it.${forms}`, width, { first: '  ' })));
  return out;
}

function calibrationLines(view: StatsView, width: number): string[] {
  const c = view.calibration!;
  const rows = c.levels.map((l) => [l.level === 'sure' ? 'not marked a guess' : 'marked a guess', String(l.answered), l.percent === null ? '–' : `${l.percent.toFixed(0)}%`]);
  return [
    ...table([{ header: 'answer', flex: true }, { header: 'answers', align: 'right' }, { header: 'right', align: 'right' }], rows, width, { indent: '  ' }),
    wrap(`Calibration (Brier, 0 is best, 0.25 is always saying 50%): ${c.brier.toFixed(2)}`, width, { first: '  ' }),
  ];
}

/** One bar per exam on a 0–100% scale, with the 70% pass line marked, fitted to the width. */
function examChart(exams: ExamRecord[], t: Theme, width: number): string[] {
  const bar = Math.max(10, Math.min(50, width - 34));
  const passAt = Math.round(0.7 * bar);
  return [...exams].reverse().slice(-10).map((e) => {
    const pct = (100 * e.correct) / e.total;
    const filled = Math.round((pct / 100) * bar);
    const drawn = Array.from({ length: bar }, (_, i) => (i === passAt ? '│' : i < filled ? '█' : ' ')).join('');
    return `  ${e.finishedAt.slice(0, 10)}  ${(e.passed ? t.good : t.bad)(drawn)} ${pad(`${pct.toFixed(0)}%`, 4, 'right')}  ${e.correct}/${e.total}`;
  });
}

/** A model never makes passing certain: show the extremes as >99% / <1%. */
export function chance(p: number): string {
  if (p >= 0.995) return '>99%';
  if (p < 0.005) return '<1%';
  return `${Math.round(100 * p)}%`;
}
