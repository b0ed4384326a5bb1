import type { Bank } from '../bank/types.js';
import type { GuideModule } from '../report/guide.js';
import { practiseCommand, cardsCommandFor } from './next-commands.js';
import type { Theme } from './theme.js';

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

/** The guide on the terminal: per module, objectives and each topic with the learner's standing. */
export function renderGuide(guide: GuideModule[], t: Theme): string {
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
    lines.push(`Practise: ${t.key(practiseCommand(m.number))}  ·  cards: ${t.key(cardsCommandFor(m.number))}`, '');
  }
  return lines.join('\n');
}
