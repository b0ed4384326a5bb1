import { Command, Option } from 'commander';
import { version } from './version.js';
import type { GlobalOptions } from './commands/context.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * The commander program. Each action imports its command lazily, so
 * `mrso --help` loads neither SQLite nor the bank.
 */
export function buildProgram(): Command {
  const program = new Command('mrso')
    .description('MR Safety Officer (MRSO) exam trainer: mock exams, practice, flashcards and weak-topic reports.\nNot affiliated with or endorsed by ABMRS.')
    .version(version(), '-V, --version')
    .option('--bank <dir>', 'question bank folder (default: the shipped bank; env MRSO_BANK)')
    .option('--db <path>', 'history database file (default: per-user data folder; env MRSO_DB)')
    .option('--debug', 'show stack traces for unexpected errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  program
    .command('exam')
    .description('take a timed mock exam (default 100 items) or a practice quiz with instant feedback')
    .option('-c, --count <n>', 'number of questions', undefined)
    .option('-m, --module <n>', 'only this module (repeatable, or 3,7)', collect)
    .addOption(new Option('--mode <mode>', 'exam: timed, flag-and-review; practice: feedback after each item').choices(['exam', 'practice']))
    .option('-t, --time <minutes>', 'time limit in minutes (default: 72 s per item, 120 min for 100)')
    .option('--untimed', 'no time limit')
    .option('--seed <seed>', 'seed for a reproducible draw')
    .option('--resume', 'continue the unfinished exam with the time that was left')
    .option('--new', 'set aside any unfinished exam and start a new one')
    .addHelpText('after', '\nKeys: A–E or 1–5 answer (select-all: toggle), T/F true/false, Enter/n/→ next, p/← back,\nf flag (m on true/false items), r review, q save & quit; Ctrl-C saves too.\nWithout a terminal, answers are read one per line from stdin (B, A,C, T, or empty to skip).')
    .action(async (raw: unknown, cmd: Command) => {
      const { examCommand } = await import('./commands/exam.js');
      await examCommand(raw, globals(cmd));
    });

  program
    .command('stats')
    .description('standing per module, exam domain and topic, readiness, mock exam history and what to re-read')
    .option('-m, --module <n>', 'only this module (repeatable)', collect)
    .option('--since <date>', 'only answers from this day on (YYYY-MM-DD)')
    .option('--json', 'print the report as JSON (shape documented in the README)')
    .action(async (raw: unknown, cmd: Command) => {
      const { statsCommand } = await import('./commands/stats.js');
      await statsCommand(raw, globals(cmd));
    });

  program
    .command('review')
    .description('practice quiz from items you missed, flagged in mock exams, or from your weakest topics')
    .option('--missed', 'items you got wrong (default); two right answers in a row take an item out')
    .option('--flagged', 'items you flagged in mock exams')
    .option('--weak', 'items from your weakest topics')
    .option('-c, --count <n>', 'at most this many items (default 20)')
    .option('--seed <seed>', 'seed for the choice order')
    .action(async (raw: unknown, cmd: Command) => {
      const { reviewCommand } = await import('./commands/review.js');
      await reviewCommand(raw, globals(cmd));
    });

  program
    .command('cards')
    .description('flashcards with FSRS spaced repetition (due cards first, then new ones), or export them')
    .option('-m, --module <n>', 'only this module (repeatable)', collect)
    .option('--topic <topic>', 'only this topic id (see mrso bank check)')
    .option('--new <n>', 'new cards in this session (default: cards.newPerDay, 20, minus those met today)')
    .option('--limit <n>', 'at most this many cards in the session (default 200)')
    .option('--retention <r>', 'desired retention for this session (default: cards.retention, 0.9)')
    .option('--missed', 'drill the exam and practice questions you got wrong, scheduled the same way')
    .addOption(new Option('--export <format>', 'write the cards for Anki (tab-separated with headers), CSV or a printable Markdown sheet').choices(['anki', 'csv', 'md']))
    .option('-o, --output <file>', 'export file (default mrso-flashcards.txt/.csv/.md; - for stdout)')
    .addHelpText('after', '\nKeys: Space/Enter show the answer, then 1 Again, 2 Hard, 3 Good, 4 Easy (each shows the interval it gives).')
    .action(async (raw: unknown, cmd: Command) => {
      const { cardsCommand } = await import('./commands/cards.js');
      await cardsCommand(raw, globals(cmd));
    });

  program
    .command('guide')
    .description('each module\'s objectives and outline with your standing per topic; --export md writes a study guide')
    .option('-m, --module <n>', 'only this module (repeatable)', collect)
    .addOption(new Option('--export <format>', 'write the study guide as Markdown').choices(['md']))
    .option('-o, --output <file>', 'file for --export (default mrso-study-guide.md; - for stdout)')
    .action(async (raw: unknown, cmd: Command) => {
      const { guideCommand } = await import('./commands/guide.js');
      guideCommand(raw, globals(cmd));
    });

  program
    .command('plan')
    .description('day-by-day flashcard load up to your exam date (mrso config set examDate YYYY-MM-DD)')
    .option('--days <n>', 'days to show (default: up to the exam, or 14)')
    .option('--json', 'print the plan as JSON')
    .action(async (raw: unknown, cmd: Command) => {
      const { planCommand } = await import('./commands/plan.js');
      planCommand(raw, globals(cmd));
    });

  program
    .command('config')
    .description('show or change settings: cards.newPerDay, cards.retention, examDate, exam.targetRecall')
    .argument('<action>', 'list, get, set or unset')
    .argument('[key]', 'setting name')
    .argument('[value]', 'new value (for set)')
    .action(async (action: string, key: string | undefined, value: string | undefined, _raw: unknown, cmd: Command) => {
      const { configCommand } = await import('./commands/config.js');
      configCommand(action, key, value, globals(cmd));
    });

  program
    .command('cert')
    .description('write an HTML completion record for a passing full mock exam, with a verification code (a practice record, not ABMRS certification)')
    .option('--attempt <id>', 'which mock exam (default: your latest passing full mock exam)')
    .option('--name <name>', 'name on the record (default: your user name)')
    .option('-o, --output <file>', 'record file (default mrso-record-<attempt>.html)')
    .action(async (raw: unknown, cmd: Command) => {
      const { certCommand } = await import('./commands/cert.js');
      certCommand(raw, globals(cmd));
    });

  program
    .command('verify')
    .description('check a completion record file or verification code against this history')
    .argument('<file-or-code>', 'a record file, or a code like MRSO-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX')
    .action(async (target: string, _raw: unknown, cmd: Command) => {
      const { verifyCommand } = await import('./commands/verify.js');
      verifyCommand(target, globals(cmd));
    });

  const bank = program.command('bank').description('question bank tools');
  bank
    .command('check')
    .description('validate the bank: counts per module, type and topic; every error as file:line:col id: message')
    .option('--json', 'print the summary and issues as JSON')
    .action(async (raw: unknown, cmd: Command) => {
      const { bankCheckCommand } = await import('./commands/bank-check.js');
      await bankCheckCommand(raw, globals(cmd));
    });

  bank
    .command('items')
    .description('item analysis from your history: percent correct, wrong answers picked, discrimination; flags suspect keys')
    .option('--json', 'print the analysis as JSON')
    .action(async (raw: unknown, cmd: Command) => {
      const { bankItemsCommand } = await import('./commands/bank-items.js');
      bankItemsCommand(raw, globals(cmd));
    });

  return program;
}

function globals(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals<GlobalOptions>();
}
