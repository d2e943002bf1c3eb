// How long this thread has waited for a CPU while it was ready to run, from Linux's per-thread scheduler
// statistics (/proc/thread-self/schedstat: time on a CPU, time waiting on the run queue, in nanoseconds).
// The benchmark reads it around each timed answer: on a shared 2-core machine an answer that took 4 ms while
// its own code ran for a fraction of that was preempted, and the two causes are reported apart.
import { readFileSync } from 'node:fs';

const SCHEDSTAT = '/proc/thread-self/schedstat';

function readWaitMs(): number | null {
  try {
    const wait = Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[1]);
    return Number.isFinite(wait) ? wait / 1e6 : null;
  } catch {
    return null; // not Linux, or /proc is not mounted
  }
}

/** Milliseconds this thread has spent runnable but not running, so far; null where the kernel does not say. */
export const runQueueWaitMs: () => number | null = readWaitMs() === null ? () => null : readWaitMs;

/** Times `work` on the wall clock and reports how much of that the thread spent waiting for a CPU. */
export function timeWithWait(work: () => void): { ms: number; waitedMs: number | null } {
  const before = runQueueWaitMs();
  const started = performance.now();
  work();
  const ms = performance.now() - started;
  const after = runQueueWaitMs();
  return { ms, waitedMs: before === null || after === null ? null : Math.max(0, after - before) };
}
