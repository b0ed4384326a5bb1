import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/load.js';
import type { BankFile } from '../../src/bank/types.js';
import { SMALL_BANK } from '../helpers/cli.js';

const validFiles: BankFile[] = readdirSync(SMALL_BANK)
  .filter((name) => name.endsWith('.yaml'))
  .sort()
  .map((name) => ({ path: name, text: readFileSync(join(SMALL_BANK, name), 'utf8') }));

/** Ways a hand-edited bank goes wrong: typed garbage, cut files, stray tabs, wrong shapes, deleted lines. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), cut: fc.nat({ max: 40 }), insert: fc.string({ maxLength: 20 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('dropLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('tab' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replaceWithValue' as const), value: fc.jsonValue({ maxDepth: 3 }) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, m: Mutation): string {
  switch (m.kind) {
    case 'splice': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.insert + text.slice(at + m.cut);
    }
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'dropLine': {
      const lines = text.split('\n');
      lines.splice(m.at % lines.length, 1);
      return lines.join('\n');
    }
    case 'tab': {
      const lines = text.split('\n');
      const i = m.at % lines.length;
      lines[i] = `\t${lines[i]}`;
      return lines.join('\n');
    }
    case 'replaceWithValue':
      return stringify(m.value);
  }
}

describe('malformed banks', () => {
  it('never throws on 1,000 broken banks, and every problem names a file of the bank', () => {
    fc.assert(
      fc.property(fc.nat({ max: validFiles.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), (target, mutations) => {
        const files = validFiles.map((f, i) => (i === target ? { ...f, text: mutations.reduce(mutate, f.text) } : f));
        const { issues } = loadBank(files);
        const names = new Set(files.map((f) => f.path));
        for (const issue of issues) {
          expect(names.has(issue.file)).toBe(true);
          expect(issue.message.length).toBeGreaterThan(0);
          expect(issue.message).not.toMatch(/\n\s+at /); // no stack trace in a message
        }
      }),
      { numRuns: 1000 },
    );
  });
});
