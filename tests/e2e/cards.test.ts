import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { readBank } from '../../src/bank-source/open.js';
import { replay, type MemoryState, type RatingValue } from '../../src/cards/scheduler.js';
import { dayRule, systemOffset } from '../../src/days.js';
import { CLI, SMALL_BANK, hasTmux, runCli, tempDir } from '../helpers/cli.js';
import { TmuxSession } from '../helpers/tmux.js';

const { bank } = await readBank(SMALL_BANK);
let session: TmuxSession | undefined;
let cleanup: (() => void) | undefined;
afterEach(() => {
  session?.kill();
  // A CLI just killed in tmux may still be writing its code cache: a racing rmdir is no test failure.
  try {
    cleanup?.();
  } catch {
    // left for the OS to clear from tmp
  }
});

/** Split delimited text with RFC 4180 quoting: "" inside quotes is one quote; quoted fields may hold separators and newlines. */
function parseDelimited(text: string, sep: string, eol: RegExp): string[][] {
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
    } else if (eol.test(text.slice(i, i + 2)) || ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (text.slice(i, i + 2) === '\r\n') i++;
    } else field += ch;
  }
  return rows;
}

describe('flashcard exports', () => {
  it('writes an Anki import file whose notes read back as the bank\'s cards', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const result = runCli(['--bank', SMALL_BANK, 'cards', '--export', 'anki', '-o', `${t.dir}/deck.txt`], { home: t.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Wrote 6 cards to .*deck\.txt/);
    const text = readFileSync(`${t.dir}/deck.txt`, 'utf8');
    const headers = text.split('\n').filter((l) => l.startsWith('#'));
    // No note type or field names (Anki translates them): the columns fill the note's fields by position.
    expect(headers).toEqual(['#separator:tab', '#html:false', '#guid column:1', '#deck column:2', '#tags column:5']);
    const notes = parseDelimited(text.split('\n').filter((l) => !l.startsWith('#')).join('\n'), '\t', /^\r\n/).filter((r) => r.length > 1);
    expect(notes.map((n) => n[0])).toEqual(bank.cards.map((c) => c.id));
    for (const [id, deck, front, back, tags] of notes) {
      const card = bank.cardsById.get(id!)!;
      expect(front).toBe(card.front);
      expect(back).toBe(`${card.back}\n\nRef: ${card.refs.join('; ')}`);
      expect(deck).toMatch(new RegExp(`^mrso::0${card.module} Fixture module`));
      expect(tags).toBe(`mrso m${card.module} ${card.topic}`);
    }
  });

  it('writes RFC 4180 CSV that parses back to the bank\'s cards', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const result = runCli(['--bank', SMALL_BANK, 'cards', '--export', 'csv', '-o', '-'], { home: t.dir });
    expect(result.stdout).toContain('\r\n');
    const [header, ...rows] = parseDelimited(result.stdout, ',', /^\r\n/);
    expect(header).toEqual(['id', 'module', 'topic', 'front', 'back', 'refs']);
    expect(rows.map((r) => ({ id: r[0], front: r[3], back: r[4] }))).toEqual(bank.cards.map((c) => ({ id: c.id, front: c.front, back: c.back })));
  });

  it('writes a printable Markdown sheet with one table per module and escaped pipes', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const md = runCli(['--bank', SMALL_BANK, 'cards', '--export', 'md', '-o', '-'], { home: t.dir }).stdout;
    expect(md.match(/^## Module \d/gm)).toEqual(['## Module 1', '## Module 2']);
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Question'));
    expect(rows).toHaveLength(bank.cards.length);
    expect(md).toContain('commas, \\| pipes');
    expect(md).toContain('Line one<br>Line two');
  });
});

describe.skipIf(!hasTmux())('flashcard session in a real terminal', () => {
  it('reviews 5 new cards with ratings, logs each one, and next time shows only what is due', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const db = `${t.dir}/h.db`;
    const start = (args: string) =>
      TmuxSession.start(`exec env HOME=${t.dir} MRSO_DB=${db} FORCE_COLOR=0 ${process.execPath} ${CLI} --bank ${SMALL_BANK} cards ${args}`, { socket: `mrso-cards-${process.pid}` });

    session = start('--module 1 --new 5');
    const ratings: string[] = ['4', '4', '4', '4', '1'];
    for (let i = 0; i < 5; i++) {
      await session.waitFor(new RegExp(`Flashcards {2}· {2}${5 - i} new · 0 learning · 0 review {2}· {2}${i} done {2}· {2}\\d\\d:\\d\\d`));
      await session.press('Space', /1 Again · \S+ {3}2 Hard · \S+ {3}3 Good · \S+ {3}4 Easy · \S+/);
      session.keys(ratings[i]!);
    }
    // The card rated Again comes back when its learning step is up, not at once.
    await session.waitFor(/1 learning · 0 review {2}· {2}5 done[\s\S]*Next card in \d+ s/);
    session.keys('C-c');
    const summary = await session.waitFor(/rating\(s\) saved/);
    expect(summary).toMatch(/5 reviewed · again 20% · retained 80%/);
    session.kill();

    const sqlite = new Database(db, { readonly: true });
    const log = sqlite.prepare('SELECT item_id, rating, reviewed_at, retention, state_after FROM reviews ORDER BY id').all() as { item_id: string; rating: RatingValue; reviewed_at: string; retention: number; state_after: string }[];
    sqlite.close();
    expect(log).toHaveLength(5);
    // Every card's state can be rebuilt from the log alone.
    for (const id of new Set(log.map((r) => r.item_id))) {
      const own = log.filter((r) => r.item_id === id);
      const rebuilt = replay(own.map((r) => ({ rating: r.rating, at: new Date(r.reviewed_at), retention: r.retention })), dayRule(systemOffset, 4));
      expect(rebuilt).toEqual(JSON.parse(own.at(-1)!.state_after) as MemoryState);
    }

    // Restart: the four Easy cards are days away; only the Again card is due, after its step; no new cards are left in module 1.
    session = start('--module 1 --new 0');
    const again = log.find((r) => r.rating === 1)!.item_id;
    await session.waitFor(/0 new · 1 learning · 0 review {2}· {2}0 done[\s\S]*Next card in/);
    session.keys('Enter');
    const screen = await session.waitFor(/0 new · 1 learning[\s\S]*Space or Enter: show the answer/);
    expect(screen.replace(/\s+/g, ' ')).toContain(bank.cardsById.get(again)!.front.replace(/\s+/g, ' ').slice(0, 30));
  });

  it('applies keys typed ahead between cards in order, each to its own card, and undo and Ctrl-C still work', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const db = `${t.dir}/h.db`;
    session = TmuxSession.start(`env HOME=${t.dir} MRSO_DB=${db} FORCE_COLOR=0 ${process.execPath} ${CLI} --bank ${SMALL_BANK} cards --module 1 --new 5; echo EXIT=$?`, { socket: `mrso-cards-${process.pid}`, width: 80, height: 24 });
    await session.waitFor(/5 new · 0 learning · 0 review {2}· {2}0 done/);
    // A fast learner: three cards shown and rated in one write, none waiting for the screen.
    session.burst('Space', '3', 'Space', '4', 'Space', '3');
    await session.waitFor(/ {2}3 done {2}/);
    const rated = () => {
      const sqlite = new Database(db, { readonly: true });
      const rows = sqlite.prepare('SELECT item_id, rating FROM reviews ORDER BY id').all() as { item_id: string; rating: number }[];
      sqlite.close();
      return rows;
    };
    const log = rated();
    expect(log.map((r) => r.rating)).toEqual([3, 4, 3]);
    expect(new Set(log.map((r) => r.item_id)).size).toBe(3);
    // Undo takes back the last of them, and typed-ahead keys after it apply to the card it brings back.
    session.burst('u', 'Space', '2');
    for (let i = 0; i < 100 && rated().at(-1)?.rating !== 2; i++) await new Promise((r) => setTimeout(r, 100));
    expect(rated().map((r) => [r.item_id, r.rating])).toEqual([...log.slice(0, 2).map((r) => [r.item_id, r.rating]), [log[2]!.item_id, 2]]);
    session.keys('C-c');
    const end = await session.waitFor(/EXIT=\d+/);
    expect(end).toMatch(/stopped; 3 rating\(s\) saved/);
    expect(end).toMatch(/EXIT=130/);
    expect(end).not.toMatch(/unexpected error/);
  });

  it('redraws cleanly at the new width when the terminal shrinks from 120 to 80 columns mid-session', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const socket = `mrso-cards-${process.pid}`;
    session = TmuxSession.start(`exec env HOME=${t.dir} MRSO_DB=${t.dir}/h.db FORCE_COLOR=0 ${process.execPath} ${CLI} --bank ${SMALL_BANK} cards --module 1 --new 5`, { socket, width: 120, height: 40 });
    // The key line breaks after "are" at 120 columns (text is laid out 100 wide at most) and after "Ctrl-C:" at 80.
    await session.waitFor(/q quit · Ctrl-C: stop \(ratings are\s*\nsaved\)/);
    execFileSync('tmux', ['-L', socket, 'resize-window', '-t', session.name, '-x', '80', '-y', '24']);
    const visible = () => execFileSync('tmux', ['-L', socket, 'capture-pane', '-p', '-J', '-t', session!.name], { encoding: 'utf8' });
    const end = Date.now() + 5000;
    while (Date.now() < end && !/Ctrl-C:\n(\S.*\n)?stop \(ratings are saved\)/.test(visible().replace(/ +\n/g, '\n'))) await new Promise((r) => setTimeout(r, 100));
    const screen = visible();
    expect(screen.match(/Flashcards {2}·/g), screen).toHaveLength(1);
    expect(screen.match(/How many gauss/g), screen).toHaveLength(1);
    expect(screen.split('\n').filter((line) => [...line].length > 80), screen).toEqual([]);
    expect(screen).toMatch(/Ctrl-C:\s*\nstop \(ratings are saved\)/);
    session.keys('q');
  });
});
