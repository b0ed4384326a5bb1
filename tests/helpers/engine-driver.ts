import { screenView } from '../../src/commands/exam-driver.js';
import { startEngine, step, type EngineState } from '../../src/exam/engine.js';
import { startExam } from '../../src/exam/session.js';
import type { SessionDriver } from '../../src/ui/views.js';

/** A driver over the real engine for prompt tests, with a clock the test holds still. */
export function engineDriver(items: Parameters<typeof startExam>[0], mode: 'exam' | 'practice', limitMs: number | null): SessionDriver & { state: () => EngineState } {
  let state = startEngine(startExam(items, mode, limitMs), 0);
  return {
    view: () => screenView(state),
    dispatch: (action) => {
      state = step(state, action, 1000).state;
    },
    get finished() {
      return state.end !== null;
    },
    state: () => state,
  };
}
