import { DOMAIN_TITLES } from '../bank/domains.js';
import type { Module } from '../bank/schema.js';
import { PASS_MARK, type ExamScore } from '../exam/score.js';
import { formatClock } from '../exam/timing.js';
import type { Theme } from './theme.js';
import { wrap } from './render.js';

export interface MissedView {
  number: number;
  itemId: string;
  stem: string;
  given: string;
  key: string;
  explanation: string;
  refs: string[];
}

export interface ResultView {
  mode: 'exam' | 'practice';
  score: ExamScore;
  elapsedMs: number;
  modules: Module[];
  missed: MissedView[];
}

const pct = (correct: number, total: number) => (total === 0 ? '  –' : `${Math.round((100 * correct) / total)}%`.padStart(4));

/** The end-of-exam screen: score, pass/fail, per-module and per-domain table, then every miss explained. */
export function renderResult(view: ResultView, t: Theme, width: number): string {
  const { score } = view;
  const verdict = score.passed ? t.good('PASS') : t.bad('NOT YET');
  const lines = [
    '',
    t.title(view.mode === 'exam' ? 'Mock exam result' : 'Practice result'),
    `${t.strong(`${score.correct}/${score.total}`)} correct (${score.percent.toFixed(1)}%) — ${verdict} (pass mark ${PASS_MARK * 100}%)` +
      t.dim(`  ·  ${score.answered} answered  ·  time ${formatClock(view.elapsedMs)}`),
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
  if (view.missed.length > 0) {
    lines.push('', t.strong(`Missed (${view.missed.length})`));
    for (const m of view.missed) {
      lines.push(
        '',
        styleFirst(wrap(`Q${m.number} [${m.itemId}] ${m.stem}`, width), `Q${m.number} [${m.itemId}]`, () => `${t.key(`Q${m.number}`)} ${t.dim(`[${m.itemId}]`)}`),
        styleFirst(wrap(`You: ${m.given || '(unanswered)'}`, width, '   '), 'You:', t.bad),
        styleFirst(wrap(`Key: ${m.key}`, width, '   '), 'Key:', t.good),
        wrap(m.explanation, width, '   '),
        t.dim(wrap(`Ref: ${m.refs.join('; ')}`, width, '   ')),
      );
    }
  }
  return lines.join('\n');
}

/** Style the first occurrence of a label in already wrapped text (wrap counts plain characters, so style after). */
function styleFirst(text: string, label: string, style: (s: string) => string): string {
  const at = text.indexOf(label);
  return at < 0 ? text : text.slice(0, at) + style(label) + text.slice(at + label.length);
}
