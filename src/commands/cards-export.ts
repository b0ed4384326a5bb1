import type { Bank } from '../bank/types.js';
import { toAnki, toCsv, toMarkdown, type ExportCard } from '../cards/export.js';
import type { StudyItem } from '../cards/queue.js';
import { questionAsCard } from '../cards/question-card.js';
import { writeExport } from '../files/safe-export.js';
import { UserError } from '../errors.js';
import type { CardsOptions } from './cards.js';
import { printLine } from './context.js';
import { sanitizeLine } from '../ui/sanitize.js';

const DEFAULT_NAMES = { anki: 'mrso-flashcards.txt', csv: 'mrso-flashcards.csv', md: 'mrso-flashcards.md' } as const;

/**
 * `mrso cards --export anki|csv|md [-o FILE] [--force]`: the same selection as
 * the session (--missed, --module, --topic); `-o -` writes to stdout. An
 * existing file is kept unless --force.
 */
export function exportCards(options: CardsOptions, bank: Bank, items: StudyItem[]): void {
  const format = options.export!;
  if (items.length === 0) {
    throw new UserError(options.missed ? 'no missed questions to export' : 'no flashcards match those options', options.missed ? 'Missed exam and practice questions appear here: mrso exam --mode practice' : 'Try without --topic/--module.');
  }
  const cards: ExportCard[] = items.map((i) => (i.kind === 'card' ? bank.cardsById.get(i.id)! : questionAsCard(bank.questionsById.get(i.id)!)));
  const content = format === 'anki' ? toAnki(cards, bank.modules) : format === 'csv' ? toCsv(cards) : toMarkdown(cards, bank.modules);
  const path = options.output ?? DEFAULT_NAMES[format];
  if (path === '-') {
    process.stdout.write(content);
    return;
  }
  writeExport(path, content, { force: options.force });
  const how = format === 'anki' ? ' (Anki: File > Import, pick this file, note type Basic; notes update on re-import)' : '';
  printLine(`Wrote ${cards.length} ${options.missed ? 'missed questions' : 'cards'} to ${sanitizeLine(path)}${how}`);
}
