import type { TodayView } from '../report/today.js';
import { visibleWidth, wrap } from './layout.js';
import type { Theme } from './theme.js';

/** Each line with its command at the end (or on the next line, indented, when both do not fit `width`). */
export function renderToday(view: TodayView, t: Theme, width: number): string {
  const out = [t.title(`mrso · ${view.today}`), ''];
  for (const line of view.lines) {
    const joined = `${line.text}  → ${line.command}`;
    if (visibleWidth(joined) <= width) out.push(`${line.text}  ${t.dim('→')} ${t.key(line.command)}`);
    else out.push(wrap(line.text, width), `  ${t.dim('→')} ${t.key(line.command)}`);
  }
  return out.join('\n');
}
