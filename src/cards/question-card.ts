import type { BankQuestion } from '../bank/types.js';
import type { ExportCard } from './export.js';

const letterAt = (i: number) => String.fromCharCode(65 + i);

/** A question as a flashcard (for `cards --missed`): the stem and choices on the front, the key and explanation on the back. */
export function questionAsCard(q: BankQuestion): ExportCard {
  // An exhibit (a label, a plot) goes above the stem, as the exam shows it.
  const stem = q.exhibit ? `${q.exhibit}\n\n${q.stem}` : q.stem;
  const card = (front: string, key: string) => ({ id: q.id, module: q.module, topic: q.topic, front, back: `${key}\n\n${q.explanation}`, refs: q.refs });
  if (q.type === 'truefalse') return card(`${stem}\n(true or false?)`, q.answer ? 'True' : 'False');
  if (q.type === 'numeric') {
    const { value, unit, tolerance } = q.answer;
    return card(`${stem}\n(answer in ${unit})`, `${value} ${unit}${tolerance ? ` (± ${tolerance})` : ''}`);
  }
  const keys = Array.isArray(q.answer) ? q.answer : [q.answer];
  const key = keys.map((k) => `${k}. ${q.choices[k.charCodeAt(0) - 65] ?? ''}`).join('; ');
  return card(`${stem}\n${q.choices.map((c, i) => `  ${letterAt(i)}. ${c}`).join('\n')}`, key);
}
