import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBank } from '../../src/bank/load.js';
import { simulate } from './simulate.js';
import { DEFAULT_MODEL, type ReadinessModel } from '../../src/report/first-exposure.js';

/** `npm run validate-readiness [-- --learners N --seed S --bank DIR]`: the figures of the README. */
function main(argv: string[]): void {
  const arg = (name: string, fallback: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
  };
  const learners = Number(arg('learners', '1000'));
  const seed = arg('seed', 'validate-readiness-1');
  const dir = arg('bank', 'questions');
  const files = readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).map((n) => ({ path: join(dir, n), text: readFileSync(join(dir, n), 'utf8') }));
  const { bank, issues } = loadBank(files);
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) throw new Error(`the bank in ${dir} has ${errors.length} error(s); run mrso bank check`);
  const started = Date.now();
  const model = process.env['MRSO_READINESS_MODEL'] ? { ...DEFAULT_MODEL, ...(JSON.parse(process.env['MRSO_READINESS_MODEL']) as Partial<ReadinessModel>) } : undefined;
  const result = simulate({ modules: bank.modules, questions: bank.questions, forms: bank.forms }, { learners, seed, ...(model ? { model } : {}) });
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const line = (name: string, f: { n: number; coverage: number; mae: number; brier: number; bias: number }) =>
    `${name.padEnd(28)} ${String(f.n).padStart(5)}  ${pct(f.coverage).padStart(8)}  ${f.mae.toFixed(2).padStart(6)}  ${f.brier.toFixed(3).padStart(6)}  ${f.bias.toFixed(2).padStart(6)}`;
  if (model) console.log(`model ${JSON.stringify(model)}`);
  console.log(`${result.learners} simulated learners (seed ${seed}, bank ${dir}, ${((Date.now() - started) / 1000).toFixed(0)} s); mean unseen-form score ${result.meanScore.toFixed(1)}, ${pct(result.passRate)} pass`);
  console.log(`${'model'.padEnd(28)} ${'n'.padStart(5)}  ${'coverage'.padStart(8)}  ${'MAE'.padStart(6)}  ${'Brier'.padStart(6)}  ${'bias'.padStart(6)}`);
  console.log(line('first exposure (mrso stats)', result.model));
  console.log(line('all answers (before #13)', result.allAnswers));
  console.log(line('last mock score', result.lastMock));
  console.log(`targets: coverage 0.93–0.97, MAE <= 5 points (against the true expected form score; against the realised score ${result.maeRealised.toFixed(2)})`);
  console.log(
    JSON.stringify({
      learners: result.learners,
      estimated: result.estimated,
      coverage: round(result.model.coverage),
      mae: round(result.model.mae),
      brier: round(result.model.brier),
      baselineBrier: round(result.allAnswers.brier),
      oldCoverage: round(result.allAnswers.coverage),
      oldMae: round(result.allAnswers.mae),
      lastMockCoverage: round(result.lastMock.coverage),
      lastMockMae: round(result.lastMock.mae),
      lastMockBrier: round(result.lastMock.brier),
    }),
  );
}

const round = (x: number) => Math.round(x * 1000) / 1000;

main(process.argv.slice(2));
