import type { StudyItem } from './queue.js';

/** New cards spread evenly among the reviews, each tagged with the pile it came from (as Anki's "mix new and review"). */
export function interleaveKinds(review: StudyItem[], fresh: StudyItem[]): { item: StudyItem; from: 'fresh' | 'review' }[] {
  const out: { item: StudyItem; from: 'fresh' | 'review' }[] = [];
  const step = fresh.length ? (review.length + fresh.length) / fresh.length : Infinity;
  let nextFresh = step / 2;
  let r = 0;
  let f = 0;
  for (let k = 0; k < review.length + fresh.length; k++) {
    if (f < fresh.length && (k >= nextFresh - 0.5 || r >= review.length)) {
      out.push({ item: fresh[f++]!, from: 'fresh' });
      nextFresh += step;
    } else out.push({ item: review[r++]!, from: 'review' });
  }
  return out;
}
