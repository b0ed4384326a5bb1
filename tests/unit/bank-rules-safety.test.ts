import { describe, expect, it } from 'vitest';
import { checkBankRules, NEAR_DUPLICATES_SHOWN } from '../../src/bank/rules.js';
import type { Bank } from '../../src/bank/types.js';
import { question, syntheticBank } from '../helpers/bank.js';

function bankOf(overrides: Parameters<typeof question>[2][]): Bank {
  const base = syntheticBank([overrides.length]);
  const questions = base.questions.map((q, i) => ({ ...q, ...overrides[i] }) as Bank['questions'][number]);
  return { modules: base.modules, questions, cards: [] } as unknown as Bank;
}

describe('bank rules: text that reaches the terminal', () => {
  it('reports ESC, NUL, C1, DEL, zero-width and bidi characters and invalid UTF-8 in any text field as errors', () => {
    const bad = ['\u001b]52;c;eA==\u0007', 'a\u0000b', 'x\u009by', 'del\u007f', 'zero\u200bwidth', 'rtl\u202eevil', 'bad \ufffd utf-8'];
    const bank = bankOf(bad.map((text, i) => (i % 2 === 0 ? { stem: `Question ${i} ${text}` } : { explanation: `Because ${text}` })));
    const errors = checkBankRules(bank, 'modules.yaml').filter((i) => i.severity === 'error');
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^stem holds an escape character \(ESC\); remove it$/),
      expect.stringMatching(/^explanation holds a NUL character/),
      expect.stringMatching(/^stem holds an invisible or control character \(U\+009B\)/),
      expect.stringMatching(/^explanation holds an invisible or control character \(U\+007F\)/),
      expect.stringMatching(/^stem holds an invisible or control character \(U\+200B\)/),
      expect.stringMatching(/^explanation holds an invisible or control character \(U\+202E\)/),
      expect.stringMatching(/^stem holds invalid UTF-8/),
    ]);
  });

  it('reports a control character in a choice by its place, and passes newlines and tabs', () => {
    const bank = bankOf([{ choices: ['one', 'tw\u001bo', 'three', 'four'] } as never, { explanation: 'line one\n\tline two' }]);
    const errors = checkBankRules(bank, 'modules.yaml').filter((i) => i.severity === 'error');
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/^choices\[1\] holds an escape character/)]);
  });

  it('does not accept a topic named constructor (or any name on an object prototype) as declared', () => {
    const bank = bankOf([{ topic: 'constructor', id: 'm1-constructor-001' }, { topic: 'toString', id: 'm1-toString-001' }]);
    const messages = checkBankRules(bank, 'modules.yaml').map((i) => i.message);
    expect(messages).toContainEqual(expect.stringMatching(/^topic "constructor" is not declared for module 1/));
    expect(messages).toContainEqual(expect.stringMatching(/^topic "toString" is not declared for module 1/));
  });
});

describe('bank rules: near-duplicate stems at scale', () => {
  it('checks 4,000 near-identical stems in one topic without overflowing, naming a bounded few and counting the rest', () => {
    const n = 4000;
    const words = 'patient with a conditional implant scanned at three tesla in zone four needs what check first'.split(' ');
    const bank = bankOf(Array.from({ length: n }, (_, i) => ({ stem: `${words.join(' ')} case ${i}` })));
    const warnings = checkBankRules(bank, 'modules.yaml').filter((i) => /nearly repeat/.test(i.message));
    expect(warnings).toHaveLength(NEAR_DUPLICATES_SHOWN + 1);
    expect(warnings.at(-1)!.message).toBe(`topic ${bank.questions[0]!.topic} of module 1: ${n - 1 - NEAR_DUPLICATES_SHOWN} more stems nearly repeat another (${NEAR_DUPLICATES_SHOWN} shown)`);
  });
});

describe('bank summary: topic names that are also object properties', () => {
  it('counts a question in a topic named constructor as one, not as the text of a function', async () => {
    const { summariseBank } = await import('../../src/report/bank-summary.js');
    const bank = bankOf([{ topic: 'constructor', id: 'm1-constructor-001' }, { topic: 'toString', id: 'm1-toString-001' }]);
    const [module] = summariseBank('bank', bank, []).byModule;
    expect(module!.byTopic['constructor']).toBe(1);
    expect(module!.byTopic['toString']).toBe(1);
    expect(JSON.stringify(module!.byTopic)).not.toMatch(/native code/);
  });
});
