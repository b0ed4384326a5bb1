import { Chalk, type ChalkInstance } from 'chalk';

/** Colour by role, so screens say what a thing is, not which colour it has. */
export interface Theme {
  title(s: string): string;
  key(s: string): string;
  good(s: string): string;
  bad(s: string): string;
  warn(s: string): string;
  flag(s: string): string;
  dim(s: string): string;
  selected(s: string): string;
  strong(s: string): string;
}

/** Colour only on a terminal, never with NO_COLOR; FORCE_COLOR wins over both. */
export function colourLevel(env: NodeJS.ProcessEnv, isTTY: boolean): 0 | 1 | 2 | 3 {
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '') {
    const n = Number(force);
    if (force === 'false' || n === 0) return 0;
    return n >= 1 && n <= 3 ? (n as 1 | 2 | 3) : 1;
  }
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return 0;
  if (!isTTY || env['TERM'] === 'dumb') return 0;
  return 1;
}

export function makeTheme(level: 0 | 1 | 2 | 3): Theme {
  const c: ChalkInstance = new Chalk({ level });
  return {
    title: (s) => c.bold.cyan(s),
    key: (s) => c.bold(s),
    good: (s) => c.green(s),
    bad: (s) => c.red(s),
    warn: (s) => c.yellow(s),
    flag: (s) => c.magenta(s),
    dim: (s) => c.dim(s),
    selected: (s) => c.inverse(s),
    strong: (s) => c.bold(s),
  };
}

export const plainTheme: Theme = makeTheme(0);
