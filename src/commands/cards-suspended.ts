import type { Bank } from '../bank/types.js';
import { isLeech, LEECH_LAPSES } from '../cards/memory.js';
import { UserError } from '../errors.js';
import type { ReviewStore } from '../store/reviews.js';
import { layoutWidth, shorten } from '../ui/layout.js';
import type { CardsOptions } from './cards.js';
import { printLine } from './context.js';

/** `mrso cards --suspended` lists suspended cards and leeches; `--unsuspend ID` brings one back. */
export function listSuspended(options: CardsOptions, bank: Bank, reviews: ReviewStore): void {
  if (options.unsuspend !== undefined) {
    const id = options.unsuspend;
    if (!reviews.unsuspend(id)) throw new UserError(`${id} is not suspended`, 'See the suspended cards with: mrso cards --suspended');
    printLine(`${id} is back in your reviews`);
    return;
  }
  const suspended = reviews.suspended();
  const memory = reviews.latestMemory();
  const leechIds = [...memory.keys()].filter((id) => isLeech(memory.get(id)) && !suspended.includes(id)).sort();
  const width = layoutWidth(process.env, process.stdout.columns);
  const describe = (id: string) => `${id}  ${shorten(oneLine(bank.cardsById.get(id)?.front ?? bank.questionsById.get(id)?.stem ?? '(no longer in the bank)'), Math.max(10, width - id.length - 4))}`;
  printLine(suspended.length ? `Suspended (${suspended.length}):` : 'No suspended cards.');
  for (const id of suspended) printLine(`  ${describe(id)}`);
  if (leechIds.length) {
    printLine(`Leeches, forgotten ${LEECH_LAPSES}+ times (rewrite them, or suspend them with s):`);
    for (const id of leechIds) printLine(`  ${describe(id)}`);
  }
  if (suspended.length) printLine(`Bring one back with: mrso cards --unsuspend ${suspended[0]}`);
}

/** Bank text on one line, with no control characters (bank text is untrusted). */
// eslint-disable-next-line no-control-regex
const oneLine = (text: string) => text.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();

