// @ts-check
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Write a valid synthetic bank: `perModule` questions in each of `modules`
 * modules (mixed types; every single/multi keyed A or A,C with shuffle off,
 * true/false keyed true), plus `cardsPerModule` cards. Used by tests and the
 * benchmark, never shipped.
 */
/**
 * @param {string} dir
 * @param {{ modules?: number, perModule: number, cardsPerModule?: number, singleOnly?: boolean }} opts
 */
export function generateBank(dir, opts) {
  const moduleCount = opts.modules ?? 9;
  mkdirSync(dir, { recursive: true });
  const weights = Array.from({ length: moduleCount }, (_, i) => Math.floor(100 / moduleCount) + (i < 100 % moduleCount ? 1 : 0));
  const modulesYaml = ['modules:'];
  for (let m = 1; m <= moduleCount; m++) {
    modulesYaml.push(
      `  - number: ${m}`,
      `    title: Generated module ${m}`,
      `    weight: ${weights[m - 1]}`,
      '    objectives: [Answer generated questions]',
      '    topics:',
      `      first: { title: "First topic of ${m}", domain: static-field }`,
      `      second: { title: "Second topic of ${m}", domain: clinical }`,
    );
  }
  writeFileSync(join(dir, 'modules.yaml'), `${modulesYaml.join('\n')}\n`);
  for (let m = 1; m <= moduleCount; m++) {
    const lines = [`module: ${m}`, 'questions:'];
    for (let i = 1; i <= opts.perModule; i++) {
      const { id, topic } = generatedQuestion(m, i);
      const kind = opts.singleOnly ? 'single' : i % 10 === 0 ? 'truefalse' : i % 10 === 5 ? 'multi' : 'single';
      lines.push(`  - id: ${id}`, `    topic: ${topic}`, `    type: ${kind}`, '    difficulty: 2', `    stem: "Generated question ${i} of module ${m}, number ${m * 100000 + i}?"`);
      if (kind === 'single') lines.push('    choices: [right, wrong one, wrong two, wrong three]', '    answer: A', '    shuffle: false');
      if (kind === 'multi') lines.push('    choices: [right, wrong one, also right, wrong three]', '    answer: [A, C]', '    shuffle: false', '    rationale: [right, wrong, right, wrong]');
      if (kind === 'truefalse') lines.push('    answer: true');
      lines.push('    explanation: Generated explanation.', `    refs: ["Generated source ${m % 3} — section ${i}"]`);
    }
    if (opts.cardsPerModule) {
      lines.push('cards:');
      for (let c = 1; c <= opts.cardsPerModule; c++) {
        lines.push(`  - id: m${m}-card-${String(c).padStart(3, '0')}`, '    topic: first', `    front: "Generated card ${c} of module ${m}?"`, '    back: Generated answer.', '    refs: [Generated source]');
      }
    }
    writeFileSync(join(dir, `${String(m).padStart(2, '0')}-generated.yaml`), `${lines.join('\n')}\n`);
  }
}

/**
 * The id and topic of the generated bank's question `i` (from 1) of module `m`.
 * @param {number} m
 * @param {number} i
 */
export function generatedQuestion(m, i) {
  const topic = i % 2 ? 'first' : 'second';
  return { id: `m${m}-${topic}-${String(Math.ceil(i / 2)).padStart(3, '0')}`, topic };
}
