import { DOMAIN_TITLES } from '../bank/domains.js';
import type { Module } from '../bank/schema.js';
import type { Bank } from '../bank/types.js';
import type { Standing, StatsView } from './stats.js';

export interface GuideTopic {
  id: string;
  title: string;
  domain: string;
  questions: number;
  cards: number;
  standing: Standing | null;
  practise: string;
}

export interface GuideModule {
  number: number;
  title: string;
  weight: number;
  summary: string | null;
  objectives: string[];
  topics: GuideTopic[];
}

/** The study guide as data: each module's objectives and outline with the learner's standing per topic. */
export function buildGuide(bank: Bank, stats: StatsView | null, only: number[]): GuideModule[] {
  return bank.modules
    .filter((m) => only.length === 0 || only.includes(m.number))
    .map((m: Module) => ({
      number: m.number,
      title: m.title,
      weight: m.weight,
      summary: m.summary ?? null,
      objectives: m.objectives,
      topics: Object.entries(m.topics).map(([id, t]) => {
        const s = stats?.topics.find((x) => x.module === m.number && x.topic === id) ?? null;
        return {
          id,
          title: t.title,
          domain: DOMAIN_TITLES[t.domain],
          questions: bank.questions.filter((q) => q.module === m.number && q.topic === id).length,
          cards: bank.cards.filter((c) => c.module === m.number && c.topic === id).length,
          standing: s,
          practise: `mrso exam --mode practice --module ${m.number} --count 10`,
        };
      }),
    }));
}

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
      out.push(`Practise: \`${t.practise}\``, '');
    }
  }
  return out.join('\n');
}
