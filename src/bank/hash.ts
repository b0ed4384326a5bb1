import { createHash } from 'node:crypto';
import type { Question } from './schema.js';

/**
 * Hash of what an examinee sees and is marked on. Explanations and refs are
 * left out on purpose: fixing a typo there does not make old answers stale.
 */
export function questionHash(q: Question): string {
  const content = {
    type: q.type,
    stem: q.stem,
    choices: q.type === 'truefalse' ? [] : q.choices,
    answer: q.answer,
  };
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);
}
