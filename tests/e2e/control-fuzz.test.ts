import fc from 'fast-check';
import { cpSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMALL_BANK, runCli, tempDir } from '../helpers/cli.js';

let home: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir: home, cleanup } = tempDir('mrso-fuzz-'));
});
afterAll(() => cleanup());

/** Every kind of text field a bank has, by a literal it holds in the fixture bank. */
const FIELDS = [
  { file: '01-one.yaml', text: 'How many gauss are in one tesla?' }, // stem
  { file: '01-one.yaml', text: '"10,000"' }, // choice
  { file: '01-one.yaml', text: 'One tesla is 10,000 gauss; 1 mT is 10 G.' }, // explanation
  { file: '01-one.yaml', text: 'Fixture reference A' }, // ref
  { file: '01-one.yaml', text: 'How many gauss make one tesla?' }, // card front
  { file: 'modules.yaml', text: 'Fixture module one' }, // module title
  { file: 'modules.yaml', text: '"Alpha topic"' }, // topic title
  { file: 'modules.yaml', text: 'Answer fixture questions' }, // objective
  { file: 'name', text: '01-one' }, // a bank file's name
];

const piece = fc.constantFrom(
  '\u001b', '\u001b]52;c;cHduZWQ=\u0007', '\u001b]0;title\u001b\\', '\u001b[2J', '\u001b[1A', '\u009b', '\u009d', '\u0085', '\u0090',
  '\u0007', '\u0008', '\r', '\u000b', '\u007f', '\u0000', '\u200b', '\u202e', '\u2066', 'x', ' ', ';', '[', ']',
);

/** ESC and C1, the bytes that start a terminal command. */
const ESCAPES = ['\u001b', ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x80 + i))];

describe('control characters in a bank never reach the terminal (fuzz)', () => {
  it('prints no ESC or C1 byte from bank check, an exam or the guide, whatever a text field holds', () => {
    let round = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: FIELDS.length - 1 }), fc.array(piece, { minLength: 1, maxLength: 8 }), (field, pieces) => {
        const bank = `${home}/bank${round++}`;
        cpSync(SMALL_BANK, bank, { recursive: true });
        const f = FIELDS[field]!;
        const injected = `Text ${pieces.join('')} end`;
        if (f.file === 'name') {
          renameSync(`${bank}/01-one.yaml`, `${bank}/01-one${pieces.join('').split('\u0000').join('').split('/').join('')}.yaml`);
        } else {
          const path = `${bank}/${f.file}`;
          const yaml = readFileSync(path, 'utf8');
          // JSON's string syntax is YAML's double-quoted scalar: the control characters go in as escapes.
          writeFileSync(path, yaml.replace(f.text, JSON.stringify(injected)));
        }
        const env = { MRSO_DB: `${home}/h${round}.db` };
        for (const [args, input] of [[['bank', 'check'], ''], [['exam', '--count', '3', '--seed', '1'], '1\n1\n1\n'], [['guide'], '']] as const) {
          const result = runCli(['--bank', bank, ...args], { home, env, input });
          const out = result.stdout + result.stderr;
          const found = ESCAPES.find((c) => out.includes(c));
          expect(found, `${args.join(' ')} printed U+${found?.codePointAt(0)?.toString(16)} for ${JSON.stringify(injected)} in ${f.file}`).toBeUndefined();
          expect(result.code === 0 || result.code === 1).toBe(true);
        }
      }),
      { numRuns: 12, seed: 20261207 },
    );
  }, 120_000);
});
