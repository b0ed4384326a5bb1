import type { Bank } from '../bank/types.js';
import type { GuideModule } from '../report/guide.js';
import { practiseCommand, cardsCommandFor } from './next-commands.js';
import type { Theme } from './theme.js';
import { pad, visibleWidth, wrap } from './layout.js';

// Bank text is escaped for HTML too: Markdown viewers render inline HTML (a <script> or <img onerror> in a card).
const mdEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|');

/** A Markdown study guide: objectives, outline, and the key facts (flashcards) per topic with their sources. */
export function guideMarkdown(guide: GuideModule[], bank: Bank): string {
  const out = [
    '# MRSO study guide',
    '',
    'From the mrso question bank. Not affiliated with or endorsed by ABMRS; check each fact against the cited source.',
    '',
  ];
  for (const m of guide) {
    out.push(`## Module ${m.number} — ${mdEscape(m.title)}`, '', `Blueprint weight: ${m.weight}% of a mock exam.`, '');
    if (m.summary) out.push(mdEscape(m.summary), '');
    out.push('**After this module you can:**', '', ...m.objectives.map((o) => `- ${mdEscape(o)}`), '');
    for (const t of m.topics) {
      const standing = t.standing?.percent != null ? ` — your standing: ${t.standing.percent.toFixed(0)}% of ${t.standing.answered}${t.standing.weak ? ' (weak)' : ''}` : '';
      out.push(`### ${mdEscape(t.title)}`, '', `*${t.domain}* · ${t.questions} questions · ${t.cards} cards${standing}`, '');
      const facts = bank.cards.filter((c) => c.module === m.number && c.topic === t.id);
      for (const c of facts) out.push(`- **${mdEscape(c.front)}** ${mdEscape(c.back).replace(/\n/g, ' ')} *(${mdEscape(c.refs.join('; '))})*`);
      if (facts.length) out.push('');
      out.push(`Practise: \`${practiseCommand(m.number)}\``, '');
    }
  }
  return out.join('\n');
}

/** The guide on the terminal: per module, objectives and each topic with the learner's standing, fitted to `width`. */
export function renderGuide(guide: GuideModule[], t: Theme, width = 80): string {
  const lines: string[] = [];
  for (const m of guide) {
    lines.push(...wrap(`Module ${m.number} — ${m.title}  (${m.weight}% of a mock exam)`, width).split('\n').map((line) => t.title(line)));
    if (m.summary) lines.push(wrap(m.summary, width));
    lines.push(t.strong('Objectives'), ...m.objectives.map((o) => wrap(o, width, { first: '  • ' })), t.strong('Topics'));
    const standings = m.topics.map((topic) => {
      const s = topic.standing;
      return s?.percent != null ? `${s.percent.toFixed(0)}% of ${s.answered}${s.weak ? t.bad(' weak') : ''}` : t.dim('not practised yet');
    });
    // Titles wrap in their own column; the standings line up after the widest room left.
    const room = width - 2 - 2 - Math.max(...standings.map(visibleWidth));
    m.topics.forEach((topic, i) => {
      const title = wrap(topic.title, room).split('\n');
      lines.push(`  ${pad(title[0]!, room)}  ${standings[i]}`, ...title.slice(1).map((line) => `  ${line}`));
      lines.push(t.dim(wrap(`${topic.domain} · ${topic.questions} questions · ${topic.cards} cards`, width, { first: '    ' })));
    });
    lines.push(wrap(`Practise: ${t.key(practiseCommand(m.number))}  ·  cards: ${t.key(cardsCommandFor(m.number))}`, width, { rest: '  ' }), '');
  }
  return lines.join('\n');
}
