import { Command, Option } from 'commander';
import { readFileSync } from 'node:fs';
import type { GlobalOptions } from './commands/context.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

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
    .description('standing per module, exam domain and topic, with 95% intervals and what to study next')
    .option('--json', 'print the report as JSON')
    .action(async (raw: unknown, cmd: Command) => {
      const { statsCommand } = await import('./commands/stats.js');
      await statsCommand(raw, globals(cmd));
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

  return program;
}

function globals(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals<GlobalOptions>();
}
