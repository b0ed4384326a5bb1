/**
 * The readiness validation: simulated learners study through the real draw
 * and store, and the real estimator reads their recorded history, then each
 * sits an unseen held-out form. The learners do not share the estimator's
 * assumptions: every item has its own difficulty and chance of a lucky
 * guess, each learner has per-topic abilities the estimator never sees,
 * learns from practice, memorises the keys of items seen and forgets both
 * at their own rates.
 */
import { drawForms } from '../../src/bank/forms.js';
import type { Module } from '../../src/bank/schema.js';
import type { BankQuestion, MockForm } from '../../src/bank/types.js';
import { pickByBlueprint, type DrawSource } from '../../src/exam/draw.js';
import { heldOutIds, withoutHeldOut } from '../../src/exam/held-out.js';
import { seededRng, type Rng } from '../../src/exam/rng.js';
import { estimateReadiness, normalCdf } from '../../src/report/readiness.js';
import { HistoryStore, type AttemptParams } from '../../src/store/history.js';
import { openDb } from '../../src/store/open.js';
import { readinessFrom, readinessInput } from '../../src/commands/readiness-input.js';
import type { ReadinessModel } from '../../src/report/first-exposure.js';
import { positionsByModule } from '../../src/bank/pool.js';

const DAY_MS = 86_400_000;
const PASS = 70;

export interface SimBank {
  modules: Module[];
  questions: BankQuestion[];
  forms: MockForm[];
}

export interface Figures {
  /** Learners the figure is over (those with an estimate). */
  n: number;
  coverage: number;
  mae: number;
  brier: number;
  /** Mean of expected − true expected score: above 0 flatters. */
  bias: number;
}

export interface SimResult {
  learners: number;
  estimated: number;
  model: Figures;
  allAnswers: Figures;
  lastMock: Figures;
  /** Mean absolute error against the realised form score (the true expected score is the main figure). */
  maeRealised: number;
  meanScore: number;
  passRate: number;
}

const gauss = (rng: Rng) => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
const logistic = (x: number) => 1 / (1 + Math.exp(-x));
const uniform = (rng: Rng, a: number, b: number) => a + (b - a) * rng();

interface ItemTruth {
  difficulty: number;
  chance: number;
}

function itemTruths(questions: BankQuestion[], rng: Rng): Map<string, ItemTruth> {
  return new Map(
    questions.map((q) => {
      const choices = (q as { choices?: unknown[] }).choices?.length ?? 0;
      const chance = q.type === 'truefalse' ? 0.5 : q.type === 'multi' ? 0.08 : choices > 0 ? 1 / choices : 0.02;
      // Items have their own difficulty, loosely tied to the author's 1–3 rating.
      return [q.id, { difficulty: 0.35 * (q.difficulty - 2) + 0.9 * gauss(rng), chance }];
    }),
  );
}

interface Learner {
  /** Ability per topic (logit), unknown to the estimator; grows with practice, decays without. */
  ability: Map<string, number>;
  floor: Map<string, number>;
  learnRate: number;
  forgetPerDay: number;
  /** Days a memorised key lasts after the first exposure; multiplied on each later one. */
  memoryDays: number;
  memoryGrowth: number;
  guessMarker: number;
}

function newLearner(bank: SimBank, rng: Rng): Learner {
  const base = 0.4 + 0.8 * gauss(rng);
  const ability = new Map<string, number>();
  for (const m of bank.modules) {
    const moduleOffset = 0.5 * gauss(rng);
    for (const topic of Object.keys(m.topics)) ability.set(`${m.number}/${topic}`, base + moduleOffset + 0.4 * gauss(rng));
  }
  return {
    ability,
    floor: new Map(ability),
    learnRate: uniform(rng, 0.005, 0.04),
    forgetPerDay: uniform(rng, 0.002, 0.02),
    memoryDays: uniform(rng, 2, 15),
    memoryGrowth: uniform(rng, 1.5, 3.5),
    guessMarker: uniform(rng, 0, 0.9),
  };
}

/** Run `learners` simulated learners; the same seed gives the same figures. */
export function simulate(bank: SimBank, opts: { learners: number; seed: string; model?: ReadinessModel }): SimResult {
  const forms = bank.forms.length >= 2 ? bank.forms : drawForms(bank.modules, bank.questions, 2, seededRng(`${opts.seed}/forms`));
  const truths = itemTruths(bank.questions, seededRng(`${opts.seed}/items`));
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  const byModule = positionsByModule(bank.questions.map((q) => q.module));
  const source: DrawSource = {
    modules: bank.modules,
    positionsOf: (m) => byModule.get(m) ?? [],
    idAt: (p) => bank.questions[p]?.id,
    moduleAt: (p) => bank.questions[p]?.module,
  };
  const target = forms[forms.length - 1]!;
  const drills = bank.questions.filter((q) => (q.type as string) === 'numeric').map((q) => q.id);
  const rows: { expected: number | null; low: number; high: number; pass: number; oldE: number | null; oldLow: number; oldHigh: number; oldPass: number; mock: number | null; trueScore: number; realised: number }[] = [];

  for (let l = 0; l < opts.learners; l++) {
    const r = seededRng(`${opts.seed}/learner/${l}`);
    const learner = newLearner(bank, r);
    const db = openDb(':memory:');
    // The store prepares each statement per call; with its triggers that is most of a simulated answer's cost.
    // The same SQL, prepared once: the store's own code runs unchanged.
    const prepare = db.prepare.bind(db);
    const prepared = new Map<string, ReturnType<typeof prepare>>();
    db.prepare = ((sql: string) => prepared.get(sql) ?? prepared.set(sql, prepare(sql)).get(sql)!) as typeof db.prepare;
    const store = new HistoryStore(db, ':memory:');
    const memory = new Map<string, { last: number; days: number }>();
    const start = Date.UTC(2026, 0, 5, 14);
    const studyDays = Math.round(uniform(r, 14, 100));
    const studyProb = uniform(r, 0.25, 0.95);
    const sessionSize = [10, 20, 30, 50][Math.floor(r() * 4)]!;
    const takesForm1At = r() < 0.4 ? Math.floor(uniform(r, 0.4, 0.95) * studyDays) : -1;
    const mockProb = uniform(r, 0, 0.12);
    const taken: number[] = [];
    let lastMock: number | null = null;

    const pKnow = (q: BankQuestion) => logistic(learner.ability.get(`${q.module}/${q.topic}`)! - truths.get(q.id)!.difficulty);
    const pCorrect = (q: BankQuestion, t: number) => {
      const truth = truths.get(q.id)!;
      const fresh = truth.chance + (1 - truth.chance) * pKnow(q);
      const m = memory.get(q.id);
      if (!m) return fresh;
      const recall = Math.exp(-(t - m.last) / DAY_MS / m.days);
      return recall * 0.97 + (1 - recall) * fresh;
    };
    const answer = (q: BankQuestion, t: number, learn: boolean) => {
      const p = pCorrect(q, t);
      const correct = r() < p;
      const guess = !memory.has(q.id) && pKnow(q) < 0.45 && r() < learner.guessMarker;
      if (learn) {
        const key = `${q.module}/${q.topic}`;
        // Feedback teaches: a miss more than a hit, with diminishing returns as ability grows.
        const gain = learner.learnRate * (correct ? 0.6 : 1.2) * (1 - logistic(learner.ability.get(key)! - 1.5));
        learner.ability.set(key, learner.ability.get(key)! + gain);
        const m = memory.get(q.id);
        memory.set(q.id, { last: t, days: m ? m.days * learner.memoryGrowth : learner.memoryDays });
      }
      return { correct, guess };
    };
    const record = (mode: 'practice' | 'exam', ids: string[], t: number, extra: Record<string, number>) => {
      const params = { count: ids.length, modules: [], bank: 'sim', ...extra } as AttemptParams;
      const attemptId = store.createAttempt({
        mode,
        seed: `${l}`,
        params,
        timeLimitS: null,
        startedAt: new Date(t).toISOString(),
        items: ids.map((id, position) => ({ position, itemId: id, itemHash: id, choiceOrder: [] })),
      });
      let right = 0;
      ids.forEach((id, position) => {
        const q = byId.get(id)!;
        const at = t + position * 60_000;
        const { correct, guess } = answer(q, at, true);
        right += Number(correct);
        store.saveResponse(
          { attemptId, position, itemId: id, itemHash: id, module: q.module, topic: q.topic, domain: q.domain, choiceOrder: [], response: 'A', correct, flagged: false, timeMs: 30_000, answeredAt: new Date(at).toISOString() },
          { elapsedMs: 0, currentPos: position },
        );
        // The store does not write the guess mark yet (the exam room adds it): set the column migration 6 added.
        if (guess) db.prepare('UPDATE responses SET guess = 1 WHERE attempt_id = ? AND position = ?').run(attemptId, position);
      });
      store.finishAttempt(attemptId, { correct: right, total: ids.length, passed: right >= 0.7 * ids.length, finishedAt: new Date(t + ids.length * 60_000).toISOString(), elapsedMs: 0 });
      return right;
    };
    const draw = (count: number, onlyModules: number[], mock = false) => {
      // A mock exam never draws numeric drill items; practice does.
      const out = mock ? new Set([...heldOutIds(forms, taken), ...drills]) : heldOutIds(forms, taken);
      const { picked } = pickByBlueprint({ source: withoutHeldOut(source, out), count, onlyModules, lastAnswers: (ids) => store.lastAnswersOf(ids), rng: r });
      return picked.map((p) => bank.questions[p]!.id);
    };

    let day = 0;
    for (; day < studyDays; day++) {
      const t = start + day * DAY_MS + Math.floor(r() * 8) * 3_600_000;
      // Forgetting: topic ability drifts back toward where the learner started.
      for (const [key, a] of learner.ability) {
        const floor = learner.floor.get(key)!;
        learner.ability.set(key, floor + (a - floor) * (1 - learner.forgetPerDay));
      }
      if (day === takesForm1At) {
        lastMock = record('exam', [...forms[0]!.items], t, { form: forms[0]!.number });
        taken.push(forms[0]!.number);
        continue;
      }
      if (r() > studyProb) continue;
      if (r() < mockProb) {
        lastMock = record('exam', draw(100, [], true), t, {});
        continue;
      }
      const one = r() < 0.3 ? [bank.modules[Math.floor(r() * bank.modules.length)]!.number] : [];
      record('practice', draw(sessionSize, one), t, {});
    }
    const now = new Date(start + day * DAY_MS + 12 * 3_600_000);
    const input = readinessInput(store, { forms }, now, { drillIds: drills });
    const estimate = readinessFrom(input, bank.modules, null, opts.model);
    const old = estimateReadiness(store.topicBuckets({ now: now.toISOString() }), bank.modules);
    // The exam: the unseen form, answered without learning from it.
    let trueScore = 0;
    let realised = 0;
    for (const id of target.items) {
      const p = pCorrect(byId.get(id)!, now.getTime());
      trueScore += p;
      realised += Number(r() < p);
    }
    rows.push({
      expected: estimate.today?.expected ?? null,
      low: estimate.today?.low ?? 0,
      high: estimate.today?.high ?? 0,
      pass: estimate.today?.passProbability ?? 0,
      oldE: old.expected,
      oldLow: old.low ?? 0,
      oldHigh: old.high ?? 0,
      oldPass: old.passProbability ?? 0,
      mock: lastMock,
      trueScore,
      realised,
    });
    db.close();
  }

  const figures = (xs: typeof rows, pick: (x: (typeof rows)[number]) => { e: number | null; low: number; high: number; pass: number }): Figures => {
    const with_ = xs.map((x) => ({ x, ...pick(x) })).filter((x) => x.e !== null);
    const n = with_.length || 1;
    return {
      n: with_.length,
      coverage: with_.filter((x) => x.x.realised >= x.low && x.x.realised <= x.high).length / n,
      mae: with_.reduce((s, x) => s + Math.abs(x.e! - x.x.trueScore), 0) / n,
      brier: with_.reduce((s, x) => s + (x.pass - Number(x.x.realised >= PASS)) ** 2, 0) / n,
      bias: with_.reduce((s, x) => s + (x.e! - x.x.trueScore), 0) / n,
    };
  };
  const mockInterval = (score: number) => {
    const p = score / 100;
    const sd = Math.sqrt(100 * p * (1 - p)) || 1;
    return { e: score, low: score - 1.96 * sd, high: score + 1.96 * sd, pass: 1 - normalCdf((PASS - 0.5 - score) / sd) };
  };
  const model = figures(rows, (x) => ({ e: x.expected, low: x.low, high: x.high, pass: x.pass }));
  const estimated = rows.filter((x) => x.expected !== null);
  return {
    learners: rows.length,
    estimated: estimated.length,
    model,
    allAnswers: figures(rows, (x) => ({ e: x.oldE, low: x.oldLow, high: x.oldHigh, pass: x.oldPass })),
    lastMock: figures(rows, (x) => (x.mock === null ? { e: null, low: 0, high: 0, pass: 0 } : mockInterval(x.mock))),
    maeRealised: estimated.reduce((s, x) => s + Math.abs(x.expected! - x.realised), 0) / (estimated.length || 1),
    meanScore: rows.reduce((s, x) => s + x.realised, 0) / (rows.length || 1),
    passRate: rows.filter((x) => x.realised >= PASS).length / (rows.length || 1),
  };
}
