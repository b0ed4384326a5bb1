import { DOMAINS, type Domain } from './domains.js';
import type { Module } from './schema.js';
import type { Bank, BankIssue, MockForm } from './types.js';

/** The bank's held-out mock forms live in this file beside modules.yaml. */
export const FORMS_FILE = 'forms.yaml';
/** Every held-out form is a full mock exam. */
export const FORM_ITEMS = 100;
/** A form's count per module and per exam domain may stray this far from the blueprint share. */
export const FORM_TOLERANCE = 2;

/** What a form draw or check needs of an item: numeric items are drill items, never on a form. */
export interface FormCandidate {
  id: string;
  module: number;
  domain: Domain;
  type: string;
}

/**
 * The blueprint share of a 100-item form, per module (its weight) and per
 * exam domain (each module's share split over its domains in proportion to
 * the module's form-eligible items in each).
 */
export function blueprintShares(modules: Module[], items: readonly FormCandidate[], size = FORM_ITEMS): { modules: Map<number, number>; domains: Map<Domain, number> } {
  const total = modules.reduce((s, m) => s + m.weight, 0) || 1;
  const eligible = items.filter(formEligible);
  const byModule = new Map<number, number>();
  const byDomain = new Map<Domain, number>(DOMAINS.map((d) => [d, 0]));
  for (const m of modules) {
    const share = (size * m.weight) / total;
    byModule.set(m.number, share);
    const own = eligible.filter((q) => q.module === m.number);
    for (const q of own) byDomain.set(q.domain, byDomain.get(q.domain)! + share / own.length);
  }
  return { modules: byModule, domains: byDomain };
}

export function formEligible(q: FormCandidate): boolean {
  return q.type !== 'numeric';
}

/** Bank-check rules for the forms: ids exist, no numeric items, forms disjoint and numbered once, blueprint shares kept. */
export function checkForms(forms: readonly MockForm[], bank: Pick<Bank, 'modules' | 'questionsById'> & { questions: readonly FormCandidate[] }, file = FORMS_FILE): BankIssue[] {
  const issues: BankIssue[] = [];
  const at = (message: string, id?: string): BankIssue => ({ severity: 'error', file, line: 1, col: 1, ...(id ? { id } : {}), message });
  const onForm = new Map<string, number>();
  const numbers = new Set<number>();
  const shares = blueprintShares(bank.modules, bank.questions);
  for (const form of forms) {
    if (numbers.has(form.number)) issues.push(at(`form ${form.number} is defined twice`));
    numbers.add(form.number);
    if (form.items.length !== FORM_ITEMS) issues.push(at(`form ${form.number} has ${form.items.length} items, not ${FORM_ITEMS}`));
    const moduleCounts = new Map<number, number>();
    const domainCounts = new Map<Domain, number>();
    for (const id of form.items) {
      const q = bank.questionsById.get(id) as FormCandidate | undefined;
      if (!q) {
        issues.push(at(`form ${form.number} lists ${id}, which is not in the bank`, id));
        continue;
      }
      if (!formEligible(q)) issues.push(at(`form ${form.number} lists ${id}, a numeric item (drill only, never on a form)`, id));
      const other = onForm.get(id);
      if (other !== undefined) issues.push(at(`${id} is on form ${other} and form ${form.number}: forms must not share items`, id));
      else onForm.set(id, form.number);
      moduleCounts.set(q.module, (moduleCounts.get(q.module) ?? 0) + 1);
      domainCounts.set(q.domain, (domainCounts.get(q.domain) ?? 0) + 1);
    }
    for (const [module, share] of shares.modules) {
      const n = moduleCounts.get(module) ?? 0;
      if (Math.abs(n - share) > FORM_TOLERANCE) issues.push(at(`form ${form.number} has ${n} items from module ${module}; its blueprint share is ${share.toFixed(1)} (±${FORM_TOLERANCE})`));
    }
    for (const [domain, share] of shares.domains) {
      const n = domainCounts.get(domain) ?? 0;
      if (Math.abs(n - share) > FORM_TOLERANCE) issues.push(at(`form ${form.number} has ${n} items in domain ${domain}; its blueprint share is ${share.toFixed(1)} (±${FORM_TOLERANCE})`));
    }
  }
  return issues;
}

/**
 * Draw `count` disjoint forms by the blueprint: module quotas by weight
 * (largest remainder), and within a module, domain quotas in proportion to
 * the module's items per domain, items at random within each. Numeric items
 * are never drawn. The same items and rng give the same forms.
 */
export function drawForms(modules: Module[], items: readonly FormCandidate[], count: number, rng: () => number): MockForm[] {
  const left = items.filter(formEligible).slice();
  const forms: MockForm[] = [];
  for (let f = 1; f <= count; f++) {
    const chosen: string[] = [];
    const moduleQuota = largestRemainder(
      modules.map((m) => ({ key: m.number, weight: m.weight })),
      FORM_ITEMS,
    );
    for (const m of modules) {
      const own = left.filter((q) => q.module === m.number);
      const perDomain = new Map<Domain, FormCandidate[]>();
      for (const q of own) perDomain.set(q.domain, [...(perDomain.get(q.domain) ?? []), q]);
      const domains = [...perDomain.keys()].sort();
      // Domain shares come from the whole bank's items, so each form keeps the same mix however many forms were drawn before.
      const all = items.filter((q) => formEligible(q) && q.module === m.number);
      const quota = largestRemainder(
        domains.map((d, i) => ({ key: i, weight: all.filter((q) => q.domain === d).length })),
        Math.min(moduleQuota.get(m.number) ?? 0, own.length),
      );
      domains.forEach((d, i) => {
        const pool = perDomain.get(d)!;
        for (let k = 0; k < (quota.get(i) ?? 0) && pool.length > 0; k++) chosen.push(pool.splice(Math.floor(rng() * pool.length), 1)[0]!.id);
      });
    }
    const taken = new Set(chosen);
    for (let i = left.length - 1; i >= 0; i--) if (taken.has(left[i]!.id)) left.splice(i, 1);
    forms.push({ number: f, items: chosen });
  }
  return forms;
}

function largestRemainder(groups: { key: number; weight: number }[], count: number): Map<number, number> {
  const total = groups.reduce((s, g) => s + g.weight, 0);
  const out = new Map<number, number>();
  if (total <= 0) return out;
  const shares = groups.map((g) => ({ key: g.key, exact: (count * g.weight) / total }));
  let handed = 0;
  for (const s of shares) handed += Math.floor(s.exact);
  for (const s of shares) out.set(s.key, Math.floor(s.exact));
  for (const s of [...shares].sort((a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)) || a.key - b.key)) {
    if (handed >= count) break;
    out.set(s.key, out.get(s.key)! + 1);
    handed++;
  }
  return out;
}
