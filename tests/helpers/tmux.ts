import { execFileSync } from 'node:child_process';

/**
 * A real pseudo-terminal via tmux: start a command in a detached session,
 * type keys, and read the rendered screen as a person would see it.
 */
export class TmuxSession {
  private constructor(
    readonly name: string,
    private readonly socket: string,
  ) {}

  static start(command: string, opts: { socket: string; width?: number; height?: number }): TmuxSession {
    const name = `mrso${process.pid}${Math.floor(Math.random() * 1e6)}`;
    execFileSync('tmux', ['-L', opts.socket, 'new-session', '-d', '-s', name, '-x', String(opts.width ?? 100), '-y', String(opts.height ?? 40), command]);
    execFileSync('tmux', ['-L', opts.socket, 'set-option', '-t', name, 'remain-on-exit', 'on']);
    return new TmuxSession(name, opts.socket);
  }

  keys(...keys: string[]): void {
    for (const key of keys) execFileSync('tmux', ['-L', this.socket, 'send-keys', '-t', this.name, key]);
  }

  /** Send several keys in one write, as a fast typist or a paste does. */
  burst(...keys: string[]): void {
    execFileSync('tmux', ['-L', this.socket, 'send-keys', '-t', this.name, ...keys]);
  }

  screen(): string {
    return execFileSync('tmux', ['-L', this.socket, 'capture-pane', '-p', '-S', '-200', '-t', this.name], { encoding: 'utf8' });
  }

  /** The screen with lines the terminal wrapped joined again: a line wider than the pane shows as one long line. */
  joinedScreen(): string {
    return execFileSync('tmux', ['-L', this.socket, 'capture-pane', '-p', '-J', '-t', this.name], { encoding: 'utf8' });
  }

  /** Wait until the screen matches, or fail with what the screen showed. */
  async waitFor(pattern: RegExp, timeoutMs = 10_000): Promise<string> {
    const end = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < end) {
      last = this.screen();
      if (pattern.test(last)) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`screen never matched ${pattern}; it shows:\n${last}`);
  }

  /** Type one key and wait until the screen shows its effect. */
  async press(key: string, expect: RegExp): Promise<string> {
    this.keys(key);
    return this.waitFor(expect);
  }

  panePid(): number {
    return Number(execFileSync('tmux', ['-L', this.socket, 'display-message', '-p', '-t', this.name, '#{pane_pid}'], { encoding: 'utf8' }).trim());
  }

  kill(): void {
    try {
      execFileSync('tmux', ['-L', this.socket, 'kill-server'], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  }
}
