import { createHmac } from 'node:crypto';

/** What a completion record certifies, all from the recorded attempt. */
export interface RecordData {
  attemptId: number;
  name: string;
  startedAt: string;
  finishedAt: string;
  correct: number;
  total: number;
  passed: boolean;
  modules: { number: number; title: string; correct: number; total: number }[];
  answers: { position: number; itemId: string; itemHash: string; response: string | null; correct: boolean }[];
}

export const RECORD_VERSION = 'mrso-record-v1';

/** A canonical text of the attempt: one line per fact, answers in position order. */
export function canonicalForm(r: RecordData): string {
  const lines = [RECORD_VERSION, `attempt ${r.attemptId}`, `name ${r.name}`, `finished ${r.finishedAt}`, `score ${r.correct}/${r.total}`];
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

/** The record as a self-contained, printable HTML page; the same inputs always give the same bytes. */
export function recordHtml(r: RecordData, code: string): string {
  const pct = (c: number, t: number) => (t === 0 ? '–' : `${Math.round((100 * c) / t)}%`);
  const date = r.finishedAt.slice(0, 10);
  const embedded = JSON.stringify({ version: RECORD_VERSION, attemptId: r.attemptId, name: r.name, finishedAt: r.finishedAt, correct: r.correct, total: r.total, code });
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
<script type="application/json" id="mrso-record">${embedded.replace(/</g, '\\u003c')}</script>
</head>
<body>
  <h1>Practice completion record</h1>
  <p>MR Safety Officer (MRSO) mock examination in <em>mrso</em></p>
  <p class="note"><strong>This is a practice record, not an ABMRS certification.</strong> mrso is not affiliated with or endorsed by the American Board of Magnetic Resonance Safety.</p>
  <table>
    <tr><th>Name</th><td data-field="name">${esc(r.name)}</td></tr>
    <tr><th>Date</th><td data-field="date">${date}</td></tr>
    <tr><th>Score</th><td data-field="score">${r.correct}/${r.total} (${pct(r.correct, r.total)}) — ${r.passed ? 'passed' : 'not passed'} at a 70% pass mark</td></tr>
    <tr><th>Attempt</th><td data-field="attempt">#${r.attemptId}</td></tr>
  </table>
  <h2>By module</h2>
  <table>
    <thead><tr><th>#</th><th>Module</th><th>Correct</th><th>Percent</th></tr></thead>
    <tbody>
${rows}
    </tbody>
  </table>
  <p>Verification code: <code data-field="code">${code}</code></p>
  <p><small>Check with <code>mrso verify FILE</code> or <code>mrso verify ${code}</code> on the computer that holds the history:
  the code is derived from every recorded answer of this attempt (SHA-256 HMAC with that install's secret).</small></p>
</body>
</html>
`;
}

/** The machine-readable part of a record file, if any. */
export function readEmbedded(html: string): { attemptId: number; name: string; finishedAt: string; correct: number; total: number; code: string } | null {
  const match = /<script type="application\/json" id="mrso-record">([\s\S]*?)<\/script>/.exec(html);
  if (!match) return null;
  try {
    const data = JSON.parse(match[1]!) as Record<string, unknown>;
    if (data['version'] !== RECORD_VERSION || typeof data['attemptId'] !== 'number' || typeof data['name'] !== 'string' || typeof data['code'] !== 'string') return null;
    return data as never;
  } catch {
    return null;
  }
}
