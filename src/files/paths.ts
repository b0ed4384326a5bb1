import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where history lives by default: the platform's per-user data folder. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env['LOCALAPPDATA'] ?? join(homedir(), 'AppData', 'Local'), 'mrso', 'Data');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'mrso');
  const xdg = env['XDG_DATA_HOME'];
  return join(xdg && xdg.startsWith('/') ? xdg : join(homedir(), '.local', 'share'), 'mrso');
}

export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(defaultDataDir(env), 'history.db');
}

/** The bank shipped with the package: <package>/questions. */
export function shippedBankDir(): string {
  // dist/files/paths.js -> package root is two levels up.
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'questions');
}
