import { readFileSync } from 'node:fs';
import type { ProcessId } from '../store/sessions.js';

/**
 * A process named by its pid and its start time: a pid alone may be reused
 * by an unrelated process after the first is killed. Linux gives the start
 * time in /proc/<pid>/stat (field 22, clock ticks since boot); elsewhere the
 * pid alone is used ("?" for the start).
 */
export function processStart(pid: number): string | undefined {
  return procStat(pid)?.start;
}

/** Fields of /proc/<pid>/stat: the state (R, S, Z for a killed process not yet reaped…) and the start time. */
function procStat(pid: number): { state: string; start: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', start: fields[19] ?? '' };
  } catch {
    return undefined;
  }
}

export function thisProcess(): ProcessId {
  return { pid: process.pid, start: processStart(process.pid) ?? '?' };
}

/** Whether the process that took a claim is still running (the same process, not a reuse of its pid). */
export function isProcessRunning(holder: ProcessId): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = procStat(holder.pid);
  if (stat?.state === 'Z' || stat?.state === 'X') return false; // killed, not yet reaped: gone
  if (holder.start === '?' || stat === undefined) return true;
  return stat.start === holder.start;
}
