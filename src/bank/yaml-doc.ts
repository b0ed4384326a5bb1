import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { BankIssue } from './types.js';

/** A parsed YAML file that can say where any path inside it starts. */
export interface LocatedDoc {
  file: string;
  data: unknown;
  at(path: (string | number)[]): { line: number; col: number };
}

/** Parse one file; YAML syntax errors come back as issues with line and column. */
export function parseYamlFile(file: string, text: string): { doc?: LocatedDoc; issues: BankIssue[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  const issues: BankIssue[] = doc.errors.map((e) => {
    const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
    const message = firstLine(e.message).replace(/ at line \d+, column \d+:?$/, '');
    return { severity: 'error', file, line: pos.line, col: pos.col, message };
  });
  if (issues.length > 0) return { issues };
  let data: unknown;
  try {
    // maxAliasCount guards against "billion laughs" alias bombs.
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { issues: [{ severity: 'error', file, line: 1, col: 1, message: `cannot be read: ${firstLine(message)}` }] };
  }
  return { doc: { file, data, at: (path) => locate(doc, lineCounter, path) }, issues };
}

function locate(doc: Document, lc: LineCounter, path: (string | number)[]): { line: number; col: number } {
  for (let n = path.length; n >= 0; n--) {
    const node: unknown = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return lc.linePos(node.range[0]);
  }
  return { line: 1, col: 1 };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
