import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import { COMMANDS } from '../../src/commands/table.js';

/** Every command of the program, subcommands of a group included, by the words that call it. */
function commandsOf(program: Command): Map<string, Command> {
  const found = new Map<string, Command>();
  const walk = (cmd: Command, prefix: string[]) => {
    for (const sub of cmd.commands) {
      const words = [...prefix, sub.name()];
      if (sub.commands.length === 0) found.set(words.join(' '), sub);
      walk(sub, words);
    }
  };
  walk(program, []);
  return found;
}

describe('the options table', () => {
  it('registers every command of the table, and no other', () => {
    expect([...commandsOf(buildProgram()).keys()].sort()).toEqual(COMMANDS.map((c) => c.name).sort());
  });

  it("lists --bank, --db and --debug in every command's help, each line within 80 columns", () => {
    for (const [name, cmd] of commandsOf(buildProgram())) {
      const help = cmd.helpInformation();
      for (const flag of ['--bank <dir>', '--db <path>', '--debug']) expect(help, `${name}: ${flag}`).toContain(flag);
      for (const line of help.split('\n')) expect([...line].length, `${name}: ${line}`).toBeLessThanOrEqual(80);
    }
  });

  it('hands a command the default of its table row, and shows it in the help', async () => {
    const program = buildProgram();
    const exam = commandsOf(program).get('exam')!;
    program.parseOptions([]);
    exam.parseOptions([]);
    expect(exam.opts()['count']).toBe(100);
    expect(exam.helpInformation()).toMatch(/number of questions \(default: 100\)/);
    const review = commandsOf(program).get('review')!;
    expect(review.helpInformation()).toMatch(/\(default: 20\)/);
  });

  it('builds only the command a run names, with the same help as in the whole program', () => {
    const whole = commandsOf(buildProgram());
    for (const row of COMMANDS) {
      const word = row.name.split(' ')[0]!;
      const built = commandsOf(buildProgram(word));
      const expected = row.wholeProgram ? COMMANDS.map((c) => c.name) : COMMANDS.filter((c) => c.name.split(' ')[0] === word).map((c) => c.name);
      expect([...built.keys()].sort(), word).toEqual(expected.sort());
      expect(built.get(row.name)!.helpInformation(), row.name).toBe(whole.get(row.name)!.helpInformation());
    }
    // A first argument that names no command (help, a flag, a typo) builds them all, so suggestions and help are whole.
    for (const first of ['help', '--db', 'exma', undefined]) expect(commandsOf(buildProgram(first)).size).toBe(COMMANDS.length);
  });
});
