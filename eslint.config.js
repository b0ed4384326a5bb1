// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The layering of STYLE.md, enforced: the core never reaches the edges. */
const coreRestrictions = {
  patterns: [
    { group: ['**/store/**', 'better-sqlite3'], message: 'The core does not touch the database: pass data in.' },
    { group: ['**/ui/**', '@inquirer/*', 'chalk'], message: 'The core does not talk to the terminal.' },
    { group: ['**/commands/**', '**/files/**', '**/bank-source/**', '**/startup/**'], message: 'The core does not depend on commands, file I/O, the bank source or start-up.' },
  ],
  paths: [
    { name: 'node:fs', message: 'The core does no file I/O: the files/ room reads and writes.' },
    { name: 'fs', message: 'The core does no file I/O.' },
    { name: 'node:fs/promises', message: 'The core does no file I/O.' },
  ],
};

const sqliteOnlyInStore = { name: 'better-sqlite3', message: 'Only src/store/ imports better-sqlite3.' };
const inquirerOnlyInPrompts = { group: ['@inquirer/*'], message: 'Only src/ui/prompts.ts imports @inquirer.' };
const connectionStaysInStore = {
  group: ['**/store/history.js'],
  importNames: ['connectionOf'],
  message: 'The store exposes methods, not its connection: add a method to the store.',
};

/** The command files a user runs (one per subcommand, registered in commands/table.ts). */
const COMMAND_ENTRIES = ['today', 'exam', 'sessions', 'results', 'history-export', 'stats', 'review', 'cards', 'cards-export', 'cards-suspended', 'guide', 'plan', 'config', 'cert', 'verify', 'bank-check', 'bank-items', 'completion'];
const noSidewaysCommands = {
  group: COMMAND_ENTRIES.map((name) => `./${name}.js`),
  allowTypeImports: true,
  message: 'A command does not call another command: move what both need into the core (src/exam, src/report, …) or a shared helper.',
};
const bankThroughTheDoor = { group: ['**/bank-source/cache.js', '**/bank-source/folder.js'], message: 'Commands get the bank through bank-source/open.ts, the one door.' };
/** The clock is injected (context.ts systemClock); a command does not read it. */
const noClockInCommands = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Commands do not read the clock: take a clock (() => number) in deps; context.ts systemClock is the default.' },
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Commands do not read the clock: take a clock (() => number) in deps; context.ts systemClock is the default.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Later blocks win for the same rule: general first, then each room's exception, the core last.
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [sqliteOnlyInStore], patterns: [inquirerOnlyInPrompts] }],
      // Only main.ts exits; output goes through ui/ and context.ts's writers.
      'no-restricted-properties': ['error', { object: 'process', property: 'exit', message: 'Only src/main.ts exits: throw a UserError.' }],
      'no-console': 'error',
      // Split a file before it reaches 300 lines (STYLE.md).
      'max-lines': ['error', { max: 300 }],
      // Everyone gets at the history through the store's methods.
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [connectionStaysInStore] }],
    },
  },
  { files: ['src/main.ts'], rules: { 'no-restricted-properties': 'off' } },
  { files: ['src/store/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [inquirerOnlyInPrompts] }], '@typescript-eslint/no-restricted-imports': 'off' } },
  { files: ['src/ui/prompts.ts', 'src/ui/card-prompt.ts'], rules: { 'no-restricted-imports': ['error', { paths: [sqliteOnlyInStore] }] } },
  // The bank source, start-up, files and ui rooms know nothing of commands, and only commands join the store to the rest.
  {
    files: ['src/bank-source/**/*.ts', 'src/startup/**/*.ts', 'src/files/**/*.ts', 'src/ui/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/commands/**'], message: 'Lower rooms do not import commands.' },
            { group: ['**/store/**'], allowTypeImports: true, message: 'Only commands join the store to the rest.' },
          ],
        },
      ],
    },
  },
  // Commands are adapters: options -> core and store -> a view to ui/ (CONTRIBUTING.md).
  {
    files: ['src/commands/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'yaml', message: 'Commands do not parse YAML: the bank comes through bank-source/open.ts.' },
            { name: 'chalk', message: 'Commands do not style text: ui/ renders (theme.ts).' },
            { name: 'node:fs', message: 'Commands do not touch files: use files/ (write.ts) or bank-source/.' },
          ],
          patterns: [noSidewaysCommands, connectionStaysInStore, bankThroughTheDoor],
        },
      ],
      'no-restricted-syntax': ['error', ...noClockInCommands],
    },
  },
  { files: ['src/commands/context.ts'], rules: { 'no-restricted-syntax': 'off' } },
  // The core last: no store, terminal, files or clock.
  {
    files: ['src/bank/**/*.ts', 'src/exam/**/*.ts', 'src/cards/**/*.ts', 'src/report/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', coreRestrictions],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'The core gets the time passed in.' },
        { object: 'process', property: 'exit', message: 'Only src/main.ts exits: throw a UserError.' },
      ],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The core gets the time passed in.' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', process: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', performance: 'readonly' } },
  },
);
