import * as z from 'zod';
import { CardSchema, ModuleFileSchema, ModulesFileSchema, QuestionSchema, type Card, type Module, type Question } from './schema.js';
import { questionHash } from './hash.js';
import { parseYamlFile, type LocatedDoc } from './yaml-doc.js';
import { checkBankRules } from './rules.js';
import type { Bank, BankCard, BankFile, BankIssue, BankQuestion, MockForm } from './types.js';
import { withLookups } from './lookups.js';
import { FORMS_FILE, checkForms } from './forms.js';

export const MODULES_FILE = 'modules.yaml';

/** One file parsed and schema-checked on its own: what the bank cache stores, keyed by the file's content. */
export type ParsedFile =
  | { kind: 'modules'; modules: Module[]; issues: BankIssue[] }
  | { kind: 'forms'; forms: MockForm[]; issues: BankIssue[] }
  | {
      kind: 'module';
      module: number | null;
      modulePos: { line: number; col: number };
      questions: (Question & Located)[];
      cards: (Card & Located)[];
      issues: BankIssue[];
    };

type Located = { file: string; line: number; col: number; hash?: string };

/** Where parsed files can be kept between runs (the files/ room gives a disk cache). */
export interface ParseCache {
  get(file: BankFile): ParsedFile | undefined;
  set(file: BankFile, parsed: ParsedFile): void;
}

/**
 * Parse -> normalise -> rules. Returns every issue found, never throws on bad
 * content; a bank with any `error` issue must not be used for an exam.
 */
export function loadBank(files: BankFile[], cache?: ParseCache): { bank: Bank; issues: BankIssue[] } {
  const parsed = files.map((file) => {
    const hit = cache?.get(file);
    if (hit) return { file, parsed: hit };
    const fresh = parseFile(file);
    cache?.set(file, fresh);
    return { file, parsed: fresh };
  });
  return assemble(parsed);
}

export function parseFile(file: BankFile): ParsedFile {
  const name = baseName(file.path);
  if (name === MODULES_FILE) return parseModulesFile(file);
  return name === FORMS_FILE ? parseFormsFile(file) : parseModuleFile(file);
}

const FormsFileSchema = z.strictObject({
  forms: z.array(z.strictObject({ number: z.number().int().min(1), items: z.array(z.string()).min(1) })),
});

function parseFormsFile(file: BankFile): ParsedFile {
  const parsed = parseYamlFile(file.path, file.text);
  if (!parsed.doc) return { kind: 'forms', forms: [], issues: parsed.issues };
  const result = FormsFileSchema.safeParse(parsed.doc.data);
  if (!result.success) return { kind: 'forms', forms: [], issues: [...parsed.issues, ...zodIssues(result.error, parsed.doc, [])] };
  return { kind: 'forms', forms: result.data.forms, issues: parsed.issues };
}

function assemble(files: { file: BankFile; parsed: ParsedFile }[]): { bank: Bank; issues: BankIssue[] } {
  const issues: BankIssue[] = files.flatMap((f) => f.parsed.issues);
  const modulesEntry = files.find((f) => f.parsed.kind === 'modules');
  const modules = modulesEntry?.parsed.kind === 'modules' ? modulesEntry.parsed.modules : [];
  if (!modulesEntry) issues.push({ severity: 'error', file: MODULES_FILE, line: 1, col: 1, message: 'missing: the bank needs a modules.yaml' });

  const questions: BankQuestion[] = [];
  const cards: BankCard[] = [];
  for (const { file, parsed } of files) {
    if (parsed.kind !== 'module' || parsed.module === null) continue;
    const module = modules.find((m) => m.number === parsed.module);
    if (!module && modules.length > 0) {
      issues.push({ severity: 'error', file: file.path, ...parsed.modulePos, message: `module ${parsed.module} is not declared in modules.yaml` });
      continue;
    }
    const domainOf = (topic: string) => module?.topics[topic]?.domain ?? 'clinical';
    for (const q of parsed.questions) questions.push({ ...q, module: parsed.module, domain: domainOf(q.topic), hash: q.hash ?? questionHash(q) } as BankQuestion);
    for (const c of parsed.cards) cards.push({ ...c, module: parsed.module, domain: domainOf(c.topic) });
  }

  const formsEntry = files.find((f) => f.parsed.kind === 'forms');
  const forms = formsEntry?.parsed.kind === 'forms' ? formsEntry.parsed.forms : [];
  const bank = withLookups({ modules, forms, questions, cards });
  issues.push(...checkBankRules(bank, modulesEntry?.file.path ?? MODULES_FILE));
  if (formsEntry) issues.push(...checkForms(forms, bank, formsEntry.file.path));
  return { bank, issues: sortIssues(issues) };
}

function parseModulesFile(file: BankFile): ParsedFile {
  const parsed = parseYamlFile(file.path, file.text);
  if (!parsed.doc) return { kind: 'modules', modules: [], issues: parsed.issues };
  const result = ModulesFileSchema.safeParse(parsed.doc.data);
  if (!result.success) return { kind: 'modules', modules: [], issues: [...parsed.issues, ...zodIssues(result.error, parsed.doc, [])] };
  return { kind: 'modules', modules: result.data.modules, issues: parsed.issues };
}

function parseModuleFile(file: BankFile): ParsedFile {
  const empty = { kind: 'module' as const, module: null, modulePos: { line: 1, col: 1 }, questions: [], cards: [] };
  const parsed = parseYamlFile(file.path, file.text);
  if (!parsed.doc) return { ...empty, issues: parsed.issues };
  const doc = parsed.doc;
  const issues = [...parsed.issues];
  const header = ModuleFileSchema.safeParse(doc.data);
  if (!header.success) return { ...empty, issues: [...issues, ...zodIssues(header.error, doc, [])] };

  const questions: (Question & Located)[] = [];
  header.data.questions.forEach((raw, i) => {
    const path = ['questions', i];
    const id = idOf(raw);
    const typeProblem = checkType(raw);
    if (typeProblem) {
      issues.push({ severity: 'error', file: doc.file, ...doc.at([...path, 'type']), ...(id ? { id } : {}), message: typeProblem });
      return;
    }
    const result = QuestionSchema.safeParse(raw);
    if (!result.success) issues.push(...zodIssues(result.error, doc, path, id));
    else questions.push({ ...result.data, file: doc.file, ...doc.at(path), hash: questionHash(result.data) });
  });

  const cards: (Card & Located)[] = [];
  header.data.cards.forEach((raw, i) => {
    const path = ['cards', i];
    const result = CardSchema.safeParse(raw);
    if (!result.success) issues.push(...zodIssues(result.error, doc, path, idOf(raw)));
    else cards.push({ ...result.data, file: doc.file, ...doc.at(path) });
  });
  return { kind: 'module', module: header.data.module, modulePos: doc.at(['module']), questions, cards, issues };
}

function checkType(raw: unknown): string | undefined {
  const type = (raw as { type?: unknown } | null)?.type;
  if (type === 'single' || type === 'multi' || type === 'truefalse' || type === 'numeric') return undefined;
  return type === undefined
    ? 'type is missing: use single, multi, truefalse or numeric'
    : `type ${JSON.stringify(type)} is not one of single, multi, truefalse, numeric`;
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
