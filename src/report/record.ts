import { createHmac } from 'node:crypto';

/** What a completion record certifies: the attempt's answers as re-marked against the bank, and how it was taken. */
export interface RecordData {
  attemptId: number;
  name: string;
  /** This history's public id: a record names the installation that issued it. */
  installation: string;
  /** The bank the answers were marked against: its content hash, and whether it is the bank mrso ships. */
  bank: { hash: string; shipped: boolean };
  startedAt: string;
  finishedAt: string;
  timeLimitS: number;
  elapsedMs: number;
  correct: number;
  total: number;
  passed: boolean;
  /** Module titles are shown, not certified: a renamed module does not change the code. */
  modules: { number: number; title: string; correct: number; total: number }[];
  answers: { position: number; itemId: string; itemHash: string; response: string | null; correct: boolean }[];
}

export const RECORD_VERSION = 'mrso-record-v2';

/** A canonical text of the attempt: one line per fact, answers in position order. */
export function canonicalForm(r: RecordData): string {
  const lines = [
    RECORD_VERSION,
    `installation ${r.installation}`,
    `attempt ${r.attemptId}`,
    `name ${r.name}`,
    `bank ${r.bank.hash} ${r.bank.shipped ? 'shipped' : 'custom'}`,
    `started ${r.startedAt}`,
    `finished ${r.finishedAt}`,
    `time ${r.timeLimitS} ${r.elapsedMs}`,
    `score ${r.correct}/${r.total}`,
    ...r.modules.map((m) => `module ${m.number} ${m.correct}/${m.total}`),
  ];
  for (const a of [...r.answers].sort((x, y) => x.position - y.position)) {
    lines.push(`${a.position}\t${a.itemId}\t${a.itemHash}\t${a.response ?? '-'}\t${a.correct ? 1 : 0}`);
  }
  return `${lines.join('\n')}\n`;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** HMAC-SHA256 of the canonical form with the install's secret, as 24 Crockford base32 characters in groups of four. */
export function verificationCode(r: RecordData, secret: string): string {
  const digest = createHmac('sha256', secret).update(canonicalForm(r)).digest();
  let bits = '';
  for (const byte of digest.subarray(0, 15)) bits += byte.toString(2).padStart(8, '0');
  const chars = bits.match(/.{5}/g)!.map((b) => CROCKFORD[parseInt(b, 2)]!).join('');
  return `MRSO-${chars.match(/.{4}/g)!.join('-')}`;
}

export function normaliseCode(text: string): string {
  const body = text.toUpperCase().replace(/^MRSO-?/, '').replace(/[^0-9A-Z]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return `MRSO-${(body.match(/.{1,4}/g) ?? []).join('-')}`;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The parts of a record file verify reads back; the code covers all but the titles. */
export interface EmbeddedRecord {
  version: string;
  attemptId: number;
  name: string;
  installation: string;
  bank: { hash: string; shipped: boolean };
  finishedAt: string;
  correct: number;
  total: number;
  code: string;
  titles: Record<string, string>;
}

const minutes = (seconds: number) => `${Math.round(seconds / 60)} min`;
const clock = (ms: number) => {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
};

/** The record as a self-contained, printable HTML page; the same inputs always give the same bytes. */
export function recordHtml(r: RecordData, code: string): string {
  const pct = (c: number, t: number) => (t === 0 ? '–' : `${Math.round((100 * c) / t)}%`);
  const date = r.finishedAt.slice(0, 10);
  const embedded: EmbeddedRecord = {
    version: RECORD_VERSION,
    attemptId: r.attemptId,
    name: r.name,
    installation: r.installation,
    bank: r.bank,
    finishedAt: r.finishedAt,
    correct: r.correct,
    total: r.total,
    code,
    titles: Object.fromEntries(r.modules.map((m) => [String(m.number), m.title])),
  };
  const rows = r.modules.map((m) => `      <tr><td>${m.number}</td><td>${esc(m.title)}</td><td>${m.correct}/${m.total}</td><td>${pct(m.correct, m.total)}</td></tr>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>MRSO practice completion record — ${esc(r.name)}</title>
<style>
  body { font-family: Georgia, serif; max-width: 46rem; margin: 2rem auto; color: #111; }
  h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
  .note { border: 2px solid #b00; padding: 0.6rem 0.8rem; color: #700; }
  table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
  td, th { border-bottom: 1px solid #ccc; padding: 0.3rem; text-align: left; }
  code { font-size: 1.1rem; letter-spacing: 0.05em; }
  @media print { .note { break-inside: avoid; } }
</style>
<script type="application/json" id="mrso-record">${JSON.stringify(embedded).replace(/</g, '\\u003c')}</script>
</head>
<body>
  <h1>Practice completion record</h1>
  <p>MR Safety Officer (MRSO) mock examination in <em>mrso</em></p>
  <p class="note"><strong>This is a practice record, not an ABMRS certification.</strong> mrso is not affiliated with or endorsed by the American Board of Magnetic Resonance Safety.</p>
  <table>
    <tr><th>Name</th><td data-field="name">${esc(r.name)}</td></tr>
    <tr><th>Date</th><td data-field="date">${date}</td></tr>
    <tr><th>Score</th><td data-field="score">${r.correct}/${r.total} (${pct(r.correct, r.total)}) — ${r.passed ? 'passed' : 'not passed'} at a 70% pass mark</td></tr>
    <tr><th>Exam</th><td data-field="exam">timed mock exam of ${r.total} items from every module; time limit ${minutes(r.timeLimitS)}, time used ${clock(r.elapsedMs)}</td></tr>
    <tr><th>Bank</th><td data-field="bank">${r.bank.shipped ? 'the question bank shipped with mrso' : 'a custom question bank'}, content hash ${r.bank.hash.slice(0, 16)}</td></tr>
    <tr><th>Attempt</th><td data-field="attempt">#${r.attemptId} of installation ${r.installation}</td></tr>
  </table>
  <h2>By module</h2>
  <table>
    <thead><tr><th>#</th><th>Module</th><th>Correct</th><th>Percent</th></tr></thead>
    <tbody>
${rows}
    </tbody>
  </table>
  <p>Verification code: <code data-field="code">${code}</code></p>
  <h2>What this record proves, and what it cannot</h2>
  <p><small>The score above is every recorded answer of this attempt marked again against the bank items it was drawn from
  (each named by its content hash). <code>mrso verify FILE</code> or <code>mrso verify ${code}</code>, run on the installation
  that issued it, checks that the record matches that history and that bank: the code is an HMAC-SHA256 of every answer with a
  secret kept in the history. It cannot prove more: the person who holds the history controls both the history and the
  computer, so no third party can verify this record independently, and nothing here shows who sat the exam.</small></p>
</body>
</html>
`;
}

/** The machine-readable part of a record file, if any (with the version it names, so an older record is told apart). */
export function readEmbedded(html: string): EmbeddedRecord | { version: string } | null {
  const match = /<script type="application\/json" id="mrso-record">([\s\S]*?)<\/script>/.exec(html);
  if (!match) return null;
  try {
    const data = JSON.parse(match[1]!) as Record<string, unknown>;
    if (typeof data['version'] !== 'string') return null;
    if (data['version'] !== RECORD_VERSION) return { version: data['version'] };
    const bank = data['bank'] as Record<string, unknown> | undefined;
    const ok =
      typeof data['attemptId'] === 'number' && typeof data['name'] === 'string' && typeof data['code'] === 'string' && typeof data['installation'] === 'string' &&
      typeof data['finishedAt'] === 'string' && typeof data['correct'] === 'number' && typeof data['total'] === 'number' &&
      typeof bank === 'object' && bank !== null && typeof bank['hash'] === 'string' && typeof bank['shipped'] === 'boolean' &&
      typeof data['titles'] === 'object' && data['titles'] !== null && Object.values(data['titles']).every((t) => typeof t === 'string');
    return ok ? (data as unknown as EmbeddedRecord) : null;
  } catch {
    return null;
  }
}
