// End to end with the real Dataset (src/store) on a temporary copy of seeds/: /refresh and /article through
// the real discord.js Client and the local fake server. Moderator gating, a new article placed in the seeds
// folder becoming answerable, uploads (good, binary, oversized, path traversal) and broken articles leaving
// the served table unchanged.
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dataset } from '../../src/store/dataset.ts';
import { MODERATOR_PERMISSIONS, unhandled, type InteractionResult } from '../support/fakeDiscord.ts';
import { startHarness, type Harness, embedText } from '../support/harness.ts';
import { allViolations, checkedCount } from '../support/limits.ts';

const ARTICLE_A = [
  'Norland finance official defects',
  '',
  'Orlan Vetrik, the deputy finance minister of Norland, defected on Tuesday and fled to Kestova, the opposition said.',
  '',
  'Vetrik, 47, announced his decision in a video posted on YouTube.',
  '',
  '"I can no longer serve this government," Vetrik said in the video.',
].join('\n');

const ARTICLE_B = [
  'Norland general leaves the army',
  '',
  'General Maren Tulvik, the commander of the Norland northern guard, defected on Friday and crossed into Kestova, officials said.',
  '',
  'Tulvik, 55, said the army had lost its way.',
].join('\n');

let h: Harness;
let dir: string;
let seeds: string;
let dataset: Dataset;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dossier-discord-'));
  seeds = path.join(dir, 'seeds');
  await cp(path.resolve('seeds'), seeds, { recursive: true });
  dataset = await Dataset.open({ seedsDir: seeds, dataFile: path.join(dir, 'data', 'facts.json') });
  h = await startHarness({ dataset, config: { maxArticleBytes: 20_000 } });
}, 120_000);

afterAll(async () => {
  await h?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const text = embedText;

function flags(r: InteractionResult): number {
  const all = r.calls.map((c) => (c.body as { type?: number; data?: { flags?: number } } | null)?.data?.flags ?? 0);
  return all.reduce((a, b) => a | b, 0);
}

const mod = { permissions: MODERATOR_PERMISSIONS };

describe('seed answers through Discord (slash command and DM give the same answer)', () => {
  const cases: Array<{ q: string; expect: RegExp; cites: RegExp | null }> = [
    { q: 'When did Riyad Hijab defect?', expect: /6 August 2012[\s\S]*prime minister[\s\S]*Jordan/, cites: /004_b9117ea132e15fa2 · Reuters · 2012-08-06/ },
    { q: 'How old is Abdo Husameddine?', expect: /57[\s\S]*58/, cites: /000_3b4f70ffe2a1464c · AFP · 2012-03-08[\s\S]*001_5cdcdb820694c054/ },
    { q: 'what did fares say to the military', expect: /Turn your guns on the criminals from this regime/, cites: /003_1bd21216735112a5/ },
    { q: 'Who defected in July 2012?', expect: /Nawaf al-Fares[\s\S]*ambassador to Iraq/, cites: /002_70af7e54198c2116[\s\S]*003_1bd21216735112a5|003_1bd21216735112a5[\s\S]*002_70af7e54198c2116/ },
    { q: 'When did Vladimir Putin defect?', expect: /do not say|don't say|no information|not in the articles/i, cites: null },
  ];
  for (const c of cases)
    it(c.q, async () => {
      const slash = await h.fake.command({ name: 'ask', options: { question: c.q } });
      const body = text(slash);
      expect(body).toMatch(c.expect);
      if (c.cites) expect(body).toMatch(c.cites);
      else expect(slash.message?.embeds?.[0]?.fields ?? []).toEqual([]);
      const dm = await h.fake.dm(c.q);
      expect(dm.payload.embeds).toEqual(slash.message?.embeds);
    });
});

describe('/refresh with the real dataset', () => {
  it('is refused to a non-moderator, and the table stays the same', async () => {
    const before = dataset.table;
    const r = await h.fake.command({ name: 'refresh' });
    expect(text(r)).toMatch(/Not allowed[\s\S]*Manage Server/);
    expect(flags(r) & 64).toBe(64);
    expect(dataset.table).toBe(before);
  });

  it('a moderator refresh picks up a new article placed in the seeds folder; its person is then answerable', async () => {
    const q = 'When did Orlan Vetrik defect?';
    const before = await h.fake.command({ name: 'ask', options: { question: q } });
    expect(text(before)).not.toMatch(/nor_001/);
    await writeFile(path.join(seeds, 'nor_001.txt'), ARTICLE_A);
    const manifest = JSON.parse(await readFile(path.join(seeds, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    manifest['nor_001.txt'] = { published: '2013-02-10', outlet: 'Norland Wire' };
    await writeFile(path.join(seeds, 'manifest.json'), JSON.stringify(manifest, null, 2));
    const r = await h.fake.command({ name: 'refresh', ...mod });
    expect(r.callbackType).toBe(5); // deferred, ephemeral
    expect(flags(r) & 64).toBe(64);
    const report = text(r);
    expect(report).toMatch(/Refresh/);
    expect(report).toMatch(/Articles — added nor_001/);
    expect(report).toMatch(/People added — [^\n]*Orlan Vetrik/);
    const after = await h.fake.command({ name: 'ask', options: { question: q } });
    expect(text(after)).toMatch(/5 February 2013|February 2013/); // "on Tuesday" before Sunday 10 February 2013
    expect(text(after)).toMatch(/nor_001 · Norland Wire · 2013-02-10/);
    const person = await h.fake.command({ name: 'person', options: { name: 'vetrik' } });
    expect(text(person)).toMatch(/Orlan Vetrik[\s\S]*deputy finance minister/);
  });

  it('a broken (binary) article in the seeds folder leaves the served table unchanged', async () => {
    const before = dataset.table;
    const q = 'When did Orlan Vetrik defect?';
    const answerBefore = text(await h.fake.command({ name: 'ask', options: { question: q } }));
    await writeFile(path.join(seeds, 'broken.txt'), Buffer.from([0, 159, 146, 150, 0, 1, 2, 255, 254, 0]));
    const r = await h.fake.command({ name: 'refresh', ...mod });
    const report = text(r);
    // Either the refresh is refused (table unchanged) or the broken file is skipped with a warning.
    expect(report).toMatch(/broken/);
    expect(dataset.table.articles.map((a) => a.id).sort()).toEqual(before.articles.map((a) => a.id).sort());
    expect(dataset.table.people.length).toBe(before.people.length);
    expect(text(await h.fake.command({ name: 'ask', options: { question: q } }))).toBe(answerBefore);
    await rm(path.join(seeds, 'broken.txt'));
  });
});

describe('/article with the real dataset', () => {
  it('adds a good file: saved with its manifest entry, refreshed, answerable', async () => {
    const file = h.fake.registerAttachment('nor_002.txt', ARTICLE_B);
    const r = await h.fake.command({ name: 'article', subcommand: 'add', options: { file, published: '2013-03-04', outlet: 'Kestova Post' }, ...mod });
    expect(r.callbackType).toBe(5);
    expect(flags(r) & 64).toBe(64);
    expect(text(r)).toMatch(/Article added: nor_002/);
    expect(text(r)).toMatch(/Maren Tulvik/);
    expect(await readFile(path.join(seeds, 'nor_002.txt'), 'utf8')).toBe(ARTICLE_B);
    const manifest = JSON.parse(await readFile(path.join(seeds, 'manifest.json'), 'utf8')) as Record<string, { published: string; outlet: string }>;
    expect(manifest['nor_002.txt']).toEqual({ published: '2013-03-04', outlet: 'Kestova Post' });
    const a = await h.fake.command({ name: 'ask', options: { question: 'When did Maren Tulvik defect?' } });
    expect(text(a)).toMatch(/1 March 2013[\s\S]*nor_002 · Kestova Post · 2013-03-04/); // "on Friday" before Monday 4 March
  });

  const refusals: Array<{ label: string; name: string; bytes: Buffer; expect: RegExp }> = [
    { label: 'a binary file', name: 'photo.txt', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), expect: /binary/ },
    { label: 'a Latin-1 (not UTF-8) file', name: 'latin.txt', bytes: Buffer.from('Caf\xe9 cr\xe8me', 'latin1'), expect: /not UTF-8/ },
    { label: 'an oversized file', name: 'huge.txt', bytes: Buffer.from('word '.repeat(10_000)), expect: /too large \(49 KB\); the limit is 20 KB/ },
    { label: 'a path-traversal name', name: '../../etc/x.txt', bytes: Buffer.from('Some text about Norland.'), expect: /not a safe file name/ },
    { label: 'a name with a folder', name: 'sub/x.txt', bytes: Buffer.from('Some text about Norland.'), expect: /not a safe file name/ },
    { label: 'not a .txt', name: 'notes.md', bytes: Buffer.from('Some text about Norland.'), expect: /not a safe file name/ },
    { label: 'an empty file', name: 'empty.txt', bytes: Buffer.alloc(0), expect: /empty/ },
  ];
  for (const c of refusals) {
    it(`refuses ${c.label}, leaving the table and the seeds folder unchanged`, async () => {
      const before = dataset.table;
      const files = (await readdir(seeds)).sort();
      const r = await h.fake.command({ name: 'article', subcommand: 'add', options: { file: h.fake.registerAttachment(c.name, c.bytes) }, ...mod });
      expect(text(r)).toMatch(/File refused/);
      expect(text(r)).toMatch(c.expect);
      expect(flags(r) & 64).toBe(64);
      expect(dataset.table).toBe(before);
      expect((await readdir(seeds)).sort()).toEqual(files);
    });
  }

  it('nothing escaped the seeds folder', async () => {
    const outside = await readdir(dir);
    expect(outside.sort()).toEqual(['data', 'seeds']);
  });

  it('refuses a bad date, and an upload by a non-moderator', async () => {
    const file = h.fake.registerAttachment('nor_003.txt', ARTICLE_B.replace(/Maren/g, 'Ivo'));
    const bad = await h.fake.command({ name: 'article', subcommand: 'add', options: { file, published: '2033-02-30' }, ...mod });
    expect(text(bad)).toMatch(/not a real date/);
    const refused = await h.fake.command({ name: 'article', subcommand: 'add', options: { file } });
    expect(text(refused)).toMatch(/Not allowed/);
    await expect(readFile(path.join(seeds, 'nor_003.txt'))).rejects.toThrow();
  });

  it('removes an article (autocomplete offers it), and the person is gone', async () => {
    const { choices } = await h.fake.autocomplete({ name: 'article', subcommand: 'remove', focused: 'id', options: { id: 'nor' }, ...mod });
    expect(choices.map((c) => c.value)).toEqual(['nor_001', 'nor_002']);
    const r = await h.fake.command({ name: 'article', subcommand: 'remove', options: { id: 'nor_002' }, ...mod });
    expect(text(r)).toMatch(/Article removed: nor_002/);
    expect(text(r)).toMatch(/People removed — [^\n]*Maren Tulvik/);
    await expect(readFile(path.join(seeds, 'nor_002.txt'))).rejects.toThrow();
    const p = await h.fake.command({ name: 'person', options: { name: 'Maren Tulvik' } });
    expect(text(p)).not.toMatch(/nor_002/);
  });
});

describe('every recorded reply (checked last)', () => {
  it('has empty allowed_mentions.parse and respects all size limits; no unknown route was hit', () => {
    expect(checkedCount(h.fake)).toBeGreaterThan(15);
    expect(allViolations(h.fake)).toEqual([]);
    expect(h.fake.unknownCalls().map((c) => `${c.method} ${c.path}`)).toEqual([]);
    expect(unhandled).toEqual([]);
    expect(h.errors).toEqual([]);
  });
});
