// Start-up's staleness check: is anything in the seeds folder newer than the stored table? It runs on a worker
// thread (seedsChangedSince) and, if that cannot start, in this thread (changedSince): both must agree.
import * as fs from 'node:fs';
import { appendFile, mkdir, mkdtemp, rm, unlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFromDir } from '../../src/extract/index.ts';
import { Dataset } from '../../src/store/dataset.ts';
import { changedSince, seedsChangedSince } from '../../src/store/staleness.ts';
import { writeTable } from '../../src/store/tableFile.ts';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'dossier-stale-'));
});
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

const ARTICLE = 'Trade minister defects\n\nJorund Pell, the Kestova trade minister, defected on Monday, officials said.\n';
const past = (minutes: number) => new Date(Date.now() - minutes * 60_000);

/** A seeds folder and a table file, everything dated an hour ago except what `change` touches afterwards. */
async function folder(name: string, change: (dir: string) => Promise<void>): Promise<{ dir: string; table: string }> {
  const dir = path.join(root, name, 'seeds');
  const table = path.join(root, name, 'facts.json');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'a.txt'), ARTICLE);
  await writeFile(path.join(dir, 'b.txt'), ARTICLE.replace('Monday', 'Tuesday'));
  await writeFile(table, '{}');
  for (const f of ['a.txt', 'b.txt']) await utimes(path.join(dir, f), past(120), past(120));
  await utimes(dir, past(120), past(120));
  await utimes(table, past(60), past(60));
  await change(dir);
  return { dir, table };
}

const cases: Array<{ name: string; change: (dir: string) => Promise<void>; changed: boolean }> = [
  { name: 'nothing touched since the table', change: async () => undefined, changed: false },
  {
    name: 'a file edited in place (the folder keeps its date)',
    change: async (dir) => {
      await appendFile(path.join(dir, 'b.txt'), 'More.\n');
      await utimes(dir, past(120), past(120));
    },
    changed: true,
  },
  { name: 'a file added', change: (dir) => writeFile(path.join(dir, 'c.txt'), ARTICLE), changed: true },
  { name: 'a file removed (only the folder is newer)', change: (dir) => unlink(path.join(dir, 'a.txt')), changed: true },
  {
    name: 'a file older than the table copied in with its old date (the folder says so)',
    change: async (dir) => {
      await writeFile(path.join(dir, 'c.txt'), ARTICLE);
      await utimes(path.join(dir, 'c.txt'), past(300), past(300));
    },
    changed: true,
  },
];

describe('is the seeds folder newer than the table', () => {
  it.each(cases)('$name: $changed', async ({ name, change, changed }) => {
    const { dir, table } = await folder(name.replace(/\W+/g, '-'), change);
    expect(await seedsChangedSince(dir, table)).toBe(changed);
    expect(changedSince(fs, path, dir, fs.statSync(table).mtimeMs)).toBe(changed);
  });

  it('no table file: rejects (start-up then says there is no table)', async () => {
    await expect(seedsChangedSince(root, path.join(root, 'missing.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a missing seeds folder: rejects instead of calling the table fresh', async () => {
    const { table } = await folder('no-folder', async () => undefined);
    await expect(seedsChangedSince(path.join(root, 'nowhere'), table)).rejects.toThrow();
  });
});

describe('Dataset.open', () => {
  it('re-extracts when a seed was edited after the table was written, and serves the stored table otherwise', async () => {
    const dir = path.join(root, 'open', 'seeds');
    const dataFile = path.join(root, 'open', 'facts.json');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'a.txt'), ARTICLE);
    await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ 'a.txt': { published: '2014-05-06', outlet: 'Kestova Post' } }));
    await writeTable(dataFile, { ...(await extractFromDir(dir)), generatedAt: 'stored' });
    for (const f of ['a.txt', 'manifest.json']) await utimes(path.join(dir, f), past(120), past(120));
    await utimes(dir, past(120), past(120));

    const logs: string[] = [];
    const fresh = await Dataset.open({ seedsDir: dir, dataFile, log: (m) => logs.push(m) });
    expect(fresh.table.generatedAt).toBe('stored');
    expect(logs).toEqual([]);

    await appendFile(path.join(dir, 'a.txt'), '\nHe said he was leaving.\n');
    await utimes(dir, past(120), past(120));
    const edited = await Dataset.open({ seedsDir: dir, dataFile, log: (m) => logs.push(m) });
    expect(logs.join('\n')).toMatch(/the seeds folder changed since it was written/);
    expect(edited.table.generatedAt).not.toBe('stored');
    expect(edited.table.articles[0]!.text).toContain('He said he was leaving.');
  });
});
