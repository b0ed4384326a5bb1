import { describe, expect, it } from 'vitest';
import { readBank, formatIssue } from '../../src/commands/load-bank.js';
import { loadBank } from '../../src/bank/load.js';
import { ROOT } from '../helpers/cli.js';

const errorsOf = async (dir: string) =>
  (await readBank(dir)).issues.filter((i) => i.severity === 'error')
    .map(formatIssue);

describe('bank loading', () => {
  it('accepts the small fixture bank with no errors and hashes every question', async () => {
    const { bank, issues } = await readBank(`${ROOT}/tests/fixtures/small-bank`);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(bank.questions.map((q) => q.id)).toEqual(['m1-alpha-001', 'm1-alpha-002', 'm1-beta-001', 'm2-gamma-001', 'm2-gamma-002']);
    expect(new Set(bank.questions.map((q) => q.hash)).size).toBe(5);
    expect(bank.questions.find((q) => q.id === 'm2-gamma-001')?.domain).toBe('clinical');
  });

  it('lists every error of a broken bank as file:line:col id: message', async () => {
    expect(await errorsOf(`${ROOT}/tests/fixtures/broken-bank`)).toEqual([
      'tests/fixtures/broken-bank/01-one.yaml:3:5 m1-alpha-001: answer D points at no choice (choices are A, B, C)',
      'tests/fixtures/broken-bank/01-one.yaml:19:11 m1-alpha-002: refs: needs at least one reference',
      'tests/fixtures/broken-bank/01-one.yaml:25:13 m1-alpha-001: answer: must be true or false',
      'tests/fixtures/broken-bank/01-one.yaml:30:11 m1-alpha-004: type "essay" is not one of single, multi, truefalse, numeric',
      'tests/fixtures/broken-bank/01-one.yaml:35:5 m1-alpha-005: id must look like m1-delta-NNN (module 1, topic delta, three digits)',
      'tests/fixtures/broken-bank/01-one.yaml:35:5 m1-alpha-005: topic "delta" is not declared for module 1 (known: alpha, beta)',
      'tests/fixtures/broken-bank/02-two.yaml:7:1: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('reports a duplicate id and a stem repeated after normalising case and spaces', () => {
    const modules = 'modules:\n  - {number: 1, title: T, weight: 100, objectives: [o], topics: {a: {title: A, domain: clinical}}}\n';
    const item = (id: string, stem: string) =>
      `  - {id: ${id}, topic: a, type: truefalse, difficulty: 1, stem: "${stem}", answer: true, explanation: e, refs: [r]}\n`;
    const { issues } = loadBank([
      { path: 'modules.yaml', text: modules },
      { path: '01.yaml', text: `module: 1\nquestions:\n${item('m1-a-001', 'Is it so?')}${item('m1-a-001', 'Another?')}${item('m1-a-003', 'is  IT so?')}` },
    ]);
    expect(issues.filter((i) => i.severity === 'error').map((i) => `${i.id}: ${i.message}`)).toEqual([
      'm1-a-001: duplicate id (also at 01.yaml:3)',
      'm1-a-003: same stem as m1-a-001',
    ]);
  });

  it('refuses weights that do not add up to 100 and a YAML alias bomb, without throwing', () => {
    const modules = 'modules:\n  - {number: 1, title: T, weight: 90, objectives: [o], topics: {a: {title: A, domain: clinical}}}\n';
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)].join('\n');
    const { issues } = loadBank([
      { path: 'modules.yaml', text: modules },
      { path: 'bomb.yaml', text: bomb },
    ]);
    const messages = issues.map((i) => `${i.file}: ${i.message}`);
    expect(messages).toContain('modules.yaml: module weights add up to 90, not 100');
    expect(messages.some((m) => m.startsWith('bomb.yaml: cannot be read'))).toBe(true);
  });
});
