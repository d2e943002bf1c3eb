// Incremental extraction: the per-article cache and the worker pool give the same table as a plain run.
import { cp, mkdtemp, rm, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleCache } from '../../src/extract/cache.js';
import { extractFromDirWithStats } from '../../src/extract/index.js';
import { readSeeds } from '../../src/extract/load.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dossier-cache-'));
  await cp('seeds', path.join(dir, 'seeds'), { recursive: true });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const withoutTime = <T extends { generatedAt: string }>(t: T) => ({ ...t, generatedAt: '' });

describe('per-article cache', () => {
  it('prepares every article once, then reads unchanged ones back and re-prepares a changed one', async () => {
    const seeds = path.join(dir, 'seeds');
    const cacheDir = path.join(dir, 'cache');
    const first = await extractFromDirWithStats(seeds, { cacheDir, workers: 1 });
    expect(first.stats).toMatchObject({ articles: 5, fromCache: 0, prepared: 5 });
    const second = await extractFromDirWithStats(seeds, { cacheDir, workers: 1 });
    expect(second.stats).toMatchObject({ fromCache: 5, prepared: 0 });
    expect(withoutTime(second.table)).toEqual(withoutTime(first.table));

    const file = path.join(seeds, '002_70af7e54198c2116.txt');
    await writeFile(file, 'Zaria\'s ambassador to Ostland, Milo Drenk, has defected, officials said.\n');
    const third = await extractFromDirWithStats(seeds, { cacheDir, workers: 1 });
    expect(third.stats).toMatchObject({ fromCache: 4, prepared: 1 });
    expect(third.table.people.some((p) => p.name === 'Milo Drenk')).toBe(true);
  });

  it('a new extractor version uses a fresh cache', async () => {
    const { articles } = await readSeeds('seeds');
    const old = new ArticleCache(path.join(dir, 'v-cache'), '0.0.1');
    await old.put(articles[0]!, { id: 'x', file: 'x', outlet: null, published: null, title: '', hash: '', text: '', paragraphs: [], dropped: [], sentences: [] });
    expect(await old.get(articles[0]!)).not.toBeNull();
    const current = new ArticleCache(path.join(dir, 'v-cache'), '0.0.2');
    expect(await current.get(articles[0]!)).toBeNull();
    expect(await readdir(path.join(dir, 'v-cache'))).toEqual(['v0.0.1']);
  });
});

describe('reuse between refreshes (a running bot)', () => {
  it('a second extraction from the state of the first prepares nothing, reuses every article and gives the same table', async () => {
    const first = await extractFromDirWithStats('seeds', { workers: 1 });
    expect(first.stats).toMatchObject({ prepared: 5, reused: 0 });
    expect(first.state.articles.size).toBe(5);
    const second = await extractFromDirWithStats('seeds', { workers: 1, previous: first.state });
    expect(second.stats).toMatchObject({ prepared: 0, reused: 5 });
    expect(withoutTime(second.table)).toEqual(withoutTime(first.table));
  });
});

describe('worker pool', () => {
  it('gives the same table as one thread', async () => {
    const one = await extractFromDirWithStats('seeds', { workers: 1 });
    const two = await extractFromDirWithStats('seeds', { workers: 2 });
    expect(two.stats.workers).toBe(2);
    expect(withoutTime(two.table)).toEqual(withoutTime(one.table));
  }, 60_000);
});
