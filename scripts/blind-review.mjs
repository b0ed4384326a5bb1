#!/usr/bin/env node
// @ts-check
// Blind re-keying for bank review: a reviewer answers a module's questions
// without seeing the author's keys, then the two keys are compared.
//
//   node scripts/blind-review.mjs strip questions/07-implants-devices.yaml > sheet.md
//   (the reviewer writes answers.yaml:  m7-labeling-001: C  /  [A, C]  /  true  /  skip)
//   node scripts/blind-review.mjs compare questions/07-implants-devices.yaml answers.yaml
// Add `--only m7-labeling-017,m7-labeling-018` (or `--only @ids.txt`, one id a line) to take some items only.
// The sheet shows each exhibit as written; numeric items are answered as "0.5 mT".
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const args = process.argv.slice(2);
const onlyAt = args.indexOf('--only');
const onlyArg = onlyAt >= 0 ? args.splice(onlyAt, 2)[1] ?? '' : null;
const only = onlyArg === null ? null : new Set((onlyArg.startsWith('@') ? readFileSync(onlyArg.slice(1), 'utf8') : onlyArg).split(/[\s,]+/).filter(Boolean));
const [command, bankFile, answersFile] = args;

/** @param {string} path */
function questionsOf(path) {
  const doc = parse(readFileSync(path, 'utf8'));
  const all = /** @type {{ id: string, type: string, stem: string, exhibit?: string, choices?: string[], answer: any }[]} */ (doc.questions ?? []);
  return only ? all.filter((q) => only.has(q.id)) : all;
}

/** One canonical spelling per key, so "a,c", [C, A] and "A, C" agree. */
function normalise(/** @type {unknown} */ key) {
  if (typeof key === 'boolean') return String(key);
  if (key && typeof key === 'object' && !Array.isArray(key)) return `${/** @type {any} */ (key).value} ${/** @type {any} */ (key).unit}`.toLowerCase();
  if (Array.isArray(key)) return key.map((k) => String(k).trim().toUpperCase()).sort().join(',');
  const text = String(key).trim();
  if (/^(true|false)$/i.test(text)) return text.toLowerCase();
  return text.toUpperCase().split(/[\s,]+/).filter(Boolean).sort().join(',');
}

/** A numeric answer in the key's unit agrees within the tolerance, or to 3 significant figures. */
function numericAgrees(/** @type {{ type: string, answer: any }} */ q, /** @type {unknown} */ given) {
  if (q.type !== 'numeric') return false;
  const m = /^\s*([-+]?[\d.]+(?:e[-+]?\d+)?)\s*(.*)$/i.exec(String(given));
  if (!m || (m[2] && m[2].trim().toLowerCase() !== String(q.answer.unit).toLowerCase())) return false;
  const value = Number(m[1]);
  if (q.answer.tolerance !== undefined) return Math.abs(value - q.answer.value) <= q.answer.tolerance + 1e-12;
  return Number(value.toPrecision(3)) === Number(Number(q.answer.value).toPrecision(3));
}

if (command === 'strip' && bankFile) {
  const lines = [`# Blind sheet: ${bankFile}`, '', 'Answer each from the sources; write `id: answer` lines (letter, [A, C], true/false, or skip).', ''];
  for (const q of questionsOf(bankFile)) {
    lines.push(`## ${q.id} (${q.type})`, '');
    if (q.exhibit) lines.push('Exhibit:', '```', q.exhibit.replace(/\s+$/, ''), '```', '');
    lines.push(q.stem.trim(), '');
    if (q.type === 'numeric') lines.push(`Type a number in ${q.answer.unit} (e.g. "12.5 ${q.answer.unit}").`);
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
    else if (normalise(answers[q.id]) === normalise(q.answer) || numericAgrees(q, answers[q.id])) agree++;
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
