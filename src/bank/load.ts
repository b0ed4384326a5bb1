import type { z } from 'zod';
import {
  CardSchema,
  ModuleFileSchema,
  ModulesFileSchema,
  QuestionSchema,
  type Module,
} from './schema.js';
import { questionHash } from './hash.js';
import { parseYamlFile, type LocatedDoc } from './yaml-doc.js';
import { checkBankRules } from './rules.js';
import type { Bank, BankCard, BankFile, BankIssue, BankQuestion } from './types.js';

export const MODULES_FILE = 'modules.yaml';

/**
 * Parse -> normalise -> rules. Returns every issue found, never throws on bad
 * content; a bank with any `error` issue must not be used for an exam.
 */
export function loadBank(files: BankFile[]): { bank: Bank; issues: BankIssue[] } {
  const issues: BankIssue[] = [];
  const modulesFile = files.find((f) => baseName(f.path) === MODULES_FILE);
  let modules: Module[] = [];
  if (!modulesFile) {
    issues.push({ severity: 'error', file: MODULES_FILE, line: 1, col: 1, message: 'missing: the bank needs a modules.yaml' });
  } else {
    modules = parseModules(modulesFile, issues);
  }

  const questions: BankQuestion[] = [];
  const cards: BankCard[] = [];
  for (const file of files) {
    if (file === modulesFile) continue;
    const parsed = parseYamlFile(file.path, file.text);
    issues.push(...parsed.issues);
    if (parsed.doc) readModuleFile(parsed.doc, modules, questions, cards, issues);
  }

  const bank: Bank = {
    modules,
    questions,
    cards,
    questionsById: new Map(questions.map((q) => [q.id, q])),
    cardsById: new Map(cards.map((c) => [c.id, c])),
  };
  issues.push(...checkBankRules(bank, modulesFile?.path ?? MODULES_FILE));
  return { bank, issues: sortIssues(issues) };
}

function parseModules(file: BankFile, issues: BankIssue[]): Module[] {
  const parsed = parseYamlFile(file.path, file.text);
  issues.push(...parsed.issues);
  if (!parsed.doc) return [];
  const result = ModulesFileSchema.safeParse(parsed.doc.data);
  if (!result.success) {
    issues.push(...zodIssues(result.error, parsed.doc, []));
    return [];
  }
  return result.data.modules;
}

function readModuleFile(
  doc: LocatedDoc,
  modules: Module[],
  questions: BankQuestion[],
  cards: BankCard[],
  issues: BankIssue[],
): void {
  const header = ModuleFileSchema.safeParse(doc.data);
  if (!header.success) {
    issues.push(...zodIssues(header.error, doc, []));
    return;
  }
  const moduleNumber = header.data.module;
  const module = modules.find((m) => m.number === moduleNumber);
  if (!module && modules.length > 0) {
    const pos = doc.at(['module']);
    issues.push({ severity: 'error', file: doc.file, ...pos, message: `module ${moduleNumber} is not declared in modules.yaml` });
    return;
  }

  header.data.questions.forEach((raw, i) => {
    const path = ['questions', i];
    const id = idOf(raw);
    const typeProblem = checkType(raw);
    if (typeProblem) {
      issues.push({ severity: 'error', file: doc.file, ...doc.at([...path, 'type']), id, message: typeProblem });
      return;
    }
    const result = QuestionSchema.safeParse(raw);
    if (!result.success) {
      issues.push(...zodIssues(result.error, doc, path, id));
      return;
    }
    const q = result.data;
    const topic = module?.topics[q.topic];
    questions.push({
      ...q,
      module: moduleNumber,
      domain: topic?.domain ?? 'clinical',
      file: doc.file,
      ...doc.at(path),
      hash: questionHash(q),
    });
  });

  header.data.cards.forEach((raw, i) => {
    const path = ['cards', i];
    const result = CardSchema.safeParse(raw);
    if (!result.success) {
      issues.push(...zodIssues(result.error, doc, path, idOf(raw)));
      return;
    }
    const c = result.data;
    const domain = module?.topics[c.topic]?.domain ?? 'clinical';
    cards.push({ ...c, module: moduleNumber, domain, file: doc.file, ...doc.at(path) });
  });
}

function checkType(raw: unknown): string | undefined {
  const type = (raw as { type?: unknown } | null)?.type;
  if (type === 'single' || type === 'multi' || type === 'truefalse') return undefined;
  return type === undefined
    ? 'type is missing: use single, multi or truefalse'
    : `type ${JSON.stringify(type)} is not one of single, multi, truefalse`;
}

function idOf(raw: unknown): string | undefined {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}

function zodIssues(error: z.ZodError, doc: LocatedDoc, base: (string | number)[], id?: string): BankIssue[] {
  return error.issues.map((issue) => {
    const path = [...base, ...issue.path.filter((p): p is string | number => typeof p !== 'symbol')];
    const field = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    const message = issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue.message;
    return { severity: 'error' as const, file: doc.file, ...doc.at(path), ...(id ? { id } : {}), message: `${field}${message}` };
  });
}

function sortIssues(issues: BankIssue[]): BankIssue[] {
  return [...issues].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.col - b.col,
  );
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
