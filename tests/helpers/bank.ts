import type { Module } from '../../src/bank/schema.js';
import type { BankQuestion } from '../../src/bank/types.js';

/** Build a synthetic bank: `perModule[i]` questions for module i+1, alternating types. */
export function syntheticBank(perModule: number[], weights?: number[]): { modules: Module[]; questions: BankQuestion[] } {
  const modules: Module[] = perModule.map((_, i) => ({
    number: i + 1,
    title: `Module ${i + 1}`,
    weight: weights?.[i] ?? 100 / perModule.length,
    objectives: ['o'],
    topics: { t: { title: 'T', domain: 'clinical' } },
  }));
  const questions: BankQuestion[] = perModule.flatMap((n, i) =>
    Array.from({ length: n }, (_, j) => question(`m${i + 1}-t-${String(j + 1).padStart(3, '0')}`, i + 1)),
  );
  return { modules, questions };
}

export function question(id: string, module: number, overrides: Partial<BankQuestion> = {}): BankQuestion {
  return {
    id,
    module,
    topic: 't',
    domain: 'clinical',
    type: 'single',
    difficulty: 1,
    stem: `Stem of ${id}?`,
    choices: ['one', 'two', 'three', 'four'],
    answer: 'B',
    shuffle: true,
    explanation: 'Because.',
    refs: ['Ref'],
    file: 'f.yaml',
    line: 1,
    col: 1,
    hash: id,
    ...overrides,
  } as BankQuestion;
}
