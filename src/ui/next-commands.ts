/*
 * The `mrso …` command lines suggested as "what to run next". The core
 * returns data (a module number); the words of the command line are the
 * edge's business, written here once.
 */

export const practiseCommand = (module: number, count = 10): string => `mrso exam --mode practice --module ${module} --count ${count}`;

export const cardsCommandFor = (module: number): string => `mrso cards --module ${module}`;
