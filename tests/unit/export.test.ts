import { describe, expect, it } from 'vitest';
import type { Module } from '../../src/bank/schema.js';
import { toAnki, toCsv, toMarkdown, type ExportCard } from '../../src/cards/export.js';

/** RFC 4180 reader as Anki's and spreadsheet importers read: a quoted field may hold separators, CR, LF and "" for a quote. */
function parseDelimited(text: string, sep: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === sep) {
      row.push(field);
      field = '';
    }
    else if (ch === '\r' || ch === '\n') {
      // An unquoted CR, LF or CRLF ends the record.
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const nasty = 'a\rb\nc\r\nd\te "q" <b>bold</b> & x|y, z';
const module: Module = { number: 3, title: 'Tricky <title>', weight: 100, objectives: ['o'], topics: { 'top-ic': { title: 'T', domain: 'physics' } } } as unknown as Module;
const cards: ExportCard[] = [
  { id: `m3-card-001`, module: 3, topic: 'top-ic', front: `front ${nasty}`, back: `back ${nasty}`, refs: [`ref ${nasty}`] },
  { id: 'm3-card-002', module: 3, topic: 'top-ic', front: 'plain', back: 'plain back', refs: ['R'] },
];

describe('exports with CR, LF, tab, quotes and HTML in every field', () => {
  it('keeps each card one Anki note, every field intact', () => {
    const text = toAnki(cards, [module]);
    const body = text.split('\n').filter((l) => l.startsWith('#')).length;
    const notes = parseDelimited(text.split('\n').slice(body).join('\n'), '\t');
    expect(notes).toHaveLength(2);
    expect(notes[0]).toEqual([cards[0]!.id, 'mrso::03 Tricky <title>', cards[0]!.front, `${cards[0]!.back}\n\nRef: ${cards[0]!.refs[0]}`, 'mrso m3 top-ic']);
    expect(notes[1]![2]).toBe('plain');
  });

  it('names no note type or field (Anki translates them): the columns map by position', () => {
    const headers = toAnki(cards, [module]).split('\n').filter((l) => l.startsWith('#'));
    expect(headers.some((h) => /^#(notetype|columns):/.test(h))).toBe(false);
    expect(headers).toContain('#guid column:1');
  });

  it('keeps each card one CSV record', () => {
    const [header, ...rows] = parseDelimited(toCsv(cards), ',');
    expect(header).toEqual(['id', 'module', 'topic', 'front', 'back', 'refs']);
    expect(rows).toEqual(cards.map((c) => [c.id, String(c.module), c.topic, c.front, c.back, c.refs.join('; ')]));
  });

  it('keeps each card one Markdown table row, with HTML shown as text', () => {
    const md = toMarkdown(cards, [module]);
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Question'));
    expect(rows).toHaveLength(2);
    expect(md).not.toMatch(/\r/);
    expect(rows[0]).toContain('a<br>b<br>c<br>d e "q" &lt;b&gt;bold&lt;/b&gt; &amp; x\\|y, z');
    expect(rows[0]!.split(/(?<!\\)\|/)).toHaveLength(4);
  });
});
