// The console and `npm run timeline`: the PNG is written to a file and its path printed.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { answerLine } from '../../src/cli/console.ts';
import { fixtureTable, MemoryDataset } from '../support/fixtureTable.ts';
import { ihdr } from './png.ts';

const run = promisify(execFile);
const dataset = new MemoryDataset(fixtureTable(3));

describe('console', () => {
  it('/timeline writes the PNG and prints its path after the listed marks and sources', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'timeline-console-'));
    const out = await answerLine('/timeline', dataset, { maxArticleBytes: 50_000, filesDir: dir });
    const m = /^Wrote timeline\.png: (.+\.png)$/m.exec(out);
    expect(m?.[1]?.startsWith(dir)).toBe(true);
    const png = readFileSync(m?.[1] ?? '');
    expect(ihdr(png).width).toBe(1100);
    expect(out).toMatch(/^1\. Tomas Ardelean, deputy energy minister: 30 Mar 2031 \[1\]/m);
    expect(out).toMatch(/Sources:\n {2}\[1\] vel_001 · Northwire · 2031-04-02/);
    // A second call does not overwrite the first file.
    const again = await answerLine('/timeline person:ardelean', dataset, { maxArticleBytes: 50_000, filesDir: dir });
    const m2 = /^Wrote timeline\.png: (.+\.png)$/m.exec(again);
    expect(m2?.[1]).not.toBe(m?.[1]);
    expect(existsSync(m?.[1] ?? '')).toBe(true);
  });

  it('no defection in the period: no file written, the plain answer only', async () => {
    const out = await answerLine('/timeline from:2090', dataset, { maxArticleBytes: 50_000, filesDir: mkdtempSync(join(tmpdir(), 'timeline-none-')) });
    expect(out).toMatch(/report no defection in that period/);
    expect(out).not.toMatch(/Wrote/);
  });
});

describe('npm run timeline', () => {
  it('--out FILE writes the PNG and prints the path; --from/--to/--person filter; bad input exits non-zero', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'timeline-cli-'));
    const file = join(dir, 'sub', 'seeds.png');
    const { stdout } = await run('npx', ['tsx', 'src/cli/timeline.ts', '--out', file, '--from', '2012', '--seeds', 'tests/fixtures/invented'], { timeout: 120_000 });
    expect(stdout.trim()).toBe(file);
    expect(ihdr(readFileSync(file)).width).toBe(1100);
    await expect(run('npx', ['tsx', 'src/cli/timeline.ts', '--out', file, '--from', 'whenever'], { timeout: 60_000 })).rejects.toMatchObject({ code: 2 });
    await expect(run('npx', ['tsx', 'src/cli/timeline.ts', '--bogus'], { timeout: 60_000 })).rejects.toMatchObject({ code: 2 });
  }, 180_000);
});
