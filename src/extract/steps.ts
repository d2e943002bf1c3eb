// Long corpus passes written as generators that yield between units of work (an article, a name part), so
// the same code runs in one go (a refresh a moderator waits for) or spread over turns of the event loop
// (work done in the background of a running bot, where questions must not wait behind it). Tight loops yield
// once every 64 units (`if ((++step & 63) === 0) yield`): a yield per unit cost about a fifth of the time.
import { setImmediate as nextTurn } from 'node:timers/promises';

export type Steps<T> = Generator<void, T, void>;

/** Runs steps to the end, synchronously. */
export function runSteps<T>(steps: Steps<T>): T {
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/**
 * Runs steps to the end, giving the event loop a turn after each `sliceMs` milliseconds of work. `turn` is what
 * a turn awaits: by default one pass of the event loop; a caller may also wait there (while something else runs).
 */
export async function runSliced<T>(steps: Steps<T>, sliceMs: number, turn: () => Promise<unknown> = () => nextTurn()): Promise<T> {
  let until = performance.now() + sliceMs;
  let step = steps.next();
  while (!step.done) {
    if (performance.now() >= until) {
      await turn();
      until = performance.now() + sliceMs;
    }
    step = steps.next();
  }
  return step.value;
}

/** Runs steps in one go without `sliceMs`, in slices with it. */
export function runMaybeSliced<T>(steps: Steps<T>, sliceMs: number | undefined): T | Promise<T> {
  return sliceMs === undefined ? runSteps(steps) : runSliced(steps, sliceMs);
}
