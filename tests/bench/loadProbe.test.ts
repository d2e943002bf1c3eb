// The start-up probe, run as the benchmark runs it (from the build, in a fresh node): with a stored table the
// bot starts without importing the NLP library; the guard does trip when start-up has to extract.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeStartup, startFlags } from '../../src/bench/run.ts';
import { Dataset } from '../../src/store/dataset.ts';

let dir: string;
let seedsDir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dossier-probe-'));
  seedsDir = path.join(dir, 'seeds');
  await cp(path.resolve('seeds'), seedsDir, { recursive: true });
  await Dataset.open({ seedsDir, dataFile: path.join(dir, 'facts.json'), warm: false });
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('start-up probe', () => {
  it('loads a stored table without the NLP library, and reports its timings', async () => {
    const probe = await probeStartup(seedsDir, path.join(dir, 'facts.json'), { guard: true });
    expect(probe.withoutNlp).toBe(true);
    expect(probe.logs).toEqual([]);
    // Run with npm start's node flags (the young generation's size).
    expect(probe.nodeFlags).toEqual(startFlags());
    expect(startFlags()).toContain('--max-semi-space-size=64');
    expect(probe.openMs).toBeGreaterThan(0);
    expect(probe.readyMs).toBeGreaterThanOrEqual(probe.scriptStartMs + probe.importMs + probe.openMs - 1);
  }, 60_000);

  it('fails under the guard when start-up has to extract (no stored table)', async () => {
    await expect(probeStartup(seedsDir, path.join(dir, 'missing.json'), { guard: true })).rejects.toThrow(/imported the NLP library: compromise/);
  }, 60_000);

  it('without the guard, reports nothing about the NLP library', async () => {
    const probe = await probeStartup(seedsDir, path.join(dir, 'facts.json'));
    expect(probe.withoutNlp).toBe(false);
    expect(probe.logs).toEqual([]);
  }, 60_000);
});
