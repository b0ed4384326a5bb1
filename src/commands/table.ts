import { calendarDay, decimal, moduleNumbers, text, wholeNumber } from './options.js';
import type { Command } from 'commander';
import type { GlobalOptions } from './context.js';

/*
 * One table drives every command's flags, defaults, validation and help
 * (as npm-check-updates' cli-options does). cli.ts builds the commander
 * program from it; each row's `run` imports its command only when it runs,
 * so `mrso --help` loads no command. Adding a command is one row here and
 * one file in src/commands/ (see CONTRIBUTING.md).
 */

export interface OptionRow {
  /** commander's flag syntax: '-c, --count <n>', '--json'. */
  flags: string;
  description: string;
  /** Checks and converts the value (a UsageError names the flag); see options.ts. */
  parse?: (raw: string, previous: never) => unknown;
  /** The only allowed values, listed in the help. */
  choices?: readonly string[];
  /** The value when the flag is not given: the one place a default is written; the help shows it. */
  default?: string | number | boolean;
}

export interface CommandRow {
  /** The words that call it: 'exam', or 'bank check' for a subcommand of 'bank'. */
  name: string;
  description: string;
  args?: readonly { name: string; description: string }[];
  options?: readonly OptionRow[];
  /** Shown after the options (keys, examples). */
  helpAfter?: string; // one paragraph a line: wrapped to the help width when shown
  /** Its run reads the whole program (every command), so a run of it builds them all (see cli.ts buildProgram). */
  wholeProgram?: boolean;
  /** `given`: the options typed on the command line, as distinct from the table's defaults. */
  run(input: { args: string[]; flags: Record<string, unknown>; given: ReadonlySet<string>; globals: GlobalOptions; program: Command }): Promise<void>;
}

/** Options every command accepts; each subcommand's help lists them too. */
export const GLOBAL_OPTIONS: readonly OptionRow[] = [
  { flags: '--bank <dir>', description: 'question bank folder (default: the shipped bank; env MRSO_BANK)' },
  { flags: '--db <path>', description: 'history database file (default: per-user data folder; env MRSO_DB)' },
  { flags: '--debug', description: 'show stack traces for unexpected errors' },
];

/** Parent commands that only group others ('mrso bank check'). */
export const COMMAND_GROUPS: readonly { name: string; description: string }[] = [
  { name: 'bank', description: 'question bank tools' },
  { name: 'history', description: 'your recorded answers' },
];

const moduleOption = (description = 'only this module (repeatable)'): OptionRow => ({ flags: '-m, --module <n>', description, parse: moduleNumbers });
const jsonOption = (description: string): OptionRow => ({ flags: '--json', description });

// `as never`: each command declares its own flag type; the table's parsers have checked every value.
export const COMMANDS: readonly CommandRow[] = [
  {
    // `mrso` alone runs it (cli.ts makes it the default command).
    name: 'today',
    description: "today's dashboard: days to the exam, cards due, what to study next, last mock, streak (also: mrso alone)",
    options: [jsonOption('print the dashboard as JSON')],
    run: async ({ flags, globals }) => (await import('./today.js')).todayCommand(flags as never, globals),
  },
  {
    name: 'exam',
    description: 'take a timed mock exam or a practice quiz with instant feedback',
    options: [
      { flags: '-c, --count <n>', description: 'number of questions', parse: wholeNumber('--count', 1, 1000, '--count 100'), default: 100 },
      moduleOption('only this module (repeatable, or 3,7)'),
      { flags: '--mode <mode>', description: 'exam: timed, flag-and-review; practice: feedback after each item', choices: ['exam', 'practice'], default: 'exam' },
      { flags: '-t, --time <minutes>', description: 'time limit in minutes (default: 72 s per item, 120 min for 100)', parse: wholeNumber('--time', 1, 600, '--time 120 (minutes)') },
      { flags: '--untimed', description: 'no time limit' },
      { flags: '--seed <seed>', description: 'seed for a reproducible draw' },
      {
        flags: '--resume [id]',
        description: 'continue an unfinished session (default: the newest mock exam, else the newest) with the time that was left',
        parse: wholeNumber('--resume', 1, Number.MAX_SAFE_INTEGER, '--resume 3'),
      },
      { flags: '--new', description: 'start a new session without asking (unfinished ones are kept: mrso sessions)' },
      { flags: '--form <n>', description: 'take held-out mock form N (questions/forms.yaml) as a timed full exam', parse: wholeNumber('--form', 1, 1000, '--form 1') },
    ],
    helpAfter:
      'Keys: A–E or 1–5 answer (select-all: toggle), T/F true/false, Enter/n/→ next, p/← back, f flag (m on true/false), x then a letter (or Shift+letter) strike, g guess, r review, q save & quit; Ctrl-C saves too.\nReview: ↑↓ PgUp/PgDn, a/u/f filter, type a number then Enter to open it, Esc back, s submit.\nWithout a terminal, answers are read one per line from stdin (B, A,C, T, or empty to skip).',
    run: async ({ flags, given, globals }) => (await import('./exam.js')).examCommand(flags as never, globals, given),
  },
  {
    name: 'sessions',
    description: 'list unfinished and finished exam and practice sessions; --discard ID sets an unfinished one aside (it asks)',
    options: [
      { flags: '--discard <id>', description: 'set this unfinished session aside (its answers stay in your history)', parse: wholeNumber('--discard', 1, Number.MAX_SAFE_INTEGER, '--discard 3') },
      { flags: '--yes', description: 'with --discard: do not ask' },
    ],
    run: async ({ flags, globals }) => (await import('./sessions.js')).sessionsCommand(flags as never, globals),
  },
  {
    name: 'results',
    description: "reprint a finished session's result screen (default: the latest)",
    args: [{ name: '[id]', description: 'session id (see mrso sessions)' }],
    run: async ({ args, globals }) =>
      (await import('./results.js')).resultsCommand(args[0] === undefined ? undefined : wholeNumber('results ID', 1, Number.MAX_SAFE_INTEGER, 'mrso results 3')(args[0]), globals),
  },
  {
    name: 'stats',
    description: 'standing per module, exam domain and topic, readiness, mock exam history and what to re-read',
    options: [moduleOption(), { flags: '--since <date>', description: 'only answers from this day on (YYYY-MM-DD)', parse: calendarDay('--since') }, jsonOption('print the report as JSON (shape documented in the README)')],
    run: async ({ flags, globals }) => (await import('./stats.js')).statsCommand(flags as never, globals),
  },
  {
    name: 'review',
    description: 'practice quiz from items you missed, flagged in mock exams, or from your weakest topics',
    options: [
      { flags: '--missed', description: 'items you got wrong (default); two right answers in a row take an item out' },
      { flags: '--flagged', description: 'items you flagged in mock exams' },
      { flags: '--weak', description: 'items from your weakest topics' },
      { flags: '--confident-wrong', description: 'items you got wrong without marking a guess (a misconception)' },
      { flags: '-c, --count <n>', description: 'at most this many items', parse: wholeNumber('--count', 1, 1000, '--count 20'), default: 20 },
      { flags: '--seed <seed>', description: 'seed for the choice order' },
    ],
    run: async ({ flags, globals }) => (await import('./review.js')).reviewCommand(flags as never, globals),
  },
  {
    name: 'cards',
    description: 'flashcards with FSRS spaced repetition (due cards first, then new ones), or export them',
    options: [
      moduleOption(),
      { flags: '--topic <topic>', description: 'only this topic id (see mrso bank check)', parse: text('--topic', 80, '--topic screening') },
      { flags: '--new <n>', description: 'new cards in this session (default: cards.newPerDay, 20, minus those met today)', parse: wholeNumber('--new', 0, 1000, '--new 20') },
      { flags: '--limit <n>', description: 'at most this many cards in the session', parse: wholeNumber('--limit', 1, 10000, '--limit 100'), default: 200 },
      { flags: '--retention <r>', description: 'desired retention for this session (default: cards.retention, 0.9)', parse: decimal('--retention', 0.7, 0.99, '--retention 0.9') },
      { flags: '--missed', description: 'drill the exam and practice questions you got wrong, scheduled the same way' },
      { flags: '--cram', description: 'go through the cards without touching the schedule (nothing is logged)' },
      { flags: '--suspended', description: 'list suspended cards and leeches' },
      { flags: '--unsuspend <id>', description: 'bring a suspended card back' },
      { flags: '--export <format>', description: 'write the cards for Anki (tab-separated with headers), CSV or a printable Markdown sheet', choices: ['anki', 'csv', 'md'] },
      { flags: '-o, --output <file>', description: 'export file (default mrso-flashcards.txt/.csv/.md; - for stdout)' },
      { flags: '--force', description: 'replace an existing export file' },
    ],
    helpAfter:
      'Keys: Space/Enter show the answer, then 1 Again, 2 Hard, 3 Good, 4 Easy (each shows the interval it gives); u undo the last rating, b bury until tomorrow, s suspend, q quit.',
    run: async ({ flags, globals }) => (await import('./cards.js')).cardsCommand(flags as never, globals),
  },
  {
    name: 'guide',
    description: "each module's objectives and outline with your standing per topic; --export md writes a study guide",
    options: [moduleOption(), { flags: '--export <format>', description: 'write the study guide as Markdown', choices: ['md'] }, { flags: '-o, --output <file>', description: 'file for --export (default mrso-study-guide.md; - for stdout)' }, { flags: '--force', description: 'replace an existing export file' }],
    run: async ({ flags, globals }) => (await import('./guide.js')).guideCommand(flags as never, globals),
  },
  {
    name: 'plan',
    description: 'day-by-day flashcard load up to your exam date (mrso config set examDate YYYY-MM-DD)',
    options: [{ flags: '--days <n>', description: 'days to show (default: up to the exam, or 14)', parse: wholeNumber('--days', 1, 366, '--days 30') }, jsonOption('print the plan as JSON')],
    run: async ({ flags, globals }) => (await import('./plan.js')).planCommand(flags as never, globals),
  },
  {
    name: 'config',
    description: 'show or change settings: cards.newPerDay, cards.maxReviewsPerDay, cards.dayStartsAt, cards.retention, examDate, exam.targetRecall',
    args: [
      { name: '<action>', description: 'list, get, set or unset' },
      { name: '[key]', description: 'setting name' },
      { name: '[value]', description: 'new value (for set)' },
    ],
    run: async ({ args, globals }) => (await import('./config.js')).configCommand(args[0]!, args[1], args[2], globals),
  },
  {
    name: 'cert',
    description: 'write an HTML completion record for a passing full mock exam, with a verification code (a practice record, not ABMRS certification)',
    options: [
      { flags: '--attempt <id>', description: 'which mock exam (default: your latest passing full mock exam)', parse: wholeNumber('--attempt', 1, Number.MAX_SAFE_INTEGER, '--attempt 12') },
      { flags: '--name <name>', description: 'name on the record (asked for in a terminal; required otherwise)', parse: text('--name', 120, '--name "Alex Morgan"') },
      { flags: '-o, --output <file>', description: 'record file (default mrso-record-<attempt>.html)' },
      { flags: '--force', description: 'replace an existing record file' },
    ],
    run: async ({ flags, globals }) => (await import('./cert.js')).certCommand(flags as never, globals),
  },
  {
    name: 'verify',
    description: 'check a completion record file or verification code against this history',
    args: [{ name: '<file-or-code>', description: 'a record file, or a code like MRSO-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX' }],
    run: async ({ args, globals }) => (await import('./verify.js')).verifyCommand(args[0]!, globals),
  },
  {
    name: 'history export',
    description: 'write every recorded answer (attempt, mode, item, module, topic, domain, chosen, correct, confidence, struck, seconds, answered-at)',
    options: [
      { flags: '--format <format>', description: 'json (default) or csv', choices: ['json', 'csv'] },
      { flags: '-o, --output <file>', description: 'file to write (default mrso-history.json/.csv; - for stdout)' },
      { flags: '--force', description: 'replace the file if it exists' },
    ],
    helpAfter:
      'One row (CSV) or object (JSON: { version: 1, answers: [...] }) per answer: attemptId, mode (exam|practice), itemId, module, topic, domain, chosen (the item\'s own letters, e.g. "A,C"; true/false; or "0.5 mT"), correct, confidence (sure|guess), struck (own letters), seconds, answeredAt (ISO time). CSV cells starting with = + - @ get a leading \' so spreadsheets do not run them.',
    run: async ({ flags, globals }) => (await import('./history-export.js')).historyExportCommand(flags as never, globals),
  },
  {
    name: 'completion',
    description: 'print a shell completion script: eval "$(mrso completion bash)" (or zsh, fish)',
    args: [{ name: '<shell>', description: 'bash, zsh or fish' }],
    wholeProgram: true,
    run: async ({ args, program, globals }) => (await import('./completion.js')).completionCommand(args[0]!, program, globals),
  },
  {
    name: 'bank check',
    description: 'validate the bank: counts per module, type and topic; every error as file:line:col id: message',
    options: [jsonOption('print the summary and issues as JSON')],
    run: async ({ flags, globals }) => (await import('./bank-check.js')).bankCheckCommand(flags, globals),
  },
  {
    name: 'bank items',
    description: 'item analysis from your history: percent correct, wrong answers picked, discrimination; flags suspect keys',
    options: [jsonOption('print the analysis as JSON')],
    run: async ({ flags, globals }) => (await import('./bank-items.js')).bankItemsCommand(flags, globals),
  },
];
