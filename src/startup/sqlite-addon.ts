import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { embeddedNativeAddon } from './sea.js';

/**
 * Where better-sqlite3's compiled addon comes from: the executable's embedded
 * copy, else the build inside the installed package. dist/ bundles
 * better-sqlite3's JavaScript (a dozen files fewer to find and compile at
 * start-up), and its own lookup searches from the calling file, which is then
 * ours; so the addon is located here and passed in as `nativeBinding`.
 */
export function sqliteAddon(): string | object | undefined {
  // Looked up once per process: a command may open the database more than once.
  if (found === undefined) found = { addon: embeddedNativeAddon() ?? packageAddon() };
  return found.addon;
}

let found: { addon: string | object | undefined } | undefined;

function packageAddon(): string | undefined {
  try {
    const pkg = dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'));
    for (const build of ['Release', 'Debug']) {
      const file = join(pkg, 'build', build, 'better_sqlite3.node');
      if (existsSync(file)) return file;
    }
  } catch {
    // Not resolvable as a package: let better-sqlite3 look for its addon itself.
  }
  return undefined;
}
