import type { Domain } from '../bank/domains.js';
import { isCorrect, type ExamState } from './session.js';
import type { DrawnItem } from './draw.js';

export const PASS_MARK = 0.7;

export interface GroupScore<K> {
  key: K;
  correct: number;
  total: number;
}

export interface ExamScore {
  correct: number;
  total: number;
  answered: number;
  percent: number;
  passed: boolean;
  byModule: GroupScore<number>[];
  byDomain: GroupScore<Domain>[];
  missed: { index: number; item: DrawnItem }[];
}

/** Score a session: unanswered items count as wrong; pass at 70% of all items. */
export function scoreExam(state: ExamState): ExamScore {
  const marks = state.items.map((item, index) => ({ item, index, correct: isCorrect(item.question, state.responses[index] ?? null) }));
  const correct = marks.filter((m) => m.correct).length;
  const total = state.items.length;
  return {
    correct,
    total,
    answered: state.responses.filter((r) => r !== null && !(Array.isArray(r) && r.length === 0)).length,
    percent: total === 0 ? 0 : (100 * correct) / total,
    passed: total > 0 && correct / total >= PASS_MARK,
    byModule: groupBy(marks, (m) => m.item.question.module).sort((a, b) => a.key - b.key),
    byDomain: groupBy(marks, (m) => m.item.question.domain),
    missed: marks.filter((m) => !m.correct).map(({ index, item }) => ({ index, item })),
  };
}

function groupBy<K>(marks: { item: DrawnItem; correct: boolean }[], keyOf: (m: { item: DrawnItem }) => K): GroupScore<K>[] {
  const groups = new Map<K, GroupScore<K>>();
  for (const m of marks) {
    const key = keyOf(m);
    const g = groups.get(key) ?? { key, correct: 0, total: 0 };
    g.total++;
    if (m.correct) g.correct++;
    groups.set(key, g);
  }
  return [...groups.values()];
}
