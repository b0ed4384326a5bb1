import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { SETTINGS } from '../cards/settings.js';
import { printLine, type GlobalOptions } from './context.js';
import { loadUsableOutline } from './load-bank.js';

interface OptionSpec {
  long: string;
  short?: string;
  value: boolean;
  choices?: string[];
  description: string;
}

interface CommandSpec {
  name: string;
  description: string;
  options: OptionSpec[];
  /** Words that may follow the command: subcommands (bank check), actions (config list) or shells. */
  words: string[];
}

export interface CompletionSpec {
  commands: CommandSpec[];
  globals: OptionSpec[];
  modules: string[];
  topics: string[];
  settings: string[];
}

/** `mrso completion bash|zsh|fish`: a completion script with the commands, options, module numbers and topic ids. */
export async function completionCommand(shell: string, program: Command, globals: GlobalOptions): Promise<void> {
  if (!['bash', 'zsh', 'fish'].includes(shell)) throw new UsageError(`completion ${shell}: expected bash, zsh or fish`, 'For example: eval "$(mrso completion bash)" in ~/.bashrc');
  const bank = await loadUsableOutline(globals);
  const spec: CompletionSpec = {
    commands: program.commands.map((c) => ({
      name: c.name(),
      description: c.description().split('\n')[0]!,
      options: c.options.map(optionSpec),
      words: [...c.commands.map((s) => s.name()), ...(c.name() === 'config' ? ['list', 'get', 'set', 'unset'] : c.name() === 'completion' ? ['bash', 'zsh', 'fish'] : [])],
    })),
    globals: program.options.map(optionSpec),
    modules: bank.modules.map((m) => String(m.number)),
    topics: bank.modules.flatMap((m) => Object.keys(m.topics)),
    settings: SETTINGS.map((s) => s.key),
  };
  printLine(shell === 'fish' ? fishScript(spec) : shell === 'zsh' ? `autoload -U +X bashcompinit && bashcompinit\n${bashScript(spec)}` : bashScript(spec));
}

function optionSpec(o: { long?: string | undefined; short?: string | undefined; required: boolean; optional: boolean; argChoices?: string[] | undefined; description: string }): OptionSpec {
  return { long: o.long ?? '', ...(o.short ? { short: o.short } : {}), value: o.required || o.optional, ...(o.argChoices ? { choices: o.argChoices } : {}), description: o.description };
}

const words = (xs: string[]) => xs.join(' ');
/** Single-quoted for the shell (the bank's topic ids are slugs, but a hand-made bank is not trusted). */
const quoteWord = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Values an option takes, as a compgen call. */
function valueCompletion(o: OptionSpec, spec: CompletionSpec): string {
  if (o.choices) return `compgen -W ${quoteWord(words(o.choices))} -- "$cur"`;
  if (o.long === '--module') return `compgen -W ${quoteWord(words(spec.modules))} -- "$cur"`;
  if (o.long === '--topic') return `compgen -W ${quoteWord(words(spec.topics))} -- "$cur"`;
  if (['--bank', '--db', '--output'].includes(o.long)) return 'compgen -f -- "$cur"';
  return '';
}

export function bashScript(spec: CompletionSpec): string {
  const all = [...spec.globals, ...spec.commands.flatMap((c) => c.options)];
  const valued = [...new Map(all.filter((o) => o.value).map((o) => [o.long, o])).values()];
  const valueCases = valued.map((o) => `    ${[o.long, ...(o.short ? [o.short] : [])].join('|')}) COMPREPLY=($(${valueCompletion(o, spec) || 'true'})); return ;;`);
  const skipValue = valued.flatMap((o) => [o.long, ...(o.short ? [o.short] : [])]).join('|');
  const commandCases = spec.commands.map((c) => {
    const extra = c.name === 'config' ? ` ${words(spec.settings)}` : '';
    return `    ${c.name}) opts=${quoteWord(`${words([...c.words, ...c.options.flatMap((o) => [o.long, ...(o.short ? [o.short] : [])])])}${extra} --help`)} ;;`;
  });
  return `# mrso completion for bash (eval "$(mrso completion bash)" in ~/.bashrc)
_mrso() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" cmd="" i opts
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      ${skipValue}) ((i++)) ;;
      -*) ;;
      *) cmd="\${COMP_WORDS[i]}"; break ;;
    esac
  done
  case "$prev" in
${valueCases.join('\n')}
  esac
  case "$cmd" in
${commandCases.join('\n')}
    *) opts=${quoteWord(words([...spec.commands.map((c) => c.name), ...spec.globals.flatMap((o) => [o.long, ...(o.short ? [o.short] : [])]), '--help']))} ;;
  esac
  COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}
complete -o default -F _mrso mrso`;
}

/** Fish descriptions: one line, no quotes to break out of. */
const fishText = (s: string) => quoteWord(s.replace(/\s+/g, ' ').slice(0, 70));

export function fishScript(spec: CompletionSpec): string {
  const out = ['# mrso completion for fish (mrso completion fish > ~/.config/fish/completions/mrso.fish)', 'complete -c mrso -f'];
  const optionLine = (o: OptionSpec, condition: string) => {
    const values = o.choices ?? (o.long === '--module' ? spec.modules : o.long === '--topic' ? spec.topics : null);
    const file = ['--bank', '--db', '--output'].includes(o.long);
    return `complete -c mrso ${condition}-l ${o.long.replace(/^--/, '')}${o.short ? ` -s ${o.short.replace(/^-/, '')}` : ''}${o.value ? (values ? ` -x -a ${quoteWord(words(values))}` : file ? ' -r -F' : ' -x') : ''} -d ${fishText(o.description)}`;
  };
  for (const o of spec.globals) out.push(optionLine(o, ''));
  for (const c of spec.commands) {
    out.push(`complete -c mrso -n __fish_use_subcommand -a ${c.name} -d ${fishText(c.description)}`);
    const when = `-n '__fish_seen_subcommand_from ${c.name}' `;
    if (c.words.length) out.push(`complete -c mrso ${when}-a ${quoteWord(words(c.words))}`);
    if (c.name === 'config') out.push(`complete -c mrso ${when}-a ${quoteWord(words(spec.settings))}`);
    for (const o of c.options) out.push(optionLine(o, when));
  }
  return out.join('\n');
}
