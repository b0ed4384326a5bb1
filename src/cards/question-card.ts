import type { BankQuestion } from '../bank/types.js';
import type { ExportCard } from './export.js';

const letterAt = (i: number) => String.fromCharCode(65 + i);

/** A question as a flashcard (for `cards --missed`): the stem and choices on the front, the key and explanation on the back. */
export function questionAsCard(q: BankQuestion): ExportCard {
  if (q.type === 'truefalse') {
    return { id: q.id, module: q.module, topic: q.topic, front: `${q.stem}\n(true or false?)`, back: `${q.answer ? 'True' : 'False'}\n\n${q.explanation}`, refs: q.refs };
  }
  const keys = Array.isArray(q.answer) ? q.answer : [q.answer];
  const key = keys.map((k) => `${k}. ${q.choices[k.charCodeAt(0) - 65] ?? ''}`).join('; ');
  const front = `${q.stem}\n${q.choices.map((c, i) => `  ${letterAt(i)}. ${c}`).join('\n')}`;
  return { id: q.id, module: q.module, topic: q.topic, front, back: `${key}\n\n${q.explanation}`, refs: q.refs };
}
