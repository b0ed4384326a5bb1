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

/** Anki's default leech threshold: a card forgotten this often is tagged a leech (rewrite it, or suspend it). */
export const LEECH_LAPSES = 8;

export const isLeech = (memory: MemoryState | undefined): boolean => !!memory && memory.lapses >= LEECH_LAPSES;

/** Leeches among the given items, most lapses first: for `mrso stats` and `mrso cards --suspended`. */
export function leeches(memory: Map<string, MemoryState>, ids?: Iterable<string>): { id: string; lapses: number }[] {
  const out: { id: string; lapses: number }[] = [];
  for (const id of ids ?? memory.keys()) {
    const m = memory.get(id);
    if (isLeech(m)) out.push({ id, lapses: m!.lapses });
  }
  return out.sort((a, b) => b.lapses - a.lapses || a.id.localeCompare(b.id));
}
