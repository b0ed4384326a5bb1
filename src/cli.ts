import { fstatSync, writeSync } from 'node:fs';
import { Command, Option } from 'commander';
import { version } from './version.js';
import type { GlobalOptions } from './commands/context.js';
import { calendarDay, decimal, moduleNumbers, text, wholeNumber } from './commands/options.js';
import type { ExamFlags } from './commands/exam.js';
import type { StatsFlags } from './commands/stats.js';
import type { ReviewFlags } from './commands/review.js';
import type { CardsFlags } from './commands/cards.js';
import type { GuideFlags } from './commands/guide.js';
import type { PlanFlags } from './commands/plan.js';
import type { TodayFlags } from './commands/today.js';
import type { CertFlags } from './commands/cert.js';
import type { BankCheckOptions } from './commands/bank-check.js';

/**
 * The commander program. Each action imports its command lazily, so
 * `mrso --help` loads neither SQLite nor the bank. Option values are checked
 * here, by the parsers in commands/options.ts, before any command runs.
 */
export function buildProgram(): Command {
  const program = new Command('mrso')
    .description('MR Safety Officer (MRSO) exam trainer: mock exams, practice, flashcards and weak-topic reports.\nNot affiliated with or endorsed by ABMRS.')
    .version(version(), '-V, --version')
    .option('--bank <dir>', 'question bank folder (default: the shipped bank; env MRSO_BANK)')
    .option('--db <path>', 'history database file (default: per-user data folder; env MRSO_DB)')
    .option('--debug', 'show stack traces for unexpected errors')
    // commander's own usage errors read like mrso's: "mrso: …", then an indented hint.
    .configureOutput({
      outputError: (text, write) => write(text.replace(/^error: /, 'mrso: ')),
      // Help without process.stdout, unless it may be a terminal (whose width the help fits): see writeToStdout.
      writeOut: writeToStdout,
      getOutHelpWidth: () => (stdoutMayBeTerminal() ? (process.stdout.columns ?? 80) : 80), // 80: commander's own default
      getOutHasColors: () => false, // mrso's help has no colour
    })
    .showHelpAfterError('  Run with --help for usage.')
    .exitOverride();

  // `mrso` alone runs `today`.
  program
    .command('today', { isDefault: true })
    .description("today's dashboard: days to the exam, cards due, what to study next, last mock, streak (also: mrso alone)")
    .option('--json', 'print the dashboard as JSON')
    .allowExcessArguments()
    .action(async (flags: TodayFlags, cmd: Command) => {
      // As the default command it also receives a mistyped command name: say so, as commander would.
      if (cmd.args.length) program.error(`mrso: unknown command '${cmd.args[0]}'`, { code: 'commander.unknownCommand', exitCode: 2 });
      const { todayCommand } = await import('./commands/today.js');
      await todayCommand(flags, globals(cmd));
    });

  program
    .command('completion')
    .description('print a shell completion script: eval "$(mrso completion bash)" (or zsh, fish)')
    .argument('<shell>', 'bash, zsh or fish')
    .action(async (shell: string, _flags: unknown, cmd: Command) => {
      const { completionCommand } = await import('./commands/completion.js');
      await completionCommand(shell, program, globals(cmd));
    });

  program
    .command('exam')
    .description('take a timed mock exam (default 100 items) or a practice quiz with instant feedback')
    .option('-c, --count <n>', 'number of questions', wholeNumber('--count', 1, 1000, '--count 100'))
    .option('-m, --module <n>', 'only this module (repeatable, or 3,7)', moduleNumbers)
    .addOption(new Option('--mode <mode>', 'exam: timed, flag-and-review; practice: feedback after each item').choices(['exam', 'practice']))
    .option('-t, --time <minutes>', 'time limit in minutes (default: 72 s per item, 120 min for 100)', wholeNumber('--time', 1, 600, '--time 120 (minutes)'))
    .option('--untimed', 'no time limit')
    .option('--seed <seed>', 'seed for a reproducible draw')
    .option('--resume', 'continue the unfinished exam with the time that was left')
    .option('--new', 'set aside any unfinished exam and start a new one')
    .addHelpText('after', '\nKeys: A–E or 1–5 answer (select-all: toggle), T/F true/false, Enter/n/→ next, p/← back,\nf flag (m on true/false items), r review, q save & quit; Ctrl-C saves too.\nWithout a terminal, answers are read one per line from stdin (B, A,C, T, or empty to skip).')
    .action(async (flags: ExamFlags, cmd: Command) => {
      const { examCommand } = await import('./commands/exam.js');
      await examCommand(flags, globals(cmd));
    });

  program
    .command('stats')
    .description('standing per module, exam domain and topic, readiness, mock exam history and what to re-read')
    .option('-m, --module <n>', 'only this module (repeatable)', moduleNumbers)
    .option('--since <date>', 'only answers from this day on (YYYY-MM-DD)', calendarDay('--since'))
    .option('--json', 'print the report as JSON (shape documented in the README)')
    .action(async (flags: StatsFlags, cmd: Command) => {
      const { statsCommand } = await import('./commands/stats.js');
      await statsCommand(flags, globals(cmd));
    });

  program
    .command('review')
    .description('practice quiz from items you missed, flagged in mock exams, or from your weakest topics')
    .option('--missed', 'items you got wrong (default); two right answers in a row take an item out')
    .option('--flagged', 'items you flagged in mock exams')
    .option('--weak', 'items from your weakest topics')
    .option('-c, --count <n>', 'at most this many items (default 20)', wholeNumber('--count', 1, 1000, '--count 20'))
    .option('--seed <seed>', 'seed for the choice order')
    .action(async (flags: ReviewFlags, cmd: Command) => {
      const { reviewCommand } = await import('./commands/review.js');
      await reviewCommand(flags, globals(cmd));
    });

  program
    .command('cards')
    .description('flashcards with FSRS spaced repetition (due cards first, then new ones), or export them')
    .option('-m, --module <n>', 'only this module (repeatable)', moduleNumbers)
    .option('--topic <topic>', 'only this topic id (see mrso bank check)')
    .option('--new <n>', 'new cards in this session (default: cards.newPerDay, 20, minus those met today)', wholeNumber('--new', 0, 1000, '--new 20'))
    .option('--limit <n>', 'at most this many cards in the session (default 200)', wholeNumber('--limit', 1, 10000, '--limit 100'))
    .option('--retention <r>', 'desired retention for this session (default: cards.retention, 0.9)', decimal('--retention', 0.7, 0.99, '--retention 0.9'))
    .option('--missed', 'drill the exam and practice questions you got wrong, scheduled the same way')
    .option('--cram', 'go through the cards without touching the schedule (nothing is logged)')
    .option('--suspended', 'list suspended cards and leeches')
    .option('--unsuspend <id>', 'bring a suspended card back')
    .addOption(new Option('--export <format>', 'write the cards for Anki (tab-separated with headers), CSV or a printable Markdown sheet').choices(['anki', 'csv', 'md']))
    .option('-o, --output <file>', 'export file (default mrso-flashcards.txt/.csv/.md; - for stdout)')
    .option('--force', 'let --export replace an existing file')
    .addHelpText('after', '\nKeys: Space/Enter show the answer, then 1 Again, 2 Hard, 3 Good, 4 Easy (each shows the interval it gives);\nu undo the last rating, b bury until tomorrow, s suspend, q quit.')
    .action(async (flags: CardsFlags, cmd: Command) => {
      const { cardsCommand } = await import('./commands/cards.js');
      await cardsCommand(flags, globals(cmd));
    });

  program
    .command('guide')
    .description('each module\'s objectives and outline with your standing per topic; --export md writes a study guide')
    .option('-m, --module <n>', 'only this module (repeatable)', moduleNumbers)
    .addOption(new Option('--export <format>', 'write the study guide as Markdown').choices(['md']))
    .option('-o, --output <file>', 'file for --export (default mrso-study-guide.md; - for stdout)')
    .action(async (flags: GuideFlags, cmd: Command) => {
      const { guideCommand } = await import('./commands/guide.js');
      await guideCommand(flags, globals(cmd));
    });

  program
    .command('plan')
    .description('day-by-day flashcard load up to your exam date (mrso config set examDate YYYY-MM-DD)')
    .option('--days <n>', 'days to show (default: up to the exam, or 14)', wholeNumber('--days', 1, 366, '--days 30'))
    .option('--json', 'print the plan as JSON')
    .action(async (flags: PlanFlags, cmd: Command) => {
      const { planCommand } = await import('./commands/plan.js');
      await planCommand(flags, globals(cmd));
    });

  program
    .command('config')
    .description('show or change settings: cards.newPerDay, cards.maxReviewsPerDay, cards.dayStartsAt, cards.retention, examDate, exam.targetRecall')
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
    .option('--attempt <id>', 'which mock exam (default: your latest passing full mock exam)', wholeNumber('--attempt', 1, Number.MAX_SAFE_INTEGER, '--attempt 12'))
    .option('--name <name>', 'name on the record (default: your user name)', text('--name', 120, '--name "Alex Morgan"'))
    .option('-o, --output <file>', 'record file (default mrso-record-<attempt>.html)')
    .action(async (flags: CertFlags, cmd: Command) => {
      const { certCommand } = await import('./commands/cert.js');
      await certCommand(flags, globals(cmd));
    });

  program
    .command('verify')
    .description('check a completion record file or verification code against this history')
    .argument('<file-or-code>', 'a record file, or a code like MRSO-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX')
    .action(async (target: string, _raw: unknown, cmd: Command) => {
      const { verifyCommand } = await import('./commands/verify.js');
      await verifyCommand(target, globals(cmd));
    });

  const bank = program.command('bank').description('question bank tools');
  bank
    .command('check')
    .description('validate the bank: counts per module, type and topic; every error as file:line:col id: message')
    .option('--json', 'print the summary and issues as JSON')
    .action(async (flags: BankCheckOptions, cmd: Command) => {
      const { bankCheckCommand } = await import('./commands/bank-check.js');
      await bankCheckCommand(flags, globals(cmd));
    });

  bank
    .command('items')
    .description('item analysis from your history: percent correct, wrong answers picked, discrimination; flags suspect keys')
    .option('--json', 'print the analysis as JSON')
    .action(async (flags: { json?: boolean }, cmd: Command) => {
      const { bankItemsCommand } = await import('./commands/bank-items.js');
      await bankItemsCommand(flags, globals(cmd));
    });

  return program;
}

function globals(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals<GlobalOptions>();
}

/**
 * Help and version text go straight to file descriptor 1: a few kB need no
 * stream, and setting up process.stdout on a pipe costs ~3 ms, a third of
 * `mrso --help` (so does loading node:tty, which loads the stream code). A
 * reader that went away (`mrso --help | head -1`) ends it quietly; a full
 * non-blocking pipe hands the rest to the stream after all.
 */
export function writeToStdout(text: string): void {
  const bytes = Buffer.from(text);
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(1, bytes, written);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPIPE') process.stdout.write(bytes.subarray(written));
  }
}

/** A pipe or a file is no terminal; a character device may be one (or /dev/null). Known by fstat, without node:tty. */
function stdoutMayBeTerminal(): boolean {
  try {
    return fstatSync(1).isCharacterDevice();
  } catch {
    return false;
  }
}
