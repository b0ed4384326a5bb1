import type { Module } from '../bank/schema.js';
import type { BankCard } from '../bank/types.js';

/** Exports of the flashcards: Anki's plain-text import, RFC 4180 CSV, and a printable Markdown sheet. */

export function deckName(module: Module): string {
  return `mrso::${String(module.number).padStart(2, '0')} ${module.title}`;
}

/** A field for a tab-separated Anki file: quoted when it holds a tab, a newline or a quote. */
function ankiField(text: string): string {
  return /[\t\n"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Anki's "Text separated by tabs" import with file headers: a Basic note per
 * card, the card id as GUID (re-importing updates instead of duplicating),
 * one deck per module and tags for module and topic.
 */
export function toAnki(cards: BankCard[], modules: Module[]): string {
  const header = ['#separator:tab', '#html:false', '#notetype:Basic', '#guid column:1', '#deck column:2', '#tags column:5', '#columns:GUID\tDeck\tFront\tBack\tTags'];
  const rows = cards.map((c) => {
    const module = modules.find((m) => m.number === c.module)!;
    const back = `${c.back}\n\nRef: ${c.refs.join('; ')}`;
    return [c.id, deckName(module), c.front, back, `mrso m${c.module} ${c.topic}`].map(ankiField).join('\t');
  });
  return `${[...header, ...rows].join('\n')}\n`;
}

function csvField(raw: string): string {
  // A cell starting =, +, -, @ (or a tab or CR) is a formula to a spreadsheet: a leading ' keeps it text.
  const text = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180: CRLF line ends, a header row, fields quoted when needed. */
export function toCsv(cards: BankCard[]): string {
  const rows = [['id', 'module', 'topic', 'front', 'back', 'refs'], ...cards.map((c) => [c.id, String(c.module), c.topic, c.front, c.back, c.refs.join('; ')])];
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function mdCell(text: string): string {
  return escapeHtml(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** A printable two-column sheet per module (fold down the middle to self-test). */
export function toMarkdown(cards: BankCard[], modules: Module[]): string {
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
