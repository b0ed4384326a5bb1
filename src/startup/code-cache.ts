/**
 * A V8 code cache for mrso's own built files (dist/*.cjs), in a private
 * per-user folder. Loaded by bin/mrso.cjs before the CLI, and built into one
 * small file of its own (dist/startup.cjs, scripts/build.mjs).
 *
 * Why mrso's own and not Node's (`module.enableCompileCache`): V8 compiles
 * most functions only when first called, and Node's compile cache is taken
 * when a file loads, so it holds the top-level code only and every function
 * a run calls is compiled again on every start. This cache is taken when the
 * process exits and holds what the run compiled: on Node 22 the first exam
 * question comes ~13 ms sooner and `stats` ends ~8 ms sooner (CONTRIBUTING.md,
 * Performance). Each command keeps its own entries, since `mrso exam` and
 * `mrso stats` run different code from the same files.
 *
 * - Private folder only (files/safe-dir.ts): what is in it runs as the user,
 *   so a folder anyone else can write turns the cache off.
 * - V8 checks an entry's format, V8 version, flags and length, but matches it
 *   to the source by the source's length only. So an entry is named by its
 *   source file's signature (signature.ts: device, inode, size, modify and
 *   change times, as git's index does), and recorded only once the file has
 *   settled: an edited or rebuilt file never runs another's code. Hashing the
 *   sources would cost more than the cache saves (node:crypto and node:zlib
 *   take 2–3 ms to load).
 * - Entries are written whole (synced temp file, then rename): V8 does not
 *   checksum its code cache. Any failure only means compiling as usual.
 */
import { closeSync, constants, fstatSync, openSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, type BigIntStats } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { basename, dirname, sep } from 'node:path';
import { Script } from 'node:vm';
import { privateCacheDir } from '../files/safe-dir.js';
import { replaceFile } from '../files/replace-file.js';
import { hasSettled, lastChangeMs, statSignature } from '../bank-source/signature.js';

/**
 * Called by bin/mrso.cjs before the CLI loads, with the folder of the built
 * CLI. Off with --debug (stack traces then map through Node's own loader) and
 * with NODE_DISABLE_COMPILE_CACHE=1, as for Node's cache.
 */
export function startCodeCache(argv: readonly string[], codeDir: string, env: NodeJS.ProcessEnv = process.env): void {
  if (argv.includes('--debug') || env['MRSO_DEBUG'] === '1' || env['NODE_DISABLE_COMPILE_CACHE'] === '1') return;
  try {
    const cacheDir = privateCacheDir('code', env);
    if (cacheDir) useCodeCache({ codeDir, cacheDir, kind: commandOf(argv) });
  } catch {
    // Only a speed-up (say, no home folder to put it in): the CLI loads as usual.
  }
}

export interface CodeCacheOptions {
  /** The built files' folder: its .cjs files are compiled through the cache; others load as usual. */
  codeDir: string;
  /** A folder only this user can write (the caller checks it). */
  cacheDir: string;
  /** What this run does (the command): runs of one kind share entries. */
  kind: string;
  now?: number;
}

/** The command a run names (`mrso --bank b exam -c 5` → exam): the first word that is neither an option nor a global option's value. */
export function commandOf(argv: readonly string[]): string {
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--bank' || arg === '--db') i++;
    else if (!arg.startsWith('-')) return /^[a-z][a-z-]{0,19}$/.test(arg) ? arg : 'other';
  }
  return 'none';
}

type Loader = (module: NodeModule, filename: string) => void;

/** Entries not used for a month are removed; using an entry renews it once a week. */
const KEEP_MS = 30 * 86_400_000;
const RENEW_MS = 7 * 86_400_000;
/** How the built files require each other: "./name.cjs", all in one folder. */
const OWN_FILE = /^\.\/[\w.-]+\.cjs$/;
/** A usage error (a mistyped command or flag) leaves nothing behind: its "command" may be any word. */
const USAGE_EXIT = 2;

export function useCodeCache(options: CodeCacheOptions): void {
  const moduleInternals = Module as unknown as { _extensions: Record<string, Loader>; _cache: Record<string, NodeModule> };
  const extensions = moduleInternals._extensions;
  const loaded = moduleInternals._cache;
  const plain = extensions['.js']!;
  const now = options.now ?? Date.now();
  const toSave: { script: Script; path: string }[] = [];

  const run = (module: NodeModule, filename: string): void => {
    const { bytes, stat } = readWithStat(filename);
    const source = bytes.toString('utf8');
    const settled = hasSettled(lastChangeMs(stat), now);
    const path = `${options.cacheDir}${sep}${basename(filename)}-${statSignature(stat).join('-')}-${options.kind}-${process.version}-${process.arch}.v8`;
    const cachedData = readEntry(path, now);
    const script = new Script(Module.wrap(source), { filename, ...(cachedData ? { cachedData } : {}) });
    if (settled && (!cachedData || script.cachedDataRejected)) toSave.push({ script, path });
    const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
    wrapper.call(module.exports, module.exports, requireFor(module), module, filename, options.codeDir);
  };

  // The built files' requires of each other skip Node's resolution (a stat, a realpath and a
  // package.json lookup each, about 0.2 ms a file); anything else goes to the usual require.
  const requireFor = (parent: NodeModule): NodeJS.Require => {
    let usual: NodeJS.Require | undefined;
    const usualRequire = () => (usual ??= createRequire(parent.filename));
    const require = (request: string): unknown => {
      if (!OWN_FILE.test(request)) return usualRequire()(request);
      const filename = options.codeDir + sep + request.slice(2); // not join(): it normalizes, which shows in a profile
      const known = loaded[filename];
      if (known) return known.exports;
      const module = new Module(filename, parent) as NodeModule;
      module.filename = filename;
      module.paths = parent.paths;
      loaded[filename] = module; // before it runs, as Node does, so that a cycle gets the partial exports
      try {
        run(module, filename);
      } catch (error) {
        delete loaded[filename];
        throw error;
      }
      module.loaded = true;
      return module.exports;
    };
    const resolve = Object.assign((request: string, opts?: { paths?: string[] }) => usualRequire().resolve(request, opts), {
      paths: (request: string) => usualRequire().resolve.paths(request),
    });
    return Object.assign(require, { resolve, cache: loaded, extensions, main: process.mainModule }) as NodeJS.Require;
  };

  extensions['.cjs'] = (module, filename) => (dirname(filename) === options.codeDir ? run(module, filename) : plain(module, filename));

  process.once('exit', (code) => {
    if (toSave.length === 0 || code === USAGE_EXIT) return;
    try {
      // Synced: V8 does not checksum its code cache, so a power cut must not leave an entry on unwritten blocks.
      for (const { script, path } of toSave) replaceFile(path, script.createCachedData(), { durable: true, mode: 0o600 });
      pruneEntries(options.cacheDir, now);
    } catch {
      // Only a speed-up: a folder that cannot be written means compiling next time too.
    }
  });
}

/** A file's bytes and stat, both through one descriptor (`flags`: how to open it). */
function readWithStat(path: string, flags: number | string = 'r'): { bytes: Buffer; stat: BigIntStats } {
  const fd = openSync(path, flags);
  try {
    const stat = fstatSync(fd, { bigint: true });
    // A FIFO or a device is never read (an entry is a regular file; the folder is private: belt and braces).
    return { stat, bytes: stat.isFile() ? readFileSync(fd) : Buffer.alloc(0) };
  } finally {
    closeSync(fd);
  }
}

/** The cached code, or undefined when there is none (or it is not a regular file). */
function readEntry(path: string, now: number): Buffer | undefined {
  let entry: { bytes: Buffer; stat: BigIntStats };
  try {
    // Never through a symlink, and never blocked on a FIFO.
    entry = readWithStat(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  if (!entry.stat.isFile()) return undefined;
  if (now - Number(entry.stat.mtimeMs) > RENEW_MS) {
    try {
      utimesSync(path, now / 1000, now / 1000);
    } catch {
      // not renewed: compiled again once it is pruned
    }
  }
  return entry.bytes;
}

/** Entries of other builds and Node versions (and stray temp files) go once unused for a month. */
function pruneEntries(dir: string, now: number): void {
  for (const name of readdirSync(dir)) {
    const path = `${dir}${sep}${name}`;
    try {
      if (now - statSync(path).mtimeMs > KEEP_MS) rmSync(path, { force: true });
    } catch {
      // gone already: another mrso pruned it
    }
  }
}
