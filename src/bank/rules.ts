import type { Bank, BankCard, BankIssue, BankQuestion } from './types.js';
import { familyOf, UNIT_SYMBOLS } from './units.js';

/** Bank-wide rules from the format spec, as data: each returns the issues it finds. */
export function checkBankRules(bank: Bank, modulesFile: string): BankIssue[] {
  return [
    ...weightsAddUp(bank, modulesFile),
    ...uniqueIds(bank),
    ...idsMatchPattern(bank),
    ...topicsDeclared(bank),
    ...answersPointAtChoices(bank),
    ...uniqueStems(bank),
    ...styleWarnings(bank),
    ...exhibitsFit(bank),
    ...rationalesMatchChoices(bank),
    ...numericUnitsKnown(bank),
    ...plannedCounts(bank, modulesFile),
  ];
}

type Item = BankQuestion | BankCard;

function at(item: Item, message: string, severity: BankIssue['severity'] = 'error'): BankIssue {
  return { severity, file: item.file, line: item.line, col: item.col, id: item.id, message };
}

function weightsAddUp(bank: Bank, file: string): BankIssue[] {
  if (bank.modules.length === 0) return [];
  const total = bank.modules.reduce((sum, m) => sum + m.weight, 0);
  const issues: BankIssue[] = [];
  if (Math.abs(total - 100) > 1e-6) {
    issues.push({ severity: 'error', file, line: 1, col: 1, message: `module weights add up to ${total}, not 100` });
  }
  const seen = new Set<number>();
  for (const m of bank.modules) {
    if (seen.has(m.number)) issues.push({ severity: 'error', file, line: 1, col: 1, message: `module ${m.number} is declared twice` });
    seen.add(m.number);
  }
  return issues;
}

function uniqueIds(bank: Bank): BankIssue[] {
  const first = new Map<string, Item>();
  const issues: BankIssue[] = [];
  for (const item of [...bank.questions, ...bank.cards]) {
    const earlier = first.get(item.id);
    if (earlier) issues.push(at(item, `duplicate id (also at ${earlier.file}:${earlier.line})`));
    else first.set(item.id, item);
  }
  return issues;
}

function idsMatchPattern(bank: Bank): BankIssue[] {
  const issues: BankIssue[] = [];
  for (const q of bank.questions) {
    const expected = `m${q.module}-${q.topic}-NNN`;
    const match = /^m(\d+)-(.+)-(\d{3})$/.exec(q.id);
    if (!match || Number(match[1]) !== q.module || match[2] !== q.topic) {
      issues.push(at(q, `id must look like ${expected} (module ${q.module}, topic ${q.topic}, three digits)`));
    }
  }
  for (const c of bank.cards) {
    const match = /^m(\d+)-card-(\d{3})$/.exec(c.id);
    if (!match || Number(match[1]) !== c.module) issues.push(at(c, `id must look like m${c.module}-card-NNN`));
  }
  return issues;
}

function topicsDeclared(bank: Bank): BankIssue[] {
  const issues: BankIssue[] = [];
  for (const item of [...bank.questions, ...bank.cards]) {
    const module = bank.modules.find((m) => m.number === item.module);
    if (module && !module.topics[item.topic]) {
      const known = Object.keys(module.topics).join(', ');
      issues.push(at(item, `topic "${item.topic}" is not declared for module ${item.module} (known: ${known})`));
    }
  }
  return issues;
}

function answersPointAtChoices(bank: Bank): BankIssue[] {
  const issues: BankIssue[] = [];
  for (const q of bank.questions) {
    if (q.type === 'truefalse' || q.type === 'numeric') continue;
    const letters = q.choices.map((_, i) => String.fromCharCode(65 + i));
    const answers = q.type === 'single' ? [q.answer] : q.answer;
    for (const a of answers) {
      if (!letters.includes(a)) issues.push(at(q, `answer ${a} points at no choice (choices are ${letters.join(', ')})`));
    }
    if (q.type === 'multi' && new Set(answers).size !== answers.length) issues.push(at(q, 'answer lists a letter twice'));
    const normalised = q.choices.map(normalise);
    if (new Set(normalised).size !== normalised.length) issues.push(at(q, 'two choices are the same'));
  }
  return issues;
}

export function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

function uniqueStems(bank: Bank): BankIssue[] {
  const first = new Map<string, BankQuestion>();
  const issues: BankIssue[] = [];
  for (const q of bank.questions) {
    const key = normalise(q.stem);
    const earlier = first.get(key);
    if (earlier) issues.push(at(q, `same stem as ${earlier.id}`));
    else first.set(key, q);
  }
  issues.push(...nearDuplicateStems(bank.questions));
  return issues;
}

/**
 * The same question reworded: word-set overlap (Jaccard) of 0.8 or more
 * between two stems of one topic. Candidate pairs come from prefix
 * filtering (two sets this similar must share one of their rarest words),
 * so large banks stay fast.
 */
export const NEAR_DUPLICATE_JACCARD = 0.8;

function nearDuplicateStems(questions: BankQuestion[]): BankIssue[] {
  const byTopic = new Map<string, BankQuestion[]>();
  for (const q of questions) {
    const key = `${q.module}/${q.topic}`;
    const list = byTopic.get(key);
    if (list) list.push(q);
    else byTopic.set(key, [q]);
  }
  const issues: BankIssue[] = [];
  for (const list of byTopic.values()) {
    const sets = list.map((q) => new Set(normalise(q.stem).match(/[a-z0-9.]+/g) ?? []));
    const frequency = new Map<string, number>();
    for (const words of sets) for (const w of words) frequency.set(w, (frequency.get(w) ?? 0) + 1);
    const index = new Map<string, number[]>();
    sets.forEach((words, i) => {
      // Rarest words first; a match at threshold t must share one of the first |x| - ceil(t·|x|) + 1.
      const sorted = [...words].sort((a, b) => frequency.get(a)! - frequency.get(b)! || a.localeCompare(b));
      const prefix = sorted.slice(0, sorted.length - Math.ceil(NEAR_DUPLICATE_JACCARD * sorted.length) + 1);
      const candidates = new Set<number>();
      for (const w of prefix) for (const j of index.get(w) ?? []) candidates.add(j);
      for (const j of candidates) {
        const a = list[i]!;
        const b = list[j]!;
        if (jaccard(words, sets[j]!) >= NEAR_DUPLICATE_JACCARD && normalise(a.stem) !== normalise(b.stem)) {
          issues.push(at(a, `stem nearly repeats ${b.id} (same question reworded?)`, 'warning'));
        }
      }
      for (const w of prefix) {
        const seen = index.get(w);
        if (seen) seen.push(i);
        else index.set(w, [i]);
      }
    });
  }
  return issues;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

function styleWarnings(bank: Bank): BankIssue[] {
  const issues: BankIssue[] = [];
  for (const q of bank.questions) {
    if (q.stem.length > 400) issues.push(at(q, `stem is ${q.stem.length} characters (over 400)`, 'warning'));
    if ((q.type === 'single' || q.type === 'multi') && q.shuffle && q.choices.some((c) => /\b(all|none) of the above\b/i.test(c))) {
      issues.push(at(q, '"all/none of the above" with shuffling on: set shuffle: false or reword', 'warning'));
    }
  }
  return issues;
}

/** An exhibit is shown as written, never re-wrapped: it must fit the shipped width. */
export const EXHIBIT_MAX_LINES = 16;
export const EXHIBIT_MAX_COLUMNS = 72;

function exhibitsFit(bank: Bank): BankIssue[] {
  const issues: BankIssue[] = [];
  for (const q of bank.questions) {
    if (q.exhibit === undefined) continue;
    const lines = q.exhibit.split('\n');
    if (lines.length > EXHIBIT_MAX_LINES) issues.push(at(q, `exhibit has ${lines.length} lines; at most ${EXHIBIT_MAX_LINES} fit on an exam screen`));
    lines.forEach((line, i) => {
      // Code points, not UTF-16 units: "µ" and "≤" take one column each.
      const width = [...line].length;
      if (width > EXHIBIT_MAX_COLUMNS) issues.push(at(q, `exhibit line ${i + 1} is ${width} characters; at most ${EXHIBIT_MAX_COLUMNS} (it is shown as written, never re-wrapped)`));
      if (line.includes('\t')) issues.push(at(q, `exhibit line ${i + 1} has a tab: use spaces, so columns line up on every terminal`));
    });
  }
  return issues;
}

function rationalesMatchChoices(bank: Bank): BankIssue[] {
  const issues: BankIssue[] = [];
  for (const q of bank.questions) {
    if (q.type !== 'single' && q.type !== 'multi') continue;
    if (q.rationale === undefined) {
      // Select-all feedback must say, option by option, why each is in or out.
      if (q.type === 'multi') issues.push(at(q, 'select-all item has no rationale: give one line per choice, in choice order'));
      continue;
    }
    if (q.rationale.length !== q.choices.length) {
      issues.push(at(q, `rationale has ${q.rationale.length} line(s) for ${q.choices.length} choices: one line per choice, in choice order`));
    }
  }
  return issues;
}

function numericUnitsKnown(bank: Bank): BankIssue[] {
  const issues: BankIssue[] = [];
  for (const q of bank.questions) {
    if (q.type !== 'numeric') continue;
    if (!familyOf(q.answer.unit)) issues.push(at(q, `answer.unit "${q.answer.unit}" is not a unit mrso converts (use one of ${UNIT_SYMBOLS.join(', ')})`));
    if (!Number.isFinite(q.answer.value)) issues.push(at(q, 'answer.value must be a finite number'));
  }
  return issues;
}

function plannedCounts(bank: Bank, file: string): BankIssue[] {
  const issues: BankIssue[] = [];
  for (const m of bank.modules) {
    if (!m.planned) continue;
    const q = bank.questions.filter((x) => x.module === m.number).length;
    const c = bank.cards.filter((x) => x.module === m.number).length;
    if (q < m.planned.questions) {
      issues.push({ severity: 'warning', file, line: 1, col: 1, message: `module ${m.number} has ${q} of ${m.planned.questions} planned questions` });
    }
    if (c < m.planned.cards) {
      issues.push({ severity: 'warning', file, line: 1, col: 1, message: `module ${m.number} has ${c} of ${m.planned.cards} planned cards` });
    }
  }
  return issues;
}
