/** FSRS memory state of one card as stored (dates as ISO strings). */
export interface MemoryState {
  due: string;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: number;
  last_review: string | null;
}

/**
 * Never reviewed. ts-fsrs numbers its states New = 0, Learning, Review,
 * Relearning; the number is written here so that reports can tell new cards
 * without loading the scheduler (tests hold it to ts-fsrs's own State.New).
 */
export const isNew = (memory: MemoryState | undefined): boolean => !memory || memory.state === 0;
