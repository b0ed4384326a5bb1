import type { Bank } from '../bank/types.js';
import { toAnki, toCsv, toMarkdown } from '../cards/export.js';
import { writeExport } from '../files/safe-export.js';
import type { CardsOptions } from './cards.js';
import { printLine } from './context.js';
import { sanitizeLine } from '../ui/sanitize.js';

const DEFAULT_NAMES = { anki: 'mrso-flashcards.txt', csv: 'mrso-flashcards.csv', md: 'mrso-flashcards.md' } as const;

/** `mrso cards --export anki|csv|md [-o FILE]`; `-o -` writes to stdout. */
export function exportCards(options: CardsOptions, bank: Bank): void {
  const format = options.export!;
  const cards = bank.cards.filter((c) => (options.module.length === 0 || options.module.includes(c.module)) && (!options.topic || c.topic === options.topic));
  const content = format === 'anki' ? toAnki(cards, bank.modules) : format === 'csv' ? toCsv(cards) : toMarkdown(cards, bank.modules);
  const path = options.output ?? DEFAULT_NAMES[format];
  if (path === '-') {
    process.stdout.write(content);
    return;
  }
  writeExport(path, content, { force: options.force });
  const how = format === 'anki' ? ' (Anki: File > Import, then pick this file; notes update on re-import)' : '';
  printLine(`Wrote ${cards.length} cards to ${sanitizeLine(path)}${how}`);
}
