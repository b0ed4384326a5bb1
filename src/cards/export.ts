import type { Module } from '../bank/schema.js';

/** Exports of the flashcards: Anki's plain-text import, RFC 4180 CSV, and a printable Markdown sheet. */

export function deckName(module: Module): string {
  return `mrso::${String(module.number).padStart(2, '0')} ${module.title}`;
}

/** A card as exported: the bank's flashcards, or missed questions turned into cards. */
export interface ExportCard {
  id: string;
  module: number;
  topic: string;
  front: string;
  back: string;
  refs: string[];
}

/** Quoted whenever it holds a separator, a line break of any kind (CR too: a bare CR ends a record), a tab or a quote. */
function quoted(text: string, separator: string): string {
  return text.includes(separator) || /[\t\r\n"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Anki's "Text separated by tabs" import with file headers: one note per
 * card, the card id as GUID (re-importing updates instead of duplicating),
 * one deck per module and tags for module and topic. The two remaining
 * columns fill the note type's first two fields by position (front, back),
 * so the file imports the same into an Anki in any language: no note type
 * or field names, which Anki translates, are named.
 */
export function toAnki(cards: ExportCard[], modules: Module[]): string {
  const header = ['#separator:tab', '#html:false', '#guid column:1', '#deck column:2', '#tags column:5'];
  const rows = cards.map((c) => {
    const module = modules.find((m) => m.number === c.module)!;
    const back = `${c.back}\n\nRef: ${c.refs.join('; ')}`;
    return [c.id, deckName(module), c.front, back, `mrso m${c.module} ${c.topic}`].map((f) => quoted(f, '\t')).join('\t');
  });
  return `${[...header, ...rows].join('\n')}\n`;
}

function csvField(raw: string): string {
  // A cell starting =, +, -, @ (or a tab or CR) is a formula to a spreadsheet: a leading ' keeps it text.
  return quoted(/^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw, ',');
}

/** RFC 4180: CRLF line ends, a header row, fields quoted when needed. */
export function toCsv(cards: ExportCard[]): string {
  const rows = [['id', 'module', 'topic', 'front', 'back', 'refs'], ...cards.map((c) => [c.id, String(c.module), c.topic, c.front, c.back, c.refs.join('; ')])];
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** One table cell: backslash and pipe escaped, HTML shown as text, every line break (CRLF, LF or a bare CR) as <br>, a tab as a space. */
function mdCell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r\n|\r|\n/g, '<br>')
    .replace(/\t/g, ' ');
}

/** A printable two-column sheet per module (fold down the middle to self-test). */
export function toMarkdown(cards: ExportCard[], modules: Module[]): string {
  const out = ['# mrso flashcards', '', 'Not affiliated with ABMRS. Each card cites its source.', ''];
  for (const m of modules) {
    const own = cards.filter((c) => c.module === m.number);
    if (own.length === 0) continue;
    out.push(`## Module ${m.number} — ${escapeHtml(m.title)}`, '', '| Question | Answer |', '|---|---|');
    for (const c of own) out.push(`| ${mdCell(c.front)} | ${mdCell(c.back)} <br><sub>${mdCell(c.refs.join('; '))} · ${c.id}</sub> |`);
    out.push('');
  }
  return out.join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
