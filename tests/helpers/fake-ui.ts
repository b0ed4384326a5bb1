import { keyAction, type KeyPress } from '../../src/ui/exam-keys.js';
import { renderScreen, reviewPageSize } from '../../src/ui/render-exam.js';
import { plainTheme } from '../../src/ui/theme.js';
import { PromptAborted, type CardAction, type SessionDriver, type Ui } from '../../src/ui/views.js';

/**
 * One scripted step: a key name as the terminal reports it ("a", "return",
 * "escape", "S-b" for Shift+B), a wait that moves the clock on (the prompt's
 * timer ticks), Ctrl-C, or the answer to a yes/no question.
 */
export type Step = string | { wait: number } | { interrupt: true } | { confirm: boolean };

/** A clock the test moves by hand. */
export class FakeClock {
  constructor(public now = Date.UTC(2026, 11, 7, 15, 0, 0)) {}
  readonly read = (): number => this.now;
}

/**
 * A terminal stand-in for command tests: keys go through the real key map
 * and engine, every screen is rendered (plain, at `width` x `height`) and
 * kept, and a prompt the script did not expect fails the test.
 */
export class FakeUi implements Ui {
  readonly interactive = true;
  readonly screens: string[] = [];
  readonly printed: string[] = [];

  constructor(
    private readonly script: Step[],
    private readonly clock: FakeClock,
    readonly width = 80,
    readonly height = 24,
  ) {}

  get lastScreen(): string {
    return this.screens.at(-1) ?? '';
  }

  get left(): Step[] {
    return [...this.script];
  }

  print(text: string): void {
    this.printed.push(text);
  }

  async session(driver: SessionDriver): Promise<void> {
    this.capture(driver);
    while (!driver.finished) {
      const step = this.script.shift();
      if (step === undefined) throw new Error(`the script ended while the session still shows:\n${this.lastScreen}`);
      if (typeof step === 'object' && 'confirm' in step) throw new Error(`expected a yes/no question, but the session shows:\n${this.lastScreen}`);
      if (typeof step === 'object' && 'interrupt' in step) throw new PromptAborted('interrupt');
      if (typeof step === 'object' && 'wait' in step) {
        // The prompt's timer ticks once a second.
        for (let waited = 0; waited < step.wait && !driver.finished; waited += 1000) {
          this.clock.now += Math.min(1000, step.wait - waited);
          driver.dispatch({ type: 'tick' });
        }
      } else {
        const key: KeyPress = step.startsWith('S-')
          ? { name: step.slice(2), shift: true, sequence: step.slice(2).toUpperCase() }
          : step === 'space'
            ? { name: 'space', sequence: ' ' }
            : { name: step.toLowerCase(), ...(step.length === 1 ? { sequence: step } : {}), ...(step.length === 1 && step !== step.toLowerCase() ? { shift: true } : {}) };
        const action = keyAction(driver.view(), key, reviewPageSize(this.height));
        if (!action) throw new Error(`key "${step}" does nothing on this screen:\n${this.lastScreen}`);
        driver.dispatch(action);
      }
      this.capture(driver);
    }
  }

  async confirm(message: string): Promise<boolean> {
    const step = this.script.shift();
    if (typeof step === 'object' && 'interrupt' in step) throw new PromptAborted('interrupt');
    if (typeof step !== 'object' || !('confirm' in step)) throw new Error(`unexpected question: ${message}`);
    this.printed.push(`? ${message} ${step.confirm ? 'yes' : 'no'}`);
    return step.confirm;
  }

  async flashcard(): Promise<CardAction> {
    throw new Error('unexpected flashcard prompt');
  }

  private capture(driver: SessionDriver): void {
    if (!driver.finished) this.screens.push(renderScreen(driver.view(), plainTheme, this.width, this.height));
  }
}
