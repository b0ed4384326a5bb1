import { eastAsianWidth } from 'get-east-asian-width';

/**
 * The one width-aware text layout every screen, report and help text uses:
 * wrap at word boundaries (a word is cut only when it is wider than the
 * whole line), hanging indents for wrapped list items, and tables whose
 * columns line up under their headers. Widths are terminal columns, not
 * string lengths: colour codes take none, wide characters take two.
 *
 * Why not string-width and wrap-ansi: string-width builds an Intl.Segmenter
 * when it is loaded, which costs 30–60 ms of every start (more than a whole
 * `node -e 0`). Widths here are summed per code point from the same East
 * Asian Width data it uses; mrso's text has no grapheme clusters that this
 * would miscount (no emoji ZWJ sequences or Hangul jamo in the bank).
 */

// Colour (SGR) sequences, the only escapes mrso's own output carries.
const SGR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
let zeroWidth: RegExp | undefined;
let pictographic: RegExp | undefined;

function codePointWidth(char: string): number {
  const cp = char.codePointAt(0)!;
  if (cp >= 0x20 && cp < 0x7f) return 1;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  // Compiled at first use: most text is ASCII and never needs them.
  zeroWidth ??= /^[\p{Mn}\p{Me}\p{Cf}]$/u;
  pictographic ??= /^\p{Extended_Pictographic}$/u;
  if (zeroWidth.test(char)) return 0;
  if (cp >= 0x1f000 && pictographic.test(char)) return 2;
  return eastAsianWidth(cp);
}

/** Narrowest layout mrso supports; a narrower terminal still gets this width. */
export const MIN_WIDTH = 60;
/** Widest text mrso lays out: longer lines are harder to read, whatever the terminal. */
export const MAX_WIDTH = 100;

/** Columns a string takes on screen (colour codes take none). */
export function visibleWidth(text: string): number {
  const plain = text.includes('\x1b') ? text.replace(SGR, '') : text;
  if (PRINTABLE_ASCII.test(plain)) return plain.length; // one column a character: no loop over code points
  let width = 0;
  for (const char of plain) width += codePointWidth(char);
  return width;
}

/**
 * The width to lay out for: `COLUMNS` when set (as shells and `COLUMNS=80 mrso …` do),
 * else the terminal's own width, else 80; kept within MIN_WIDTH..MAX_WIDTH.
 */
export function layoutWidth(env: NodeJS.ProcessEnv = process.env, terminalColumns?: number): number {
  const fromEnv = Number(env['COLUMNS']);
  const columns = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : terminalColumns && terminalColumns > 0 ? terminalColumns : 80;
  return Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, columns));
}

export interface WrapOptions {
  /** Put before the first line. */
  first?: string;
  /** Put before every later line (a hanging indent); defaults to spaces as wide as `first`. */
  rest?: string;
}

/**
 * Wrap text to `width` columns at word boundaries, paragraph by paragraph
 * (a newline in the text starts a new line). With `first`/`rest`, wrapped
 * lines hang under the text, not under the prefix: "  B  a choice whose
 * text runs on" continues below "a choice".
 */
export function wrap(text: string, width: number, options: WrapOptions = {}): string {
  const first = options.first ?? '';
  const rest = options.rest ?? ' '.repeat(visibleWidth(first));
  const room = Math.max(10, width - Math.max(visibleWidth(first), visibleWidth(rest)));
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    const flat = paragraph.replace(/[ \t]+/g, ' ').trim();
    lines.push(...wrapWords(flat, room));
  }
  return lines.map((line, i) => (i === 0 ? first : rest) + line).join('\n').replace(/[ ]+$/gm, '');
}

// A number ("3", "1.5", "3,000", "(2") and a unit after it ("T", "W/kg", "mL/min", "°C", "ms"): never split across lines.
const NUMBER = /^[([~≈<>≤≥±+−-]?\d+(?:[.,]\d+)*$/;
const UNIT = /^(?:[µμ]?[A-Z][A-Za-z]{0,3}|[µμ]?[mkcµμ]?[gmsLl]|Ω|°[CF]?|%|min|mins|ms|kg|cm|mm|ppm|h|hr|hrs|[^\s/]+\/\S+)[).,;:!?]*$/;
// An inline command ("mrso exam --resume 3", "mrso config set examDate YYYY-MM-DD"): its words stay together too.
const COMMAND_GROUPS = new Set(['bank', 'config', 'help', 'set', 'get']);
const CODE_LIKE = /^-|\d|[A-Z]{2}|[./=_]|^[a-z]+[A-Z]/;

/** Words that belong together on one line: a number with its unit, an inline command with its arguments. */
function glue(words: string[]): string[][] {
  const groups: string[][] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (NUMBER.test(word) && i + 1 < words.length && UNIT.test(words[i + 1]!)) {
      groups.push([word, words[++i]!]);
      continue;
    }
    if (word !== 'mrso' || i + 1 >= words.length || !/^[a-z]+$/.test(words[i + 1]!)) {
      groups.push([word]);
      continue;
    }
    // "mrso", its command, and what follows it while that reads as code: a flag, its value, a group's subcommand, an id.
    const group = [word, words[++i]!];
    while (i + 1 < words.length) {
      const next = words[i + 1]!;
      const prev = group.at(-1)!;
      const isArgument = CODE_LIKE.test(next) || (/^-/.test(prev) && !/^-/.test(next)) || (COMMAND_GROUPS.has(prev) && /^[a-z]+$/.test(next));
      if (!isArgument) break;
      group.push(next);
      i++;
      // The command ends with the sentence: "…run mrso cards again." keeps "again." out; "--resume 3." ends it.
      if (/[.,;:!?)]$/.test(next)) break;
    }
    groups.push(group);
  }
  return groups;
}

/**
 * Lines of at most `room` columns, broken between words; only a word wider
 * than a whole line is cut. A number and its unit, or an inline command,
 * moves to the next line whole; if it is wider than a line itself, it
 * breaks between its words as any text does.
 */
function wrapWords(text: string, room: number): string[] {
  if (text === '') return [''];
  const lines: string[] = [];
  let line = '';
  let width = 0;
  const place = (word: string, w: number) => {
    if (line !== '' && width + 1 + w <= room) {
      line += ` ${word}`;
      width += 1 + w;
      return;
    }
    if (line !== '') lines.push(line);
    [line, width] = [word, w];
    while (width > room) {
      // A word wider than the line (a long URL): the one case where a word is cut.
      let cut = '';
      let cutWidth = 0;
      for (const char of line) {
        const cw = codePointWidth(char);
        if (cutWidth + cw > room) break;
        cut += char;
        cutWidth += cw;
      }
      lines.push(cut);
      line = line.slice(cut.length);
      width = visibleWidth(line);
    }
  };
  for (const group of glue(text.split(' '))) {
    const joined = group.join(' ');
    const w = visibleWidth(joined);
    if (group.length === 1 || w <= room) place(joined, w);
    else for (const word of group) place(word, visibleWidth(word));
  }
  lines.push(line);
  return lines;
}

/**
 * Shorten text to at most `width` columns, at a word boundary, with an
 * ellipsis; text that fits is returned as it is. A first word wider than
 * the room is the one case where a word is cut.
 */
export function shorten(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (visibleWidth(flat) <= width) return flat;
  if (width <= 1) return '…'.slice(0, Math.max(0, width));
  const words = flat.split(' ');
  let out = '';
  for (const word of words) {
    const next = out ? `${out} ${word}` : word;
    if (visibleWidth(next) + 1 > width) break;
    out = next;
  }
  if (out === '') {
    // One word wider than the room: cut it (the only way it can fit).
    let cut = '';
    for (const ch of flat) {
      if (visibleWidth(cut + ch) + 1 > width) break;
      cut += ch;
    }
    out = cut;
  }
  return `${out.replace(/[\s,;:.–—-]+$/, '')}…`;
}

/** Pad to `width` columns (by visible width) on the right, or on the left for `align: 'right'`. */
export function pad(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const gap = Math.max(0, width - visibleWidth(text));
  return align === 'right' ? ' '.repeat(gap) + text : text + ' '.repeat(gap);
}

export interface Column {
  header: string;
  align?: 'left' | 'right';
  /**
   * The one column that takes the width left over (a title): its text is
   * wrapped at word boundaries onto continuation lines, or shortened with an
   * ellipsis when `shorten` is set. Other columns are as wide as their widest cell.
   */
  flex?: boolean;
  shorten?: boolean;
  /** The flex column never gets fewer columns than this (default 12). */
  min?: number;
}

/**
 * A table whose cells line up under their headers, fitted to `width`:
 * fixed columns take their widest cell, the flex column the rest. Cells may
 * carry colour. Returns the header line and the rows, without a trailing newline.
 */
export function table(columns: Column[], rows: string[][], width: number, options: { indent?: string; gap?: string; styleHeader?: (s: string) => string } = {}): string[] {
  const indent = options.indent ?? '';
  const gap = options.gap ?? '  ';
  const widths = columns.map((c, i) => Math.max(visibleWidth(c.header), ...rows.map((r) => visibleWidth(r[i] ?? ''))));
  const flexAt = columns.findIndex((c) => c.flex);
  if (flexAt >= 0) {
    const others = widths.reduce((s, w, i) => (i === flexAt ? s : s + w), 0);
    const room = width - visibleWidth(indent) - others - visibleWidth(gap) * (columns.length - 1);
    widths[flexAt] = Math.max(columns[flexAt]!.min ?? 12, Math.min(widths[flexAt]!, room));
  }
  const line = (cells: string[]) => indent + cells.map((cell, i) => (i === cells.length - 1 && columns[i]!.align !== 'right' ? cell : pad(cell, widths[i]!, columns[i]!.align))).join(gap).replace(/[ ]+$/, '');
  const header = line(columns.map((c) => c.header));
  const out = [options.styleHeader ? options.styleHeader(header) : header];
  for (const row of rows) {
    if (flexAt < 0) {
      out.push(line(row));
      continue;
    }
    const flexText = row[flexAt] ?? '';
    const column = columns[flexAt]!;
    const parts = column.shorten ? [shorten(flexText, widths[flexAt]!)] : wrap(flexText, widths[flexAt]!).split('\n');
    parts.forEach((part, k) => out.push(line(row.map((cell, i) => (i === flexAt ? part : k === 0 ? cell : '')))));
  }
  return out;
}
