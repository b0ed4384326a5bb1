import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/load.js';
import { questionHash } from '../../src/bank/hash.js';

const modules = 'modules:\n  - {number: 1, title: T, weight: 100, objectives: [o], topics: {a: {title: A, domain: clinical}}}\n';
const check = (items: string) => {
  const { bank, issues } = loadBank([
    { path: 'modules.yaml', text: modules },
    { path: '01.yaml', text: `module: 1\nquestions:\n${items}` },
  ]);
  return { bank, problems: issues.map((i) => `${i.severity} ${i.id ?? ''}: ${i.message}`) };
};

const numeric = (id: string, answer: string) =>
  `  - id: ${id}\n    topic: a\n    type: numeric\n    difficulty: 1\n    stem: How many millitesla is 5 gauss (${id})?\n    answer: ${answer}\n    explanation: e\n    refs: [r]\n`;

describe('bank format: exhibits, numeric items, rationales', () => {
  it('accepts an exhibit, keeps it exactly as written, and hashes it as part of what the examinee sees', () => {
    const exhibit = '    exhibit: |\n      Fictitious clip "AC-7", MR Conditional\n        Static field: 1.5 T only\n';
    const item = (id: string, extra: string) => `  - id: ${id}\n    topic: a\n    type: truefalse\n    difficulty: 3\n${extra}    stem: May it be scanned at 3 T (${id})?\n    answer: false\n    explanation: e\n    refs: [r]\n`;
    const { bank, problems } = check(item('m1-a-001', exhibit));
    expect(problems).toEqual([]);
    expect(bank.questions[0]!.exhibit).toBe('Fictitious clip "AC-7", MR Conditional\n  Static field: 1.5 T only');
    const plain = check(item('m1-a-001', '')).bank.questions[0]!;
    expect(questionHash(bank.questions[0]!)).not.toBe(questionHash(plain));
  });

  it('refuses an exhibit over 16 lines or 72 columns, naming the line', () => {
    const long = `    exhibit: |\n${Array.from({ length: 17 }, (_, i) => `      line ${i + 1}`).join('\n')}\n      ${'x'.repeat(73)}\n`;
    const { problems } = check(`  - id: m1-a-001\n    topic: a\n    type: truefalse\n    difficulty: 1\n${long}    stem: S?\n    answer: true\n    explanation: e\n    refs: [r]\n`);
    expect(problems).toContain('error m1-a-001: exhibit has 18 lines; at most 16 fit on an exam screen');
    expect(problems).toContain('error m1-a-001: exhibit line 18 is 73 characters; at most 72 (it is shown as written, never re-wrapped)');
  });

  it('checks a numeric item has a unit mrso converts', () => {
    expect(check(numeric('m1-a-001', '{ value: 0.5, unit: mT }')).problems).toEqual([]);
    expect(check(numeric('m1-a-001', '{ value: 0.5, unit: furlong }')).problems[0]).toMatch(/^error m1-a-001: answer.unit "furlong" is not a unit mrso converts/);
    expect(check(numeric('m1-a-001', '{ value: 0.5 }')).problems[0]).toMatch(/^error m1-a-001: answer.unit: /);
  });

  it('wants one rationale line per choice, and a rationale on every select-all item', () => {
    const multi = (rationale: string) =>
      `  - id: m1-a-001\n    topic: a\n    type: multi\n    difficulty: 2\n    stem: Which? Select all that apply.\n    choices: [one, two, three, four]\n    answer: [A, C]\n${rationale}    explanation: e\n    refs: [r]\n`;
    expect(check(multi('    rationale: [yes, no, yes, no]\n')).problems).toEqual([]);
    expect(check(multi('    rationale: [yes, no, yes]\n')).problems).toEqual(['error m1-a-001: rationale has 3 line(s) for 4 choices: one line per choice, in choice order']);
    expect(check(multi('')).problems).toEqual(['error m1-a-001: select-all item has no rationale: give one line per choice, in choice order']);
  });

  it("takes earlier content hashes in supersedes, and refuses the item's own, a repeat, or a malformed one", () => {
    const item = (supersedes: string) =>
      `  - id: m1-a-001\n    topic: a\n    type: truefalse\n    difficulty: 1\n${supersedes}    stem: Is it so?\n    answer: true\n    explanation: e\n    refs: [r]\n`;
    const own = check(item('')).bank.questions[0]!.hash;
    expect(check(item('    supersedes: [0123456789abcdef]\n')).problems).toEqual([]);
    expect(check(item(`    supersedes: [${own}]\n`)).problems).toEqual([`error m1-a-001: supersedes lists the item's own content hash ${own}: list only hashes of its earlier wordings`]);
    expect(check(item('    supersedes: [0123456789abcdef, 0123456789abcdef]\n')).problems).toEqual(['error m1-a-001: supersedes lists a hash twice']);
    expect(check(item('    supersedes: [xyz]\n')).problems[0]).toMatch(/^error m1-a-001: supersedes\.0: must be a 16-digit content hash/);
  });
});
