#!/usr/bin/env node
// @ts-check
// Blind re-keying for bank review: a reviewer answers a module's questions
// without seeing the author's keys, then the two keys are compared.
//
//   node scripts/blind-review.mjs strip questions/07-implants-devices.yaml > sheet.md
//   (the reviewer writes answers.yaml:  m7-labeling-001: C  /  [A, C]  /  true  /  skip)
//   node scripts/blind-review.mjs compare questions/07-implants-devices.yaml answers.yaml
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const [command, bankFile, answersFile] = process.argv.slice(2);

/** @param {string} path */
function questionsOf(path) {
  const doc = parse(readFileSync(path, 'utf8'));
  return /** @type {{ id: string, type: string, stem: string, choices?: string[], answer: unknown }[]} */ (doc.questions ?? []);
}

/** One canonical spelling per key, so "a,c", [C, A] and "A, C" agree. */
function normalise(/** @type {unknown} */ key) {
  if (typeof key === 'boolean') return String(key);
  if (Array.isArray(key)) return key.map((k) => String(k).trim().toUpperCase()).sort().join(',');
  const text = String(key).trim();
  if (/^(true|false)$/i.test(text)) return text.toLowerCase();
  return text.toUpperCase().split(/[\s,]+/).filter(Boolean).sort().join(',');
}

if (command === 'strip' && bankFile) {
  const lines = [`# Blind sheet: ${bankFile}`, '', 'Answer each from the sources; write `id: answer` lines (letter, [A, C], true/false, or skip).', ''];
  for (const q of questionsOf(bankFile)) {
    lines.push(`## ${q.id} (${q.type})`, '', q.stem.trim(), '');
    (q.choices ?? []).forEach((c, i) => lines.push(`${String.fromCharCode(65 + i)}. ${c}`));
    if (q.type === 'truefalse') lines.push('True or false?');
    lines.push('');
  }
  process.stdout.write(`${lines.join('\n')}\n`);
} else if (command === 'compare' && bankFile && answersFile) {
  const answers = parse(readFileSync(answersFile, 'utf8')) ?? {};
  let agree = 0;
  let skipped = 0;
  const differ = [];
  const missing = [];
  for (const q of questionsOf(bankFile)) {
    if (!(q.id in answers)) missing.push(q.id);
    else if (String(answers[q.id]).toLowerCase() === 'skip') skipped++;
    else if (normalise(answers[q.id]) === normalise(q.answer)) agree++;
    else differ.push(`${q.id}: author ${normalise(q.answer)}, reviewer ${normalise(answers[q.id])}`);
  }
  console.log(`${agree} agree, ${differ.length} differ, ${skipped} skipped, ${missing.length} not answered`);
  for (const line of differ) console.log(`  DIFFER ${line}`);
  if (missing.length) console.log(`  not answered: ${missing.join(', ')}`);
  process.exitCode = differ.length || missing.length ? 1 : 0;
} else {
  console.error('usage: blind-review.mjs strip BANKFILE | compare BANKFILE ANSWERS.yaml');
  process.exitCode = 2;
}
