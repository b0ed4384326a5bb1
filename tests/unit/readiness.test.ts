import { describe, expect, it } from 'vitest';
import type { Module } from '../../src/bank/schema.js';
import { checkForms, drawForms } from '../../src/bank/forms.js';
import { pickByBlueprint } from '../../src/exam/draw.js';
import { excludeHeldOut, heldOutIds, planForm, unusedForms, withoutHeldOut } from '../../src/exam/held-out.js';
import { seededRng } from '../../src/exam/rng.js';
import { calibrationOf } from '../../src/report/calibration.js';
import { DEFAULT_MODEL, estimateFromFirstAnswers, type FirstAnswer } from '../../src/report/first-exposure.js';
import { reviewSet } from '../../src/report/review-sets.js';
import { adviceLine, buildStatsView } from '../../src/report/stats.js';
import { syntheticBank } from '../helpers/bank.js';

const mod = (number: number, weight: number, topics = ['t']): Module => ({
  number,
  title: `Module ${number}`,
  weight,
  objectives: ['o'],
  topics: Object.fromEntries(topics.map((t) => [t, { title: `Topic ${t}`, domain: 'clinical' as const }])),
});

const answers = (module: number, right: number, wrong: number, extra: Partial<FirstAnswer> = {}): FirstAnswer[] => [
  ...Array.from({ length: right }, () => ({ module, daysAgo: 1, correct: true, guess: false, onForm: false, topic: 't', domain: 'clinical', ...extra })),
  ...Array.from({ length: wrong }, () => ({ module, daysAgo: 1, correct: false, guess: false, onForm: false, topic: 't', domain: 'clinical', ...extra })),
];

describe('held-out forms in every draw', () => {
  const { modules, questions } = syntheticBank([30, 30], [50, 50]);
  const ids = questions.map((q) => q.id);
  const forms = [
    { number: 1, items: ids.filter((_, i) => i % 3 === 0) },
    { number: 2, items: ids.filter((_, i) => i % 3 === 1) },
  ];
  const byModule = new Map<number, number[]>();
  questions.forEach((q, p) => byModule.set(q.module, [...(byModule.get(q.module) ?? []), p]));
  const source = { modules, positionsOf: (m: number) => byModule.get(m) ?? [], idAt: (p: number) => questions[p]?.id, moduleAt: (p: number) => questions[p]?.module };
  const drawIds = (taken: number[], count: number, seed: string) =>
    pickByBlueprint({ source: withoutHeldOut(source, heldOutIds(forms, taken)), count, onlyModules: [], lastAnswers: (xs) => xs.map(() => undefined), rng: seededRng(seed) }).picked.map((p) => questions[p]!.id);

  it('never draws an item of a form not yet taken, however many draws', () => {
    const held = heldOutIds(forms, []);
    for (let s = 0; s < 50; s++) for (const id of drawIds([], 20, `s${s}`)) expect(held.has(id)).toBe(false);
    // Asking for the whole bank gives only the practice items, and says how many it could not give.
    expect(drawIds([], 60, 'all').length).toBe(20);
  });

  it('returns a form\'s items to the draw once that form is taken, and keeps the other held out', () => {
    const drawn = new Set(drawIds([1], 60, 'after'));
    expect(forms[0]!.items.every((id) => drawn.has(id))).toBe(true);
    expect(forms[1]!.items.some((id) => drawn.has(id))).toBe(false);
  });

  it('keeps held-out items out of lists chosen by id (review sets, cards --missed), in order', () => {
    const held = heldOutIds(forms, [2]);
    expect(excludeHeldOut([ids[0]!, ids[1]!, ids[2]!, ids[3]!], held, (x) => x)).toEqual([ids[1], ids[2]]);
  });

  it('plans a form in its stored order, refuses an unknown number, and warns on a retake', () => {
    const plan = planForm(forms, 1, [], () => true);
    expect(plan).toMatchObject({ ok: true, items: forms[0]!.items, warning: null });
    expect(planForm(forms, 3, [], () => true)).toMatchObject({ ok: false, reason: '--form 3: no such form', hint: "The bank's forms are 1, 2." });
    expect(planForm([], 1, [], () => true)).toMatchObject({ ok: false, reason: '--form 1: this bank has no held-out mock forms' });
    expect(planForm(forms, 2, [2], () => true)).toMatchObject({ ok: true, warning: expect.stringMatching(/no longer measures first exposure/) });
    expect(planForm(forms, 1, [], (id) => id !== forms[0]!.items[0])).toMatchObject({ ok: false });
    expect(unusedForms(forms, [1])).toEqual([2]);
  });
});

describe('drawing and checking the forms', () => {
  const modules = [mod(1, 30, ['a', 'b']), mod(2, 70, ['c'])];
  modules[0]!.topics['b']!.domain = 'rf-field';
  const items = [
    ...Array.from({ length: 80 }, (_, i) => ({ id: `m1-a-${i}`, module: 1, domain: 'clinical' as const, type: 'single' })),
    ...Array.from({ length: 40 }, (_, i) => ({ id: `m1-b-${i}`, module: 1, domain: 'rf-field' as const, type: 'single' })),
    ...Array.from({ length: 200 }, (_, i) => ({ id: `m2-c-${i}`, module: 2, domain: 'clinical' as const, type: i % 10 === 0 ? 'numeric' : 'single' })),
  ];
  const bank = { modules, questions: items, questionsById: new Map(items.map((q) => [q.id, q])) } as unknown as Parameters<typeof checkForms>[1];

  it('draws disjoint forms by blueprint weight, never a numeric item, the same for the same seed', () => {
    const forms = drawForms(modules, items, 2, seededRng('f'));
    expect(forms.map((f) => f.items.length)).toEqual([100, 100]);
    expect(checkForms(forms, bank)).toEqual([]);
    expect(forms.flatMap((f) => f.items).some((id) => items.find((q) => q.id === id)!.type === 'numeric')).toBe(false);
    expect(forms[0]!.items.filter((id) => id.startsWith('m1-')).length).toBe(30);
    expect(drawForms(modules, items, 2, seededRng('f'))).toEqual(forms);
  });

  it('reports unknown ids, numeric items, shared items and a module off its share', () => {
    const forms = drawForms(modules, items, 2, seededRng('g'));
    const broken = [
      { number: 1, items: [...forms[0]!.items.slice(0, 95), 'm9-x-001', 'm2-c-0', ...forms[1]!.items.slice(0, 3)] },
      { number: 2, items: forms[1]!.items },
    ];
    const messages = checkForms(broken, bank).map((i) => i.message);
    expect(messages).toContain('form 1 lists m9-x-001, which is not in the bank');
    expect(messages).toContain('form 1 lists m2-c-0, a numeric item (drill only, never on a form)');
    expect(messages.filter((m) => m.includes('forms must not share items')).length).toBe(3);
    const lopsided = [{ number: 1, items: items.filter((q) => q.module === 2 && q.type !== 'numeric').slice(0, 100).map((q) => q.id) }];
    expect(checkForms(lopsided, bank).map((i) => i.message)).toContain('form 1 has 0 items from module 1; its blueprint share is 30.0 (±2)');
  });
});

describe('readiness from first answers', () => {
  const modules = [mod(1, 50), mod(2, 50)];

  it('says plainly what it needs: first answers per thin module, or one held-out form', () => {
    const r = estimateFromFirstAnswers([...answers(1, 10, 2), ...answers(2, 3, 0)], modules);
    expect(r.enoughData).toBe(false);
    expect(r.thin).toEqual([{ module: 2, more: 5 }]);
    // A taken form covers every module at once.
    expect(estimateFromFirstAnswers([...answers(1, 10, 2), ...answers(2, 3, 0, { onForm: true })], modules, { formTaken: true }).enoughData).toBe(true);
  });

  it('counts a right guess as the exam does (right), and by the model\'s guess credit when set lower', () => {
    const sure = estimateFromFirstAnswers([...answers(1, 20, 20), ...answers(2, 20, 20)], modules);
    const guesses = [...answers(1, 20, 20, { guess: true }), ...answers(2, 20, 20, { guess: true })];
    expect(sure.today!.expected).toBeCloseTo(50, 6);
    expect(estimateFromFirstAnswers(guesses, modules).today!.expected).toBeCloseTo(50, 6);
    expect(estimateFromFirstAnswers(guesses, modules, { model: { ...DEFAULT_MODEL, guessCredit: 0.5 } }).today!.expected).toBeCloseTo(25, 6);
  });

  it('widens the interval for the exam date ahead and gives a finite pass probability', () => {
    const r = estimateFromFirstAnswers([...answers(1, 40, 10), ...answers(2, 35, 15)], modules, { daysToExam: 60, examDate: '2027-03-01' });
    expect(r.today!.expected).toBeGreaterThan(70);
    expect(r.atExam!.high - r.atExam!.low).toBeGreaterThan(r.today!.high - r.today!.low);
    expect(r.today!.passProbability).toBeGreaterThan(0.5);
    expect(r.today!.passProbability).toBeLessThan(1);
  });
});

describe('stats a candidate can act on', () => {
  it('orders modules by exam points lost, not by percent, and advises the top one', () => {
    // Module 1: 30% of the exam at 80% (loses ~6 points); module 2: 10% at 50% (loses ~5).
    const view = buildStatsView({
      buckets: [
        { module: 1, topic: 't', domain: 'clinical', weeksAgo: 0, answered: 100, correct: 80 },
        { module: 2, topic: 't', domain: 'clinical', weeksAgo: 0, answered: 100, correct: 50 },
        { module: 3, topic: 't', domain: 'clinical', weeksAgo: 0, answered: 100, correct: 98 },
      ],
      exams: [],
      modules: [mod(1, 30), mod(2, 10), mod(3, 60)],
      firstAnswers: [...answers(1, 80, 20), ...answers(2, 50, 50), ...answers(3, 98, 2)],
    });
    expect(view.modules.map((m) => m.number)).toEqual([1, 2, 3]);
    expect(view.modules[0]!.pointsLost).toBeGreaterThan(view.modules[1]!.pointsLost);
    expect(view.modules.find((m) => m.number === 2)!.weak).toBe(true);
    expect(view.modules.find((m) => m.number === 1)!.weak).toBe(false);
    expect(view.advice).toBe('Study module 1 (Module 1) next: it costs you about 6 points of 30 on the exam.');
  });

  it('advises starting an unanswered module when it costs the most', () => {
    const rows = [
      { number: 4, title: 'Four', answered: 0, correct: 0, percent: null, low: null, high: null, weak: false, trend: null, firstAnswers: 0, estimate: null, examItems: 20, pointsLost: 6 },
      { number: 5, title: 'Five', answered: 30, correct: 27, percent: 90, low: 75, high: 97, weak: false, trend: null, firstAnswers: 30, estimate: 88, examItems: 10, pointsLost: 1.2 },
    ];
    expect(adviceLine(rows)).toBe('Start module 4 (Four) next: you have not answered it yet, and it likely costs you about 6 points of 20.');
    expect(adviceLine(rows.map((r) => ({ ...r, answered: 0 })))).toBeNull();
  });

  it('charts full mocks apart from short quizzes', () => {
    const exam = (id: number, total: number) => ({ id, finishedAt: '2026-11-01', correct: Math.round(total * 0.7), total, passed: true });
    const view = buildStatsView({ buckets: [], exams: [exam(1, 100), exam(2, 5)], modules: [mod(1, 100)] });
    expect(view.exams.map((e) => e.full)).toEqual([true, false]);
  });

  it('reads confidence marks: percent right per mark and a Brier score', () => {
    const c = calibrationOf([...answers(1, 9, 1), ...answers(1, 1, 3, { guess: true })])!;
    expect(c.levels).toEqual([
      { level: 'sure', answered: 10, correct: 9, percent: 90, forecast: 0.9 },
      { level: 'guess', answered: 4, correct: 1, percent: 25, forecast: 0.3 },
    ]);
    expect(c.brier).toBeCloseTo((9 * 0.01 + 0.81 + 0.49 + 3 * 0.09) / 14, 10);
    expect(calibrationOf(answers(1, 5, 5))).toBeNull();
  });

  it('drills items answered wrong while not marked a guess, until answered right twice', () => {
    const e = (itemId: string, day: number, correct: boolean, guess = false) => ({ itemId, answered: true, correct, flagged: false, guess, answeredAt: `2026-01-${String(day).padStart(2, '0')}` });
    const trail = [e('sure-miss', 1, false), e('guess-miss', 2, false, true), e('cleared', 1, false), e('cleared', 2, true), e('cleared', 3, true)];
    expect(reviewSet(trail, 'confident-wrong').map((c) => c.itemId)).toEqual(['sure-miss']);
    expect(reviewSet(trail, 'missed').map((c) => c.itemId)).toEqual(['guess-miss', 'sure-miss']);
  });
});
