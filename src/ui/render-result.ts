import { DOMAIN_TITLES } from '../bank/domains.js';
import type { Module } from '../bank/schema.js';
import { PASS_MARK, type ExamScore } from '../exam/score.js';
import { formatClock } from '../exam/timing.js';
import type { Theme } from './theme.js';
import { wrap } from './layout.js';
import { exhibitBox } from './render-exam.js';

export interface MissedView {
  number: number;
  itemId: string;
  stem: string;
  given: string;
  key: string;
  explanation: string;
  refs: string[];
  /** Time spent on the item. */
  seconds?: number;
  exhibit?: string;
}

export interface ResultView {
  attemptId?: number;
  mode: 'exam' | 'practice';
  score: ExamScore;
  elapsedMs: number;
  timeLimitMs?: number | null;
  /** Mean time per answered item. */
  secondsPerItem?: number;
  modules: Module[];
  missed: MissedView[];
  /** Flagged items and how each ended. */
  flagged?: { number: number; itemId: string; outcome: 'right' | 'wrong' | 'unanswered' }[];
  /** A mock exam's accuracy and pace by quarter of the exam (stamina). */
  quarters?: { from: number; to: number; correct: number; total: number; secondsPerItem: number }[];
  /** Commands worth running next. */
  next?: string[];
}

const pct = (correct: number, total: number) => (total === 0 ? '  –' : `${Math.round((100 * correct) / total)}%`.padStart(4));

/** The end-of-exam screen: score, pass/fail, per-module and per-domain table, then every miss explained. */
export function renderResult(view: ResultView, t: Theme, width: number): string {
  const { score } = view;
  const verdict = score.passed ? t.good('PASS') : t.bad('NOT YET');
  const time = view.timeLimitMs ? `time ${formatClock(view.elapsedMs)} of ${formatClock(view.timeLimitMs)}` : `time ${formatClock(view.elapsedMs)}`;
  const perItem = view.secondsPerItem ? `  ·  ${view.secondsPerItem} s per item` : '';
  const lines = [
    '',
    t.title(view.mode === 'exam' ? 'Mock exam result' : 'Practice result'),
    `${t.strong(`${score.correct}/${score.total}`)} correct (${score.percent.toFixed(1)}%) — ${verdict} (pass mark ${PASS_MARK * 100}%)`,
    t.dim(wrap(`${view.attemptId ? `#${view.attemptId}  ·  ` : ''}${score.answered} answered  ·  ${time}${perItem}`, width)),
    '',
    t.strong('By module'),
  ];
  for (const g of score.byModule) {
    const title = view.modules.find((m) => m.number === g.key)?.title ?? '';
    const bar = g.total > 0 && g.correct / g.total < PASS_MARK ? t.bad : t.good;
    lines.push(`  ${String(g.key).padStart(2)}  ${bar(pct(g.correct, g.total))}  ${String(g.correct).padStart(3)}/${String(g.total).padEnd(3)}  ${title}`);
  }
  lines.push('', t.strong('By exam domain'));
  for (const g of [...score.byDomain].sort((a, b) => a.key.localeCompare(b.key))) {
    lines.push(`      ${pct(g.correct, g.total)}  ${String(g.correct).padStart(3)}/${String(g.total).padEnd(3)}  ${DOMAIN_TITLES[g.key]}`);
  }
  if (view.quarters?.length) {
    lines.push('', t.strong('By quarter of the exam (stamina)'));
    const span = Math.max(...view.quarters.map((q) => `Q${q.from}–Q${q.to}`.length));
    for (const q of view.quarters) {
      lines.push(`      ${pct(q.correct, q.total)}  ${String(q.correct).padStart(3)}/${String(q.total).padEnd(3)}  ${`Q${q.from}–Q${q.to}`.padEnd(span)}  ${t.dim(`${q.secondsPerItem} s per item`)}`);
    }
  }
  if (view.flagged?.length) {
    lines.push('', t.strong(`Flagged (${view.flagged.length})`));
    const outcome = { right: t.good('right'), wrong: t.bad('wrong'), unanswered: t.warn('unanswered') };
    lines.push(wrap(view.flagged.map((f) => `Q${f.number} ${outcome[f.outcome]}`).join(', '), width, { first: '  ' }));
  }
  if (view.missed.length > 0) {
    lines.push('', t.strong(`Missed (${view.missed.length})`));
    for (const m of view.missed) {
      lines.push(
        '',
        styleFirst(wrap(`Q${m.number} [${m.itemId}]${m.seconds !== undefined ? ` (${m.seconds} s)` : ''} ${m.stem}`, width), `Q${m.number} [${m.itemId}]`, () => `${t.key(`Q${m.number}`)} ${t.dim(`[${m.itemId}]`)}`),
        ...(m.exhibit ? exhibitBox(m.exhibit, width - 3).map((l) => `   ${l}`) : []),
        styleFirst(wrap(`You: ${m.given || '(unanswered)'}`, width, { first: '   ', rest: '        ' }), 'You:', t.bad),
        styleFirst(wrap(`Key: ${m.key}`, width, { first: '   ', rest: '        ' }), 'Key:', t.good),
        wrap(m.explanation, width, { first: '   ' }),
        t.dim(wrap(`Ref: ${m.refs.join('; ')}`, width, { first: '   ' })),
      );
    }
  }
  if (view.next?.length) lines.push('', t.strong('Next'), ...view.next.map((c) => `  ${c}`));
  return lines.join('\n');
}

/** Style the first occurrence of a label in already wrapped text (wrap counts plain characters, so style after). */
function styleFirst(text: string, label: string, style: (s: string) => string): string {
  const at = text.indexOf(label);
  return at < 0 ? text : text.slice(0, at) + style(label) + text.slice(at + label.length);
}
