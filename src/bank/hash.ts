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
    choices: q.type === 'truefalse' || q.type === 'numeric' ? [] : q.choices,
    answer: q.answer,
    // Only when present, so that the hashes of items without an exhibit stay as they were.
    ...(q.exhibit !== undefined ? { exhibit: q.exhibit } : {}),
  };
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);
}
