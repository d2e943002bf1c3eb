// A refresh costs what changed: unchanged seeds are recognised without extracting; a change is extracted.
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warmSteps } from '../../src/answer/index.ts';
import { generateCorpus, writeCorpus } from '../../src/bench/generate.ts';
import { extractFromDir } from '../../src/extract/index.ts';
import { readSeeds } from '../../src/extract/load.ts';
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

describe('reading a large folder again costs what changed', () => {
  it('a file with the same size and modification time is not read again; a touched, new or removed one is', async () => {
    const seeds = path.join(dir, 'stamps');
    await mkdir(seeds, { recursive: true });
    const files = { 'a.txt': 'Kestova minister Ivo Ban defected on Monday.\n', 'b.txt': 'Kestova envoy Lia Sorn resigned on Friday.\n', 'c.txt': '' };
    for (const [f, text] of Object.entries(files)) await writeFile(path.join(seeds, f), text);
    // A whole-second time, so the test can put it back exactly.
    const a = path.join(seeds, 'a.txt');
    const mtime = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    await utimes(a, mtime, mtime);
    const first = await readSeeds(seeds);
    expect(first.articles.map((x) => x.id)).toEqual(['a', 'b']);
    expect(first.warnings.map((w) => w.article)).toContain('c');

    // Same length, same time: taken as unchanged (the stamp is all that is checked, as make and git do).
    await writeFile(a, files['a.txt'].replace('Ivo', 'Eva'));
    await utimes(a, mtime, mtime);
    const second = await readSeeds(seeds, first);
    expect(second.articles[0]!.raw).toContain('Ivo Ban');

    // Touched, added, removed: read again, and the result equals a fresh read.
    await utimes(a, mtime, new Date(mtime.getTime() + 5000));
    await writeFile(path.join(seeds, 'd.txt'), 'Kestova general Ode Marr fled on Sunday.\n');
    await rm(path.join(seeds, 'b.txt'));
    const third = await readSeeds(seeds, second);
    expect(third.articles.map((x) => x.id)).toEqual(['a', 'd']);
    expect(third.articles[0]!.raw).toContain('Eva Ban');
    const fresh = await readSeeds(seeds);
    expect({ articles: third.articles, warnings: third.warnings }).toEqual({ articles: fresh.articles, warnings: fresh.warnings });
  });
});

describe('a refresh serves the new table before storing it', () => {
  it('reports when it was served, and if storing fails the new table is still served and the report says so', async () => {
    const seeds = path.join(dir, 'store-fails');
    await cp('seeds', seeds, { recursive: true });
    const dataFile = path.join(dir, 'store-fails-data', 'facts.json');
    const logs: string[] = [];
    const ds = await Dataset.open({ seedsDir: seeds, dataFile, log: (m) => logs.push(m) });
    await writeFile(path.join(seeds, '900_new.txt'), 'Zaria\'s ambassador to Ostland, Milo Drenk, has defected, officials said.\n');
    const ok = await ds.refresh();
    expect(ok.ok).toBe(true);
    expect(ok.servedMs).toBeLessThanOrEqual(ok.durationMs);
    expect(JSON.stringify(await readFile(dataFile, 'utf8'))).toContain('Milo Drenk');

    // The table file's place is taken by a folder: the write cannot land.
    await rm(dataFile);
    await mkdir(path.join(dataFile, 'in-the-way'), { recursive: true });
    await writeFile(path.join(seeds, '901_new.txt'), 'Zaria\'s envoy to Ostland, Tova Renn, has resigned, officials said.\n');
    const report = await ds.refresh();
    expect(report.ok).toBe(true);
    expect(report.people.added).toContain('Tova Renn');
    expect(ds.table.people.some((p) => p.name === 'Tova Renn')).toBe(true);
    expect(report.warnings.map((w) => w.message).join('\n')).toMatch(/the new table is served but could not be stored \(.+\); a restart rebuilds it from the seeds/);
    expect(logs.join('\n')).toMatch(/could not be stored/);
  }, 120_000);
});

describe('the served index is built in the background', () => {
  it('after whenWarm() nothing is left to build', async () => {
    const ds = await Dataset.open({ seedsDir: path.join(dir, 'seeds'), dataFile: path.join(dir, 'data', 'facts.json') });
    await ds.whenWarm();
    let left = 0;
    for (const _ of warmSteps(ds.index)) left++;
    expect(left).toBeLessThanOrEqual(3); // only the pauses between the name parts
  });

  it('a script waiting for the warm-up is kept alive until it ends', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'tests/store/warm.child.ts', path.join(dir, 'seeds'), path.join(dir, 'data', 'facts.json')], { encoding: 'utf8', timeout: 60_000 });
    expect(child.stderr).toBe('');
    expect(child.stdout).toBe('warm\n');
    expect(child.status).toBe(0);
  }, 60_000);
});

describe('a running bot prepares its next refresh in the background', () => {
  // A generated corpus: one dataset per case, all opened from the same stored table and cache.
  const corpus = generateCorpus({ articles: 26, seed: 'prepare' });
  const held = corpus.files.slice(24);
  const open = async (label: string, options: { prepareRefresh?: boolean; warm?: boolean }) => {
    const root = path.join(dir, `prepare-${label}`);
    await writeCorpus(path.join(root, 'seeds'), { ...corpus, files: corpus.files.slice(0, 24) }, { planted: false });
    const files = { seedsDir: path.join(root, 'seeds'), dataFile: path.join(root, 'data', 'facts.json') };
    // The table is extracted and stored by a first start; the dataset under test is a restart that loads it.
    await Dataset.open({ ...files, warm: false });
    const logged: string[] = [];
    const ds = await Dataset.open({ ...files, log: (m) => logged.push(m), ...options });
    expect(logged.filter((l) => l.includes('extracting'))).toEqual([]);
    return { root, ds, logged };
  };
  const add = (ds: Dataset, k: number) => {
    const f = held[k]!;
    return ds.addArticle({ fileName: f.file, bytes: Buffer.from(f.text), published: corpus.manifest[f.file]!.published, outlet: corpus.manifest[f.file]!.outlet });
  };
  const withoutTime = (t: Dataset['table']) => ({ ...t, generatedAt: '' });

  it.each([
    { label: 'prepared', options: { prepareRefresh: true }, prepared: true },
    { label: 'not asked to', options: {}, prepared: false },
    { label: 'one-shot (no background work)', options: { prepareRefresh: true, warm: false }, prepared: false },
  ])('$label: the first refresh after start reuses the earlier articles only when prepared, and its table equals a fresh extraction', async ({ label, options, prepared }) => {
    const { root, ds, logged } = await open(label.split(' ')[0]!, options);
    await ds.whenWarm();
    await ds.whenPrepared();
    expect(logged.some((l) => l.includes('the next refresh is prepared'))).toBe(prepared);
    const report = await add(ds, 0);
    expect(report.ok).toBe(true);
    // Most of the 24 earlier articles are reused (one naming a person the new article also names is read again).
    expect(report.reused!.of).toBe(25);
    if (prepared) expect(report.reused!.articles).toBeGreaterThanOrEqual(20);
    else expect(report.reused!.articles).toBe(0);
    const fresh = await extractFromDir(path.join(root, 'seeds'));
    expect(withoutTime({ ...ds.table, sourceFingerprint: undefined })).toEqual(withoutTime({ ...fresh, sourceFingerprint: undefined }));
  }, 120_000);

  it('a change asked while the preparation runs waits for it, then starts from it', async () => {
    const { root, ds, logged } = await open('during', { prepareRefresh: true });
    // The preparation takes its turn once the index is warm; a change asked right then waits behind it.
    await ds.whenWarm();
    const asked = add(ds, 1);
    expect(logged.some((l) => l.includes('the next refresh is prepared'))).toBe(false);
    const report = await asked;
    expect(report.ok).toBe(true);
    expect(report.reused!.articles).toBeGreaterThanOrEqual(20);
    const fresh = await extractFromDir(path.join(root, 'seeds'));
    expect(withoutTime({ ...ds.table, sourceFingerprint: undefined })).toEqual(withoutTime({ ...fresh, sourceFingerprint: undefined }));
  }, 120_000);
});
