/**
 * ABMRS does not publish the MRSO exam's time limit in any source we could
 * retrieve; 120 minutes for 100 items (72 s an item) is the allowance we use,
 * scaled to the count. `--time` overrides it. See README, "Time limit".
 */
export const SECONDS_PER_ITEM = 72;

export function defaultTimeLimitMinutes(count: number): number {
  return Math.max(1, Math.ceil((count * SECONDS_PER_ITEM) / 60));
}

export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}
