import type { Response } from './schema.js';
import { formatQuantity } from './units.js';

/**
 * Choice letters and indexes, in one place. An item has its own letters
 * (A = its first choice in the bank); a drawn item shows its choices in a
 * shuffled order under display keys (A = the first choice on screen). Every
 * conversion between the two goes through here.
 */

/** What the conversions need of a drawn item: its type, choices and the order they are shown in. */
export interface LetteredItem {
  question: { type: string; choices?: string[]; answer?: unknown };
  /** The item's own letters in the order shown (empty for true/false and numeric items). */
  choiceOrder: string[];
}

/** 0 -> "A", 1 -> "B", … */
export function letterAt(index: number): string {
  return String.fromCharCode(65 + index);
}

/** "A" -> 0, "B" -> 1, …; -1 for anything that is not one upper-case letter. */
export function indexOfLetter(letter: string): number {
  return /^[A-Z]$/.test(letter) ? letter.charCodeAt(0) - 65 : -1;
}

/** The item's own letters, in bank order: A, B, C… for `count` choices. */
export function ownLetters(count: number): string[] {
  return Array.from({ length: count }, (_, i) => letterAt(i));
}

/** Display keys with their text: A, B, C… in shown order; T/F for true/false. */
export function choiceKeys(item: LetteredItem): { key: string; text: string; own: string }[] {
  const q = item.question;
  if (q.type === 'truefalse') {
    return [
      { key: 'T', text: 'True', own: 'T' },
      { key: 'F', text: 'False', own: 'F' },
    ];
  }
  const choices = q.choices ?? [];
  return item.choiceOrder.map((own, i) => ({ key: letterAt(i), text: choices[indexOfLetter(own)] ?? '', own }));
}

/** Display key -> the item's own letter ("T"/"F" stay as they are). */
export function ownLetterOf(item: LetteredItem, key: string): string | undefined {
  if (item.question.type === 'truefalse') return key === 'T' || key === 'F' ? key : undefined;
  return item.choiceOrder[indexOfLetter(key)];
}

/** The item's own letter -> the display key it is shown under. */
export function displayKeyOf(item: LetteredItem, own: string): string | undefined {
  if (item.question.type === 'truefalse') return own === 'T' || own === 'F' ? own : undefined;
  const at = item.choiceOrder.indexOf(own);
  return at < 0 ? undefined : letterAt(at);
}

/** Display keys as a stored response, in the item's own letters; null for no keys. */
export function toResponse(item: LetteredItem, keys: string[]): Response | null {
  const q = item.question;
  if (keys.length === 0) return null;
  if (q.type === 'truefalse') return keys[0] === 'T';
  if (q.type === 'numeric') return null;
  const owns = keys.map((k) => ownLetterOf(item, k)).filter((o): o is string => o !== undefined);
  if (owns.length === 0) return null;
  return q.type === 'multi' ? [...new Set(owns)].sort() : owns[0]!;
}

/** A stored response as the display keys it is shown under, sorted. */
export function displayKeys(item: LetteredItem, response: Response | null | undefined): string[] {
  if (response === null || response === undefined) return [];
  if (typeof response === 'boolean') return [response ? 'T' : 'F'];
  if (typeof response === 'object' && !Array.isArray(response)) return [];
  const owns = Array.isArray(response) ? response : [response];
  return owns.map((o) => displayKeyOf(item, o)).filter((k): k is string => k !== undefined).sort();
}

/** Describe a response in display terms: "B. text; D. text" or "True"; '' for no answer. */
export function describe(item: LetteredItem, response: Response | null | undefined): string {
  if (response === null || response === undefined || (Array.isArray(response) && response.length === 0)) return '';
  if (item.question.type === 'truefalse') return response === true ? 'True' : 'False';
  if (typeof response === 'object' && !Array.isArray(response)) return formatQuantity(response);
  const choices = choiceKeys(item);
  return displayKeys(item, response)
    .map((k) => `${k}. ${choices.find((c) => c.key === k)?.text ?? ''}`)
    .join('; ');
}
