import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBank } from '../../src/bank/load.js';
import { FORMS_FILE, FORM_ITEMS, checkForms, drawForms } from '../../src/bank/forms.js';
import { seededRng } from '../../src/exam/rng.js';

function main(argv: string[]): number {
  const arg = (name: string, fallback: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
  };
  const dir = arg('bank', 'questions');
  const count = Number(arg('count', '2'));
  const seed = arg('seed', 'mrso-forms-1');
  const target = join(dir, FORMS_FILE);
  if (existsSync(target) && !argv.includes('--force')) {
    console.error(`make-forms: ${target} exists; pass --force to draw new forms (taken forms then measure other items).`);
    return 1;
  }
  // Draw from the bank without its current forms file.
  const files = readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n) && n !== FORMS_FILE)
    .map((n) => ({ path: join(dir, n), text: readFileSync(join(dir, n), 'utf8') }));
  const { bank, issues } = loadBank(files);
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) {
    console.error(`make-forms: the bank in ${dir} has ${errors.length} error(s); run mrso bank check first.`);
    return 1;
  }
  const eligible = bank.questions.filter((q) => (q.type as string) !== 'numeric').length;
  if (!Number.isInteger(count) || count < 1 || eligible < count * FORM_ITEMS) {
    console.error(`make-forms: ${count} forms of ${FORM_ITEMS} need ${count * FORM_ITEMS} non-numeric items; the bank has ${eligible}.`);
    return 1;
  }
  const forms = drawForms(bank.modules, bank.questions, count, seededRng(seed));
  const problems = checkForms(forms, bank, target);
  if (problems.length > 0) {
    for (const p of problems) console.error(`make-forms: ${p.message}`);
    return 1;
  }
  const yaml = [
    `# Held-out mock forms: drawn once by scripts/make-forms.mjs (seed ${seed}) by blueprint weight.`,
    '# Their items are never drawn by practice, review or a random mock until the form is taken (mrso exam --form N).',
    '# Checked by mrso bank check: ids exist, no numeric items, forms disjoint, module and domain counts within ±2.',
    'forms:',
    ...forms.flatMap((f) => [`  - number: ${f.number}`, '    items:', ...f.items.map((id) => `      - ${id}`)]),
    '',
  ].join('\n');
  writeFileSync(target, yaml);
  console.log(`make-forms: wrote ${count} forms of ${FORM_ITEMS} items to ${target} (${eligible - count * FORM_ITEMS} items left for practice).`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
