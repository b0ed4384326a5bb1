import type { Module } from './schema.js';
import type { Bank, BankQuestion, MockForm } from './types.js';

/** What an exam needs of the bank: enough to draw from it (the draw's DrawSource), and the questions it shows. */
export interface QuestionPool {
  modules: Module[];
  /** The bank's held-out mock forms (empty without forms.yaml). */
  forms: MockForm[];
  /** How many questions the bank has. */
  size: number;
  /** Each module's question positions (bank order). */
  positionsOf(module: number): readonly number[];
  idAt(position: number): string | undefined;
  moduleAt(position: number): number | undefined;
  /** The keyed letters of a select-all question; undefined for any other id (another type, or not in the bank). No question is parsed. */
  selectAllKey(id: string): readonly string[] | undefined;
  /** The questions at these positions (bank order); from the cache, only these are read and parsed. */
  questionsAt(positions: readonly number[]): BankQuestion[];
  /** Questions by id, undefined for an id not in the bank (resuming an exam). */
  questions(ids: readonly string[]): (BankQuestion | undefined)[];
}

export function poolOf(bank: Bank): QuestionPool {
  let byModule: Map<number, number[]> | undefined;
  let keys: Record<string, string[]> | undefined;
  return {
    modules: bank.modules,
    forms: bank.forms,
    size: bank.questions.length,
    positionsOf: (module) => (byModule ??= positionsByModule(bank.questions.map((q) => q.module))).get(module) ?? [],
    idAt: (position) => bank.questions[position]?.id,
    moduleAt: (position) => bank.questions[position]?.module,
    selectAllKey: (id) => {
      keys ??= selectAllKeysOf(bank.questions);
      return Object.hasOwn(keys, id) ? keys[id] : undefined;
    },
    questionsAt: (positions) => positions.map((p) => bank.questions[p]!),
    questions: (ids) => ids.map((id) => bank.questionsById.get(id)),
  };
}

/** Each module's question positions, in bank order. */
export function positionsByModule(moduleOf: readonly number[]): Map<number, number[]> {
  const byModule = new Map<number, number[]>();
  moduleOf.forEach((module, position) => {
    const list = byModule.get(module);
    if (list) list.push(position);
    else byModule.set(module, [position]);
  });
  return byModule;
}

/** The keyed letters of each select-all question, by id (an object: the compiled bank's header carries it as JSON). */
export function selectAllKeysOf(questions: readonly BankQuestion[]): Record<string, string[]> {
  const keys: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const q of questions) if (q.type === 'multi') keys[q.id] = [...q.answer];
  return keys;
}
