// A refresh costs what changed: unchanged seeds are recognised without extracting; a change is extracted.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dataset } from '../../src/store/dataset.ts';
import { seedsFingerprint } from '../../src/store/fingerprint.ts';

let dir: string;
let dataset: Dataset;
const log: string[] = [];
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dossier-refresh-'));
  await cp('seeds', path.join(dir, 'seeds'), { recursive: true });
  dataset = await Dataset.open({ seedsDir: path.join(dir, 'seeds'), dataFile: path.join(dir, 'data', 'facts.json'), log: (m) => log.push(m) });
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('refresh and the seeds fingerprint', () => {
  it('the served table records what it was made from', async () => {
    expect(dataset.table.sourceFingerprint).toBe(await seedsFingerprint(path.join(dir, 'seeds')));
  });

  it('an unchanged folder: ok, nothing changed, no extraction, same table object', async () => {
    const before = dataset.table;
    log.length = 0;
    const report = await dataset.refresh();
    expect(report).toMatchObject({ ok: true, articles: { added: [], removed: [], changed: [] }, people: { added: [], removed: [] } });
    expect(dataset.table).toBe(before);
    expect(log).toEqual(['[dataset] refresh: the seeds are unchanged']);
  });

  it('a new article changes the fingerprint and is extracted', async () => {
    await writeFile(path.join(dir, 'seeds', '900_new.txt'), 'Zaria\'s ambassador to Ostland, Milo Drenk, has defected, officials said.\n');
    log.length = 0;
    const report = await dataset.refresh();
    expect(report.ok).toBe(true);
    expect(report.articles.added).toEqual(['900_new']);
    expect(report.people.added).toContain('Milo Drenk');
    expect(log.some((l) => l.startsWith('[dataset] refreshed:'))).toBe(true);
  });
});
