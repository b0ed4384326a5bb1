import type { MockForm } from '../bank/types.js';
import type { DrawSource } from './draw.js';

/**
 * Held-out mock forms: the items of a form not yet taken are kept out of
 * every draw (practice, review, cards --missed, a random mock), so that the
 * form, when taken, measures first exposure as the real exam does.
 */

/** Ids of every item on a form whose number is not among those taken. */
export function heldOutIds(forms: readonly MockForm[], takenFormNumbers: Iterable<number>): Set<string> {
  const taken = new Set(takenFormNumbers);
  const ids = new Set<string>();
  for (const form of forms) if (!taken.has(form.number)) for (const id of form.items) ids.add(id);
  return ids;
}

/** The draw source without the held-out items: same modules, fewer positions. */
export function withoutHeldOut(source: DrawSource, heldOut: ReadonlySet<string>): DrawSource {
  if (heldOut.size === 0) return source;
  const cache = new Map<number, readonly number[]>();
  return {
    modules: source.modules,
    positionsOf: (module) => {
      let kept = cache.get(module);
      if (!kept) cache.set(module, (kept = source.positionsOf(module).filter((p) => !heldOut.has(source.idAt(p) ?? ''))));
      return kept;
    },
    idAt: (p) => source.idAt(p),
    moduleAt: (p) => source.moduleAt(p),
  };
}

/** Drop held-out ids from a list chosen by id (review sets, cards --missed), keeping its order. */
export function excludeHeldOut<T>(items: readonly T[], heldOut: ReadonlySet<string>, idOf: (item: T) => string): T[] {
  return heldOut.size === 0 ? [...items] : items.filter((item) => !heldOut.has(idOf(item)));
}

export type FormPlan =
  | { ok: true; form: MockForm; items: string[]; warning: string | null }
  | { ok: false; reason: string; hint: string };

/**
 * What `mrso exam --form N` takes: the form's items in their stored order,
 * or why it cannot be taken. A form taken before may be taken again, with a
 * warning: its score no longer measures first exposure (readiness then counts
 * only the first sitting's answers).
 */
export function planForm(forms: readonly MockForm[], number: number, takenFormNumbers: Iterable<number>, inBank: (id: string) => boolean): FormPlan {
  const form = forms.find((f) => f.number === number);
  if (!form) {
    return forms.length === 0
      ? { ok: false, reason: `--form ${number}: this bank has no held-out mock forms`, hint: 'Take a random mock exam instead: mrso exam.' }
      : { ok: false, reason: `--form ${number}: no such form`, hint: `The bank's forms are ${forms.map((f) => f.number).join(', ')}.` };
  }
  const missing = form.items.filter((id) => !inBank(id));
  if (missing.length > 0) {
    return { ok: false, reason: `form ${number} lists ${missing.length} item(s) not in the bank (first: ${missing[0]})`, hint: 'Run mrso bank check and fix questions/forms.yaml.' };
  }
  const retake = [...takenFormNumbers].includes(number);
  return {
    ok: true,
    form,
    items: [...form.items],
    warning: retake ? `You have taken form ${number} before: its score no longer measures first exposure, and readiness keeps only your first sitting.` : null,
  };
}

/** Forms not yet taken, in number order. */
export function unusedForms(forms: readonly MockForm[], takenFormNumbers: Iterable<number>): number[] {
  const taken = new Set(takenFormNumbers);
  return forms.map((f) => f.number).filter((n) => !taken.has(n)).sort((a, b) => a - b);
}
