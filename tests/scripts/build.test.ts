// The build `npm start` runs (scripts/build.mjs): made once per set of sources, with every entry point, and an
// extraction worker that starts from it. (Running the bot from it: tests/discord/main.e2e.test.ts.)
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENTRIES, ensureBuilt, inputHash } from '../../scripts/build.mjs';
import { readSeeds } from '../../src/extract/load.ts';
import { deserialise, type PreparedArticle } from '../../src/extract/prepared.ts';

let dir: string;

beforeAll(async () => {
  dir = await ensureBuilt();
}, 120_000);

describe('scripts/build.mjs', () => {
  it('puts the build in a folder named after its inputs, with every entry and the worker boot file', () => {
    expect(path.basename(dir)).toBe(inputHash());
    for (const name of [...Object.keys(ENTRIES), 'worker-boot']) {
      expect(existsSync(path.join(dir, name === 'worker-boot' ? 'worker-boot.mjs' : `${name}.js`)), name).toBe(true);
    }
  });

  it('does not build again while the sources are unchanged', async () => {
    const logs: string[] = [];
    expect(await ensureBuilt({ log: (m) => logs.push(m) })).toBe(dir);
    expect(logs).toEqual([]);
  });

  it("starts an extraction worker from the build's worker-boot.mjs, as the pool does", async () => {
    const { articles } = await readSeeds('seeds');
    const raw = articles[0]!;
    const worker = new Worker(path.join(dir, 'worker-boot.mjs'));
    try {
      const reply = await new Promise<PreparedArticle[]>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.postMessage([raw]);
      });
      expect(reply).toHaveLength(1);
      const doc = deserialise(reply[0]!);
      expect(doc.id).toBe(raw.id);
      expect(doc.sentences.length).toBeGreaterThan(3);
    } finally {
      await worker.terminate();
    }
  }, 60_000);
});
