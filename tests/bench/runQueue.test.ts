import { describe, expect, it } from 'vitest';
import { waitSplit, type WaitSplit } from '../../src/bench/run.js';
import { runQueueWaitMs, timeWithWait } from '../../src/bench/runQueue.js';

describe('run-queue wait around timed work', () => {
  it.runIf(process.platform === 'linux')('reads a growing total on Linux and times work on the wall clock', () => {
    const before = runQueueWaitMs();
    const timed = timeWithWait(() => {
      const until = performance.now() + 5;
      while (performance.now() < until);
    });
    const after = runQueueWaitMs();
    expect(before).toBeTypeOf('number');
    expect(after!).toBeGreaterThanOrEqual(before!);
    expect(timed.ms).toBeGreaterThanOrEqual(5);
    expect(timed.waitedMs).toBeGreaterThanOrEqual(0);
  });
});

describe('waitSplit', () => {
  const cases: Array<{ name: string; samples: Array<{ ms: number; waitedMs: number | null }>; expected: Partial<WaitSplit> | null }> = [
    {
      name: 'slow answers that waited are counted apart from the code’s own latency',
      samples: [
        { ms: 0.1, waitedMs: 0 },
        { ms: 0.2, waitedMs: 0 },
        { ms: 4.4, waitedMs: 4 },
        { ms: 0.3, waitedMs: 0.05 },
        { ms: 3.0, waitedMs: 0 },
      ],
      expected: { waited: 2, over2ms: 2, over2msWaited: 1 },
    },
    { name: 'no answers', samples: [], expected: null },
    { name: 'a platform without scheduler statistics', samples: [{ ms: 1, waitedMs: null }], expected: null },
  ];
  it.each(cases)('$name', ({ samples, expected }) => {
    const split = waitSplit(samples);
    if (expected === null) return expect(split).toBeNull();
    expect(split).toMatchObject(expected);
    // The latency of the answers that never waited covers exactly those answers.
    expect(split!.notWaited.n).toBe(samples.filter((s) => s.waitedMs === 0).length);
    expect(split!.notWaited.max).toBe(Math.max(...samples.filter((s) => s.waitedMs === 0).map((s) => s.ms)));
  });
});
