import type { Bank, BankCard, BankIssue, BankQuestion } from './types.js';
import { exhibitsFit, numericUnitsKnown, rationalesMatchChoices, supersededHashesDistinct } from './format-rules.js';

/** Bank-wide rules from the format spec, as data: each returns the issues it finds. */
export function checkBankRules(bank: Bank, modulesFile: string): BankIssue[] {
  return [
    ...weightsAddUp(bank, modulesFile),
    ...uniqueIds(bank),
    ...idsMatchPattern(bank),
    ...topicsDeclared(bank),
    ...answersPointAtChoices(bank),
    ...uniqueStems(bank),
    ...safeText(bank, modulesFile),
    ...styleWarnings(bank),
    ...exhibitsFit(bank),
    ...rationalesMatchChoices(bank),
    ...supersededHashesDistinct(bank),
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
    // Own keys only: a topic named constructor or toString is not declared by being on every object's prototype.
    if (module && !Object.hasOwn(module.topics, item.topic)) {
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
  // A loop, not push(...list): a spread of a very long list overflows the call stack.
  for (const issue of nearDuplicateStems(bank.questions)) issues.push(issue);
  return issues;
}

/**
 * The same question reworded: word-set overlap (Jaccard) of 0.8 or more
 * between two stems of one topic. Candidate pairs come from prefix
 * filtering (two sets this similar must share one of their rarest words).
 * Each stem is reported once, against the first earlier stem it nearly
 * repeats, and only the most recent few stems of each word's list are
 * compared: a topic of a thousand near-identical stems costs a thousand
 * short look-ups, not half a million comparisons. A topic names at most
 * NEAR_DUPLICATES_SHOWN stems, then one warning with the count of the rest.
 */
export const NEAR_DUPLICATE_JACCARD = 0.8;
export const NEAR_DUPLICATES_SHOWN = 10;
const CANDIDATES_PER_WORD = 32;

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
    let found = 0;
    sets.forEach((words, i) => {
      // Rarest words first; a match at threshold t must share one of the first |x| - ceil(t·|x|) + 1.
      const sorted = [...words].sort((a, b) => frequency.get(a)! - frequency.get(b)! || (a < b ? -1 : a > b ? 1 : 0));
      const prefix = sorted.slice(0, sorted.length - Math.ceil(NEAR_DUPLICATE_JACCARD * sorted.length) + 1);
      const a = list[i]!;
      search: for (const w of prefix) {
        const seen = index.get(w) ?? [];
        for (let k = seen.length - 1; k >= Math.max(0, seen.length - CANDIDATES_PER_WORD); k--) {
          const j = seen[k]!;
          const b = list[j]!;
          if (jaccard(words, sets[j]!) >= NEAR_DUPLICATE_JACCARD && normalise(a.stem) !== normalise(b.stem)) {
            if (found < NEAR_DUPLICATES_SHOWN) issues.push(at(a, `stem nearly repeats ${b.id} (same question reworded?)`, 'warning'));
            found++;
            break search;
          }
        }
      }
      for (const w of prefix) {
        const seen = index.get(w);
        if (seen) seen.push(i);
        else index.set(w, [i]);
      }
    });
    if (found > NEAR_DUPLICATES_SHOWN) {
      const q = list[0]!;
      issues.push({ severity: 'warning', file: q.file, line: q.line, col: q.col, message: `topic ${q.topic} of module ${q.module}: ${found - NEAR_DUPLICATES_SHOWN} more stems nearly repeat another (${NEAR_DUPLICATES_SHOWN} shown)` });
    }
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

/*
 * Text that would act on a terminal or hide from a reader: C0 controls but
 * newline and tab, DEL, C1, bidi overrides and isolates, zero-width
 * characters, and U+FFFD (what invalid UTF-8 decodes to). An error, so a
 * bank holding them is refused for study and never reaches the screen.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffd]/u;

function describeUnsafe(text: string): string | null {
  const match = UNSAFE_TEXT.exec(text);
  if (!match) return null;
  const ch = match[0];
  const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  if (ch === '\ufffd') return 'invalid UTF-8 (or U+FFFD)';
  if (ch === '\u0000') return 'a NUL character';
  if (ch === '\u001b') return 'an escape character (ESC)';
  return `an invisible or control character (${code})`;
}

/** Every string in a value, with the field path it sits at (choices[2], refs[0]). */
function* stringsOf(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* stringsOf(value[i], `${path}[${i}]`);
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* stringsOf(v, path ? `${path}.${k}` : k);
}

const LOCATION_FIELDS = new Set(['file', 'line', 'col', 'hash']);

function safeText(bank: Bank, modulesFile: string): BankIssue[] {
  const issues: BankIssue[] = [];
  for (const item of [...bank.questions, ...bank.cards]) {
    for (const [field, value] of Object.entries(item)) {
      if (LOCATION_FIELDS.has(field)) continue;
      for (const [path, text] of stringsOf(value, field)) {
        const why = describeUnsafe(text);
        if (why) {
          issues.push(at(item, `${path} holds ${why}; remove it`));
          break;
        }
      }
    }
  }
  for (const m of bank.modules) {
    for (const [path, text] of stringsOf(m, '')) {
      const why = describeUnsafe(text) ?? describeUnsafe(path);
      if (why) issues.push({ severity: 'error', file: modulesFile, line: 1, col: 1, message: `module ${m.number}: ${path} holds ${why}; remove it` });
    }
  }
  return issues;
}
