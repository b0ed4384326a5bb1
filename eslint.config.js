// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The layering of STYLE.md, enforced: the core never reaches the edges. */
const coreRestrictions = {
  patterns: [
    { group: ['**/store/**', 'better-sqlite3'], message: 'The core does not touch the database: pass data in.' },
    { group: ['**/ui/**', '@inquirer/*', 'chalk'], message: 'The core does not talk to the terminal.' },
    { group: ['**/commands/**', '**/files/**'], message: 'The core does not depend on commands or file I/O.' },
  ],
  paths: [
    { name: 'node:fs', message: 'The core does no file I/O: the files/ room reads and writes.' },
    { name: 'fs', message: 'The core does no file I/O.' },
    { name: 'node:fs/promises', message: 'The core does no file I/O.' },
  ],
};

const sqliteOnlyInStore = { name: 'better-sqlite3', message: 'Only src/store/ imports better-sqlite3.' };
const inquirerOnlyInPrompts = { group: ['@inquirer/*'], message: 'Only src/ui/prompts.ts imports @inquirer.' };

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/bank/**/*.ts', 'src/exam/**/*.ts', 'src/cards/**/*.ts', 'src/report/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'The core gets the time passed in.' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  // Later blocks win for the same rule: general first, then each room's exception, the core last.
  {
    files: ['src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [sqliteOnlyInStore], patterns: [inquirerOnlyInPrompts] }] },
  },
  { files: ['src/store/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [inquirerOnlyInPrompts] }] } },
  { files: ['src/ui/prompts.ts', 'src/ui/card-prompt.ts'], rules: { 'no-restricted-imports': ['error', { paths: [sqliteOnlyInStore] }] } },
  {
    files: ['src/bank/**/*.ts', 'src/exam/**/*.ts', 'src/cards/**/*.ts', 'src/report/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', coreRestrictions] },
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
