import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBank } from '../../src/commands/load-bank.js';
import { DOMAINS } from '../../src/bank/domains.js';
import { documentOf } from '../../src/bank/outline.js';
import { ROOT } from '../helpers/cli.js';

// The shipped bank is the product: these are the promises of issue #6, so the
// bank cannot silently shrink, lose its mix, or drift in how it cites sources.
const QUESTIONS = join(ROOT, 'questions');
const { bank, issues } = await readBank(QUESTIONS);
const share = (n: number, of: number) => n / of;
// Exam-type items (what a mock exam draws); numeric items are drills, counted apart.
const examItems = bank.questions.filter((q) => q.type !== 'numeric');
const isLabelScenario = (exhibit: string | undefined) => exhibit !== undefined && /MR Conditional/i.test(exhibit);

describe('the shipped question bank', () => {
  it('loads with no errors', () => {
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('has at least 900 exam-type items and 500 cards, and every module 1–9 at least 80 and 45', () => {
    expect(examItems.length).toBeGreaterThanOrEqual(900);
    expect(bank.cards.length).toBeGreaterThanOrEqual(500);
    expect(bank.modules.map((m) => m.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const m of bank.modules) {
      expect(examItems.filter((q) => q.module === m.number).length, `module ${m.number} questions`).toBeGreaterThanOrEqual(80);
      expect(bank.cards.filter((c) => c.module === m.number).length, `module ${m.number} cards`).toBeGreaterThanOrEqual(45);
    }
  });

  it('has at least 60 items with exhibits (40 of them MR Conditional label scenarios) and 60 numeric drills', () => {
    expect(bank.questions.filter((q) => q.exhibit !== undefined).length).toBeGreaterThanOrEqual(60);
    expect(bank.questions.filter((q) => isLabelScenario(q.exhibit)).length).toBeGreaterThanOrEqual(40);
    expect(bank.questions.filter((q) => q.type === 'numeric').length).toBeGreaterThanOrEqual(60);
  });

  it('gives every select-all item a rationale with one line per choice', () => {
    const multi = bank.questions.filter((q) => q.type === 'multi');
    expect(multi.filter((q) => q.rationale?.length !== q.choices.length).map((q) => q.id)).toEqual([]);
  });

  it('sizes each module in proportion to its blueprint weight (within a fifth)', () => {
    for (const m of bank.modules) {
      const ratio = share(examItems.filter((q) => q.module === m.number).length, examItems.length) / (m.weight / 100);
      expect(ratio, `module ${m.number}`).toBeGreaterThan(0.8);
      expect(ratio, `module ${m.number}`).toBeLessThan(1.2);
    }
  });

  it('mixes types and difficulty like the real exam', () => {
    const n = examItems.length;
    const count = (f: (q: (typeof bank.questions)[number]) => boolean) => examItems.filter(f).length;
    expect(share(count((q) => q.type === 'truefalse'), n)).toBeGreaterThanOrEqual(0.15);
    expect(share(count((q) => q.type === 'multi'), n)).toBeGreaterThanOrEqual(0.08);
    expect(share(count((q) => q.type === 'single'), n)).toBeGreaterThan(0.5);
    // About 30% recall, 50% apply, 20% analyse.
    expect(share(count((q) => q.difficulty === 1), n)).toBeGreaterThan(0.2);
    expect(share(count((q) => q.difficulty === 1), n)).toBeLessThan(0.4);
    expect(share(count((q) => q.difficulty === 2), n)).toBeGreaterThan(0.4);
    expect(share(count((q) => q.difficulty === 3), n)).toBeGreaterThanOrEqual(0.25);
  });

  it('has 4–10 topics per module, at least 5 questions per topic and 40 per exam domain', () => {
    for (const m of bank.modules) {
      const topics = Object.keys(m.topics);
      expect(topics.length, `module ${m.number}`).toBeGreaterThanOrEqual(4);
      expect(topics.length, `module ${m.number}`).toBeLessThanOrEqual(10);
      for (const t of topics) {
        expect(bank.questions.filter((q) => q.module === m.number && q.topic === t).length, `m${m.number} ${t}`).toBeGreaterThanOrEqual(5);
      }
    }
    for (const d of DOMAINS) expect(bank.questions.filter((q) => q.domain === d).length, d).toBeGreaterThanOrEqual(40);
  });

  it('cites every source by a document name listed in questions/AUTHORING.md', () => {
    const authoring = readFileSync(join(QUESTIONS, 'AUTHORING.md'), 'utf8');
    const listed = new Set([...authoring.matchAll(/^- (.+)$/gm)].map((m) => m[1]!.trim()));
    const unlisted = new Set<string>();
    for (const item of [...bank.questions, ...bank.cards]) {
      for (const ref of item.refs) if (!listed.has(documentOf(ref))) unlisted.add(`${item.id}: ${documentOf(ref)}`);
    }
    expect([...unlisted]).toEqual([]);
  });

  it('never brings back a retired id', () => {
    const retired = readdirSync(QUESTIONS)
      .filter((n) => n.endsWith('.yaml'))
      .flatMap((n) => [...readFileSync(join(QUESTIONS, n), 'utf8').matchAll(/^# retired: (.+)$/gm)].flatMap((m) => m[1]!.split(',').map((id) => id.trim())));
    const live = new Set([...bank.questions.map((q) => q.id), ...bank.cards.map((c) => c.id)]);
    expect(retired.filter((id) => live.has(id))).toEqual([]);
  });
});
