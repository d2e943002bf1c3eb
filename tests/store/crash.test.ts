// Nothing lost: the table file survives a writer killed part-way (SIGKILL of a child process in the middle of
// writeTable), and start-up copes with a corrupt or half-written table: rebuild from the seeds, or, when that
// fails, serve the last good table (.prev.json) and log it; never start empty without saying why.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, truncate, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTRACTOR_VERSION } from '../../src/extract/version.ts';
import type { FactTable } from '../../src/facts/schema.ts';
import { Dataset } from '../../src/store/dataset.ts';
import { encodeTable, previousFileOf, readTable, removeStaleTemps, writeTable } from '../../src/store/tableFile.ts';
import { fixtureTable } from '../support/fixtureTable.ts';

const GOOD = [
  'Kestova trade minister defects',
  '',
  'Jorund Pell, the Kestova trade minister, defected on Monday and fled to Norland, officials said.',
].join('\n');

let root: string;

function baseTable(label: string): FactTable {
  return { ...fixtureTable(0), extractorVersion: EXTRACTOR_VERSION, generatedAt: label };
}

async function seedsWith(name: string, files: Record<string, string | Buffer>): Promise<string> {
  const dir = path.join(root, name);
  await mkdir(dir, { recursive: true });
  const manifest: Record<string, unknown> = {};
  for (const [file, body] of Object.entries(files)) {
    await writeFile(path.join(dir, file), body);
    manifest[file] = { published: '2014-05-06', outlet: 'Kestova Post' };
  }
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

/** Make the seeds folder look older than the table, so Dataset.open serves the stored table without extracting. */
async function ageSeeds(dir: string): Promise<void> {
  const old = new Date(Date.now() - 3_600_000);
  for (const f of await readdir(dir)) await utimes(path.join(dir, f), old, old);
  await utimes(dir, old, old);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'dossier-crash-'));
});
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('a writer killed part-way (SIGKILL) never leaves a broken table', () => {
  // Kill when the temp file of the third write has reached this many bytes (0 = as soon as it exists); -1 = at
  // once when the third write is announced, which lands while the previous table is being kept as .prev.json.
  const ROUNDS = [-1, 0, 1 << 20, 20 << 20];
  const outcomes: Array<{ killAt: number; loaded: string; partialTemp: boolean }> = [];

  for (const killAt of ROUNDS) {
    it(`kill ${killAt < 0 ? 'as the third write of a ~40 MB table starts' : `when the temp file of a ~40 MB table holds ${killAt} bytes`}: the table and .prev.json still load`, async () => {
      const dir = path.join(root, `kill-${killAt}`);
      const file = path.join(dir, 'facts.json');
      await mkdir(dir, { recursive: true });
      await writeTable(file, baseTable('small-0'));
      const child = spawn(process.execPath, ['--import', 'tsx', 'tests/store/writer.child.ts', file, '40'], { stdio: ['ignore', 'pipe', 'pipe'] });
      const started: string[] = [];
      const finished: string[] = [];
      let stderr = '';
      let exitedYet = false;
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on('exit', (_code, signal) => {
          exitedYet = true;
          resolve(signal);
        }),
      );
      child.stdout.on('data', (d: Buffer) => {
        for (const line of d.toString().split('\n')) {
          const [what, version] = line.split(' ');
          if (what === 'writing' && version) started.push(version);
          if (what === 'wrote' && version) finished.push(version);
        }
      });
      // Wait for the third write (a big table and its .prev exist by then), then watch its temp file grow.
      const deadline = Date.now() + 60_000;
      while (!started.includes('big-3')) {
        if (Date.now() > deadline || exitedYet) throw new Error(`writer never reached its third write: ${stderr}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      while (killAt >= 0) {
        if (Date.now() > deadline || exitedYet) throw new Error(`no temp file seen: ${stderr}`);
        const temps = (await readdir(dir)).filter((f) => f.startsWith('facts.json.') && f.endsWith('.tmp'));
        const sizes = await Promise.all(temps.map((t) => stat(path.join(dir, t)).then((x) => x.size, () => -1)));
        if (sizes.some((n) => n >= killAt)) break;
        await new Promise((r) => setImmediate(r));
      }
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      const table = await readTable(file); // throws if the file were half-written
      // The file holds a complete table: the last finished write, or the one in flight if its rename happened.
      expect([...finished, started[started.length - 1]]).toContain(table.generatedAt);
      expect(table.articles[0]?.text.startsWith(`${table.generatedAt} x`)).toBe(true);
      const prev = await readTable(previousFileOf(file));
      expect(prev.generatedAt).toMatch(/^(small-0|big-\d+)$/);
      const temps = (await readdir(dir)).filter((f) => f.endsWith('.tmp'));
      const full = (await stat(file)).size;
      const partialTemp = (await Promise.all(temps.map(async (t) => (await stat(path.join(dir, t))).size < full))).some(Boolean);
      outcomes.push({ killAt, loaded: table.generatedAt, partialTemp });
      // A start-up on this folder serves it (the seeds are older than the table).
      const seeds = await seedsWith(`kill-${killAt}-seeds`, { 'kes.txt': GOOD });
      await ageSeeds(seeds);
      const logs: string[] = [];
      const dataset = await Dataset.open({ seedsDir: seeds, dataFile: file, log: (m) => logs.push(m) });
      expect(dataset.table.generatedAt).toBe(table.generatedAt);
      // ... and removes the dead writer's temporary files, saying so.
      expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      if (temps.length > 0) expect(logs.join('\n')).toMatch(/removed \d+ temporary file\(s\) left by an interrupted write/);
    }, 120_000);
  }

  it('at least one kill landed in the middle of writing the temp file (so the rounds above prove something)', () => {
    console.log(`[kill rounds] ${JSON.stringify(outcomes)}`);
    expect(outcomes.length).toBe(ROUNDS.length);
    expect(outcomes.some((o) => o.partialTemp)).toBe(true);
  });
});

describe('temporary files of interrupted writes', () => {
  it('only those of processes that no longer run are removed (shards share the folder)', async () => {
    const dir = path.join(root, 'temps');
    const file = path.join(dir, 'facts.json');
    await mkdir(dir, { recursive: true });
    const dead = spawn(process.execPath, ['-e', '0']);
    const deadPid = await new Promise<number>((resolve) => dead.on('exit', () => resolve(dead.pid ?? 0)));
    const names = {
      deadTable: `facts.json.${deadPid}.1700000000000.tmp`,
      deadPrev: `facts.prev.json.${deadPid}.1700000000001.tmp`,
      live: `facts.json.${process.pid}.1700000000002.tmp`,
      other: `notes.${deadPid}.1700000000003.tmp`,
      table: 'facts.json',
    };
    for (const n of Object.values(names)) await writeFile(path.join(dir, n), 'x');
    const removed = await removeStaleTemps(file);
    expect(removed.sort()).toEqual([names.deadPrev, names.deadTable].sort());
    expect((await readdir(dir)).sort()).toEqual([names.live, names.other, names.table].sort());
  });
});

describe('start-up with a broken table', () => {
  it('half-written table, good seeds: rebuilt from the seeds, and the log says why', async () => {
    const dir = path.join(root, 'half');
    const file = path.join(dir, 'facts.json');
    await mkdir(dir, { recursive: true });
    await writeTable(file, baseTable('good-0'));
    await truncate(file, Math.floor((await stat(file)).size / 2));
    const seeds = await seedsWith('half-seeds', { 'kes.txt': GOOD });
    await ageSeeds(seeds);
    const logs: string[] = [];
    const dataset = await Dataset.open({ seedsDir: seeds, dataFile: file, log: (m) => logs.push(m) });
    expect(dataset.table.articles.map((a) => a.id)).toEqual(['kes']);
    expect(logs.join('\n')).toMatch(/\[dataset\] extracting from .*half-seeds: .*facts\.json is damaged: its checksum does not match its content/);
    expect((await readTable(file)).articles.map((a) => a.id)).toEqual(['kes']); // the rebuilt table was written
  }, 60_000);

  const broken: Array<{ label: string; body: string; log: RegExp }> = [
    { label: 'an empty file', body: '', log: /is not valid JSON/ },
    { label: 'JSON of the wrong shape', body: JSON.stringify({ articles: 'none' }), log: /does not match the fact-table schema/ },
    { label: 'binary garbage', body: '\u0000\u0001\u00ff{{{', log: /is not valid JSON/ },
    { label: 'a table edited after it was written', body: encodeTable(baseTable('edited')).replace('"edited"', '"EDITED"'), log: /is damaged: its checksum does not match its content/ },
    { label: 'a hand-made table without the header, of the wrong shape', body: JSON.stringify({ ...baseTable('x'), people: 'none' }), log: /does not match the fact-table schema/ },
  ];
  for (const c of broken) {
    it(`${c.label}, no valid seed: serves the last good table (.prev.json) and logs it`, async () => {
      const dir = path.join(root, `prev-${broken.indexOf(c)}`);
      const file = path.join(dir, 'facts.json');
      await mkdir(dir, { recursive: true });
      await writeTable(file, baseTable('last-good'));
      await writeTable(file, baseTable('newer')); // last-good is now the .prev.json
      await writeFile(file, c.body);
      const seeds = await seedsWith(`prev-${broken.indexOf(c)}-seeds`, { 'empty.txt': '', 'bin.txt': Buffer.from([0, 1, 2, 0xff]) });
      const logs: string[] = [];
      const dataset = await Dataset.open({ seedsDir: seeds, dataFile: file, log: (m) => logs.push(m) });
      expect(dataset.table.generatedAt).toBe('last-good');
      expect(dataset.table.articles.length).toBeGreaterThan(0);
      const log = logs.join('\n');
      expect(log).toMatch(c.log);
      expect(log).toMatch(/extraction failed \(no valid article .*empty: skipped: the file is empty.*\); serving the last good table from last-good/);
    }, 60_000);
  }

  it('broken table, no .prev.json, no valid seed: refuses to start, and says why', async () => {
    const dir = path.join(root, 'nothing');
    const file = path.join(dir, 'facts.json');
    await mkdir(dir, { recursive: true });
    await writeFile(file, '{"articles": [');
    const seeds = await seedsWith('nothing-seeds', { 'empty.txt': '' });
    await expect(Dataset.open({ seedsDir: seeds, dataFile: file })).rejects.toThrow(
      /No fact table to serve: extraction failed \(no valid article .*empty: skipped: the file is empty.*\) and no earlier table exists/,
    );
  }, 60_000);

  it('both the table and .prev.json broken, no valid seed: refuses to start, and says why', async () => {
    const dir = path.join(root, 'both');
    const file = path.join(dir, 'facts.json');
    await mkdir(dir, { recursive: true });
    await writeFile(file, 'not json');
    await writeFile(previousFileOf(file), 'not json either');
    const seeds = await seedsWith('both-seeds', {});
    await expect(Dataset.open({ seedsDir: seeds, dataFile: file })).rejects.toThrow(/No fact table to serve/);
  }, 60_000);

  it('npm start in that state exits with the reason instead of serving an empty table', async () => {
    const dir = path.join(root, 'start');
    const file = path.join(dir, 'facts.json');
    await mkdir(dir, { recursive: true });
    await writeFile(file, '{"half": ');
    const seeds = await seedsWith('start-seeds', { 'bin.txt': Buffer.from([0, 0, 0]) });
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('DISCORD_')) env[k] = v;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: { ...env, SEEDS_DIR: seeds, DATA_FILE: file, DISCORD_TOKEN: '' }, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.end('who defected?\n');
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).not.toBe(0);
    expect(out).toMatch(/\[dataset\] extracting from .*: .*is not valid JSON/);
    expect(out).toMatch(/No fact table to serve: extraction failed \(no valid article .*bin: skipped: not UTF-8 text/);
    expect(out).not.toMatch(/I know 0 articles/);
  }, 60_000);

  it('a reload (another shard refreshed) of a broken file keeps serving the current table', async () => {
    const dir = path.join(root, 'reload');
    const file = path.join(dir, 'facts.json');
    await mkdir(dir, { recursive: true });
    await writeTable(file, baseTable('current'));
    const seeds = await seedsWith('reload-seeds', { 'kes.txt': GOOD });
    await ageSeeds(seeds);
    const dataset = await Dataset.open({ seedsDir: seeds, dataFile: file });
    const before = dataset.table;
    await writeFile(file, (await readFile(file, 'utf8')).slice(0, 100));
    await expect(dataset.reload()).rejects.toThrow(/not valid JSON/);
    expect(dataset.table).toBe(before);
  });
});
