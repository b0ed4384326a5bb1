import { fstatSync, writeSync } from 'node:fs';
import { Command, Option } from 'commander';
import { version } from './version.js';
import { layoutWidth, wrap } from './ui/layout.js';
import { OutputError } from './errors.js';
import type { GlobalOptions } from './commands/context.js';
import { COMMAND_GROUPS, COMMANDS, GLOBAL_OPTIONS, type CommandRow, type OptionRow } from './commands/table.js';

/**
 * The commander program, built from the options table (commands/table.ts).
 * Each action imports its command lazily, so `mrso --help` loads neither
 * SQLite nor the bank. Option values are checked by the table's parsers
 * before any command runs.
 */
/** The width help is laid out for: COLUMNS, else the terminal's, else 80 (layout.ts's rule, 60..100). */
function helpWidth(): number {
  return layoutWidth(process.env, stdoutMayBeTerminal() ? process.stdout.columns : undefined);
}

/**
 * `mrso help bank check` -> `mrso bank check --help`: commander's help command
 * looks up one word only, so a group's subcommand would show the group's help.
 */
export function helpArgs(args: readonly string[]): string[] {
  // The command word: neither a flag nor the value of a global flag that takes one (--bank DIR).
  const valued = new Set(GLOBAL_OPTIONS.filter((o) => o.flags.includes('<')).map((o) => o.flags.split(' ')[0]));
  const at = args.findIndex((arg, i) => !arg.startsWith('-') && !valued.has(args[i - 1] ?? ''));
  if (at < 0 || args[at] !== 'help' || args.length - at < 3) return [...args];
  return [...args.slice(0, at), ...args.slice(at + 1), '--help'];
}

/**
 * The commander program. `firstArg`: the command line's first argument. When
 * it names a command (or a group), only that command (or that group's) is
 * built: commander's setup of two dozen commands and their options is a few
 * ms that `mrso exam` would spend before its first question. Anything else
 * (help, a flag first, a typo to suggest against, no command) gets them all.
 */
export function buildProgram(firstArg?: string): Command {
  const program = new Command('mrso')
    .description('MR Safety Officer (MRSO) exam trainer: mock exams, practice, flashcards and weak-topic reports.\nNot affiliated with or endorsed by ABMRS.')
    .version(version(), '-V, --version')
    // commander's own usage errors read like mrso's: "mrso: …", then an indented hint.
    .configureOutput({
      outputError: (text, write) => write(text.replace(/^error: /, 'mrso: ')),
      // Help without process.stdout, unless it may be a terminal (whose width the help fits): see writeToStdout.
      writeOut: writeToStdout,
      getOutHelpWidth: helpWidth,
      getOutHasColors: () => false, // mrso's help has no colour
    })
    // Each subcommand's help lists --bank, --db and --debug too.
    // Descriptions wrap even at 60 columns (commander leaves a description column under 40 unwrapped).
    .configureHelp({ showGlobalOptions: true, minWidthToWrap: 20 })
    .showHelpAfterError('  Run with --help for usage.')
    .exitOverride();
  for (const row of GLOBAL_OPTIONS) program.addOption(optionOf(row));

  // A group ('bank') is listed where its first subcommand comes in the table.
  const groups = new Map<string, Command>();
  const groupOf = (name: string): Command => {
    const known = groups.get(name);
    if (known) return known;
    const group = COMMAND_GROUPS.find((g) => g.name === name);
    if (!group) throw new Error(`commands/table.ts: no group ${name}`);
    const command = program.command(name).description(group.description);
    groups.set(name, command);
    return command;
  };
  for (const row of rowsFor(firstArg)) {
    const words = row.name.split(' ');
    addCommand(words.length > 1 ? groupOf(words[0]!) : program, words.at(-1)!, row);
  }
  return program;
}

/** The rows a command line whose first argument is `word` can run: that command, or that group's; else every row. */
function rowsFor(word: string | undefined): readonly CommandRow[] {
  const rows = word === undefined ? [] : COMMANDS.filter((row) => row.name.split(' ')[0] === word);
  return rows.length === 0 || rows.some((row) => row.wholeProgram) ? COMMANDS : rows;
}

function addCommand(parent: Command, name: string, row: CommandRow): void {
  // `mrso` alone runs today's dashboard.
  const command = parent.command(name, { isDefault: name === 'today' }).description(row.description);
  if (name === 'today') command.allowExcessArguments();
  for (const arg of row.args ?? []) command.argument(arg.name, arg.description);
  for (const option of row.options ?? []) command.addOption(optionOf(option));
  const after = row.helpAfter;
  if (after) command.addHelpText('after', () => `\n${wrap(after, helpWidth())}`);
  command.action(async (...received: unknown[]) => {
    // commander passes the arguments, then the options, then the command itself.
    const cmd = received.at(-1) as Command;
    const args = received.slice(0, (row.args ?? []).length) as string[];
    // As the default command, today also receives a mistyped command name: say so, as commander would.
    if (name === 'today' && cmd.args.length) parent.error(`mrso: unknown command '${cmd.args[0]}'`, { code: 'commander.unknownCommand', exitCode: 2 });
    const flags = cmd.opts();
    const given = new Set(Object.keys(flags).filter((key) => cmd.getOptionValueSource(key) === 'cli'));
    await row.run({ args, flags, given, globals: cmd.optsWithGlobals<GlobalOptions>(), program: parent });
  });
}

function optionOf(row: OptionRow): Option {
  const option = new Option(row.flags, row.description);
  if (row.parse) option.argParser(row.parse as (value: string, previous: unknown) => unknown);
  if (row.choices) option.choices(row.choices);
  if (row.default !== undefined) option.default(row.default);
  return option;
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
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') return;
    if (code === 'EAGAIN') process.stdout.write(bytes.subarray(written));
    else throw new OutputError(code ?? 'error');
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
