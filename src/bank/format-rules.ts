import type { Bank, BankCard, BankIssue, BankQuestion } from './types.js';
import { familyOf, UNIT_SYMBOLS } from './units.js';

/* The rules of the richer item format: exhibits, per-choice rationales, numeric answers. */

type Item = BankQuestion | BankCard;

function at(item: Item, message: string, severity: BankIssue['severity'] = 'error'): BankIssue {
  return { severity, file: item.file, line: item.line, col: item.col, id: item.id, message };
}

/** An exhibit is shown as written, never re-wrapped: it must fit the shipped width. */
export const EXHIBIT_MAX_LINES = 16;
export const EXHIBIT_MAX_COLUMNS = 72;

export function exhibitsFit(bank: Bank): BankIssue[] {
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

export function rationalesMatchChoices(bank: Bank): BankIssue[] {
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

export function numericUnitsKnown(bank: Bank): BankIssue[] {
  const issues: BankIssue[] = [];
  for (const q of bank.questions) {
    if (q.type !== 'numeric') continue;
    if (!familyOf(q.answer.unit)) issues.push(at(q, `answer.unit "${q.answer.unit}" is not a unit mrso converts (use one of ${UNIT_SYMBOLS.join(', ')})`));
    if (!Number.isFinite(q.answer.value)) issues.push(at(q, 'answer.value must be a finite number'));
  }
  return issues;
}


/** `supersedes` lists the item's earlier hashes: never its own current one, and each once. */
export function supersededHashesDistinct(bank: Bank): BankIssue[] {
  const issues: BankIssue[] = [];
  for (const q of bank.questions) {
    if (!q.supersedes) continue;
    if (q.supersedes.includes(q.hash)) issues.push(at(q, `supersedes lists the item's own content hash ${q.hash}: list only hashes of its earlier wordings`));
    if (new Set(q.supersedes).size !== q.supersedes.length) issues.push(at(q, 'supersedes lists a hash twice'));
  }
  return issues;
}
