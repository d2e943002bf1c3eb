// Broken articles, both ways they arrive: files dropped in the seeds folder (read on /refresh, `npm run extract`,
// start-up) and uploads through Dataset.addArticle (/article add). Every bad file gets its own per-article
// message, good articles still load, a refresh that would leave no valid article is refused, and the served
// table never changes on a refusal. Invented articles (a made-up country) plus one real seed for the duplicate.
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportReply } from '../../src/discord/report.ts';
import { renderReply } from '../../src/discord/render.ts';
import { renderText } from '../../src/discord/reply.ts';
import { readSeeds } from '../../src/extract/load.ts';
import { Dataset, type RefreshReport } from '../../src/store/dataset.ts';
import { readTable } from '../../src/store/tableFile.ts';
import { payloadViolations } from '../support/limits.ts';

const GOOD_A = [
  'Kestova trade minister defects',
  '',
  'Jorund Pell, the Kestova trade minister, defected on Monday and fled to Norland, officials said.',
  '',
  'Pell, 61, announced his decision in a statement read on state radio.',
].join('\n');
const GOOD_B = [
  'Kestova general flees',
  '',
  'General Alva Strom, the commander of the Kestova border guard, fled to Norland on Friday, officials said.',
].join('\n');
const SEED_FILE = '000_3b4f70ffe2a1464c.txt';
/** One line of 100,000 characters (the same text everywhere, so the per-article extraction cache is reused). */
const LONG_LINE = ('Tallow lamps burn in the square of Kestova '.repeat(3000)).slice(0, 100_000);
const TOMORROW = new Date(Date.now() + 86_400_000 * 400).toISOString().slice(0, 10);

/** One file dropped into the seeds folder: its bytes, its manifest entry, and what must happen to it. */
interface DroppedCase {
  label: string;
  file: string;
  bytes?: Buffer;
  manifest?: unknown;
  /** Loaded into the table (with or without a warning) or skipped. */
  loaded: boolean;
  /** The per-article warning; null = no warning expected. */
  warning: RegExp | null;
}

const DROPPED: DroppedCase[] = [
  { label: 'a good article with its manifest entry', file: 'kes_good.txt', bytes: Buffer.from(GOOD_A), manifest: { published: '2014-05-06', outlet: 'Kestova Post' }, loaded: true, warning: null },
  { label: 'an empty file', file: 'kes_empty.txt', bytes: Buffer.alloc(0), loaded: false, warning: /skipped: the file is empty/ },
  { label: 'a whitespace-only file', file: 'kes_blank.txt', bytes: Buffer.from(' \n\r\n\t \n'), loaded: false, warning: /skipped: the file is empty/ },
  { label: 'a binary file (PNG header)', file: 'kes_png.txt', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]), loaded: false, warning: /skipped: not UTF-8 text/ },
  { label: 'a binary file that is valid UTF-8 (control bytes)', file: 'kes_ctrl.txt', bytes: Buffer.from('abc\u0000\u0001\u0002def'), loaded: false, warning: /skipped: not UTF-8 text/ },
  { label: 'a Latin-1 file (not UTF-8)', file: 'kes_latin1.txt', bytes: Buffer.from('Le ministre a d\xe9fect\xe9 \xe0 Norland.', 'latin1'), loaded: false, warning: /skipped: not UTF-8 text/ },
  { label: 'a UTF-8 BOM (stripped, loads)', file: 'kes_bom.txt', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(GOOD_B)]), manifest: { published: '2014-05-09', outlet: 'Norland Wire' }, loaded: true, warning: null },
  { label: 'Windows line endings (normalised, loads)', file: 'kes_crlf.txt', bytes: Buffer.from(GOOD_B.replace(/Alva Strom/g, 'Edda Rusk').replace(/\n/g, '\r\n')), manifest: { published: '2014-05-10', outlet: 'Norland Wire' }, loaded: true, warning: null },
  { label: 'a 10 MB file', file: 'kes_huge.txt', bytes: Buffer.alloc(10 * 1024 * 1024, 'word '), loaded: false, warning: /skipped: 10485760 bytes is over the 1000000-byte limit/ },
  { label: 'one 100,000-character line (loads, no crash)', file: 'kes_line.txt', bytes: Buffer.from(LONG_LINE), manifest: { published: '2014-05-11', outlet: 'Kestova Post' }, loaded: true, warning: null },
  { label: 'only page furniture (boilerplate)', file: 'kes_furniture.txt', bytes: Buffer.from('Share\n\nSign up for our newsletter\n\nShare this article\n\nAdvertisement\n'), manifest: { published: '2014-05-12', outlet: 'Kestova Post' }, loaded: true, warning: /no article text left after removing page furniture/ },
  { label: 'a duplicate of an existing article', file: 'zz_copy_of_seed.txt', loaded: false, warning: /skipped: same text as 000_3b4f70ffe2a1464c/ },
  { label: 'a manifest date that is not a date', file: 'kes_baddate.txt', bytes: Buffer.from(GOOD_A.replace(/Jorund Pell/g, 'Oskar Brede').replace(/Pell/g, 'Brede')), manifest: { published: '2014-02-30', outlet: 'Kestova Post' }, loaded: true, warning: /manifest entry ignored: published "2014-02-30" is not a real date/ },
  { label: 'a manifest date that is not even date-shaped', file: 'kes_words.txt', bytes: Buffer.from(GOOD_A.replace(/Jorund Pell/g, 'Ilka Varn').replace(/Pell/g, 'Varn')), manifest: { published: 'last Tuesday', outlet: 'Kestova Post' }, loaded: true, warning: /manifest entry ignored: published must be YYYY-MM-DD/ },
  { label: 'a manifest date in the future', file: 'kes_future.txt', bytes: Buffer.from(GOOD_A.replace(/Jorund Pell/g, 'Sten Aalto').replace(/Pell/g, 'Aalto')), manifest: { published: TOMORROW, outlet: 'Kestova Post' }, loaded: true, warning: /manifest entry ignored: published "[\d-]+" is in the future/ },
  { label: 'a manifest entry for a missing file', file: 'kes_missing.txt', manifest: { published: '2014-05-06', outlet: 'Kestova Post' }, loaded: false, warning: /manifest lists a file that is not in the folder/ },
  { label: 'a file with no manifest entry', file: 'kes_nomanifest.txt', bytes: Buffer.from(GOOD_A.replace(/Jorund Pell/g, 'Runa Moss').replace(/Pell/g, 'Moss')), loaded: true, warning: /no manifest entry: outlet and date unknown/ },
];

let root: string;

async function makeSeeds(name: string, cases: DroppedCase[], opts: { withSeed?: boolean; manifestText?: string } = {}): Promise<string> {
  const dir = path.join(root, name);
  await mkdir(dir, { recursive: true });
  const manifest: Record<string, unknown> = {};
  if (opts.withSeed) {
    await cp(path.resolve('seeds', SEED_FILE), path.join(dir, SEED_FILE));
    manifest[SEED_FILE] = { published: '2012-03-08', outlet: 'AFP' };
  }
  for (const c of cases) {
    if (c.file === 'zz_copy_of_seed.txt') await cp(path.resolve('seeds', SEED_FILE), path.join(dir, c.file));
    else if (c.bytes) await writeFile(path.join(dir, c.file), c.bytes);
    if (c.manifest !== undefined) manifest[c.file] = c.manifest;
  }
  await writeFile(path.join(dir, 'manifest.json'), opts.manifestText ?? JSON.stringify(manifest, null, 2));
  return dir;
}

function warningsFor(report: { warnings: Array<{ article: string | null; message: string }> }, id: string): string[] {
  return report.warnings.filter((w) => w.article === id).map((w) => w.message);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'dossier-articles-'));
});
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('files dropped in the seeds folder', () => {
  let seeds: string;
  let dataset: Dataset;
  let report: RefreshReport;
  const logs: string[] = [];

  beforeAll(async () => {
    // Start from the one real seed, then drop every broken file in and refresh, as a moderator would.
    seeds = await makeSeeds('dropped', [], { withSeed: true });
    dataset = await Dataset.open({ seedsDir: seeds, dataFile: path.join(root, 'dropped-data', 'facts.json'), log: (m) => logs.push(m) });
    await rm(seeds, { recursive: true });
    await makeSeeds('dropped', DROPPED, { withSeed: true });
    report = await dataset.refresh();
  }, 120_000);

  it('the refresh goes through: the good articles load, the broken ones are skipped', () => {
    expect(report.ok).toBe(true);
    const loaded = dataset.table.articles.map((a) => a.id).sort();
    const expected = [SEED_FILE, ...DROPPED.filter((c) => c.loaded).map((c) => c.file)].map((f) => f.replace(/\.txt$/, '')).sort();
    expect(loaded).toEqual(expected);
  });

  for (const c of DROPPED) {
    it(`${c.label}: ${c.loaded ? 'loaded' : 'skipped'}${c.warning ? ', with its own warning' : ', no warning'}`, () => {
      const id = c.file.replace(/\.txt$/, '');
      const mine = warningsFor(report, id);
      if (c.warning) expect(mine.some((m) => c.warning?.test(m)), `warnings for ${id}: ${JSON.stringify(mine)}`).toBe(true);
      else expect(mine).toEqual([]);
      expect(dataset.table.articles.some((a) => a.id === id)).toBe(c.loaded);
    });
  }

  it('BOM and CRLF are normalised in the stored text; their people are answerable', () => {
    const bom = dataset.table.articles.find((a) => a.id === 'kes_bom');
    const crlf = dataset.table.articles.find((a) => a.id === 'kes_crlf');
    expect(bom?.text.startsWith('Kestova general flees')).toBe(true);
    expect(crlf?.text.includes('\r')).toBe(false);
    const names = dataset.table.people.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['Alva Strom', 'Edda Rusk', 'Jorund Pell']));
  });

  it('dates from a rejected manifest entry stay unknown instead of using the bad date', () => {
    for (const id of ['kes_baddate', 'kes_words', 'kes_future', 'kes_nomanifest']) expect(dataset.table.articles.find((a) => a.id === id)?.published).toBeNull();
  });

  it('the /refresh reply names every problem article with its own message, on one page inside the limits', () => {
    const reply = reportReply(report, 'Refresh');
    const rendered = renderReply(reply);
    expect(rendered.pageCount).toBe(1);
    const wire = { embeds: rendered.payload.embeds as never, components: rendered.payload.components as never, allowed_mentions: { parse: [] } };
    expect(payloadViolations(wire)).toEqual([]);
    const text = renderText(reply);
    const description = (rendered.payload.embeds[0]?.description ?? '').replace(/\\(.)/g, '$1');
    for (const c of DROPPED.filter((x) => x.warning)) {
      const id = c.file.replace(/\.txt$/, '');
      expect(text).toContain(`${id}: `);
      expect(description).toContain(`${id}: `);
    }
  });

  it('the log says what the refresh did', () => {
    expect(logs.join('\n')).toMatch(/\[dataset\] refreshed: \d+ articles/);
  });
});

describe('the manifest itself is broken', () => {
  const cases: Array<{ label: string; text: string; warning: RegExp }> = [
    { label: 'not JSON', text: '{ "kes_good.txt": { "published": "2014-05-06", ', warning: /manifest.json is not valid JSON/ },
    { label: 'JSON but an array', text: '[1, 2, 3]', warning: /manifest.json must be an object/ },
    { label: 'an entry that is not an object', text: '{ "kes_good.txt": "2014-05-06" }', warning: /manifest entry ignored/ },
  ];
  for (const c of cases) {
    it(`${c.label}: a warning, and the articles still load without metadata`, async () => {
      const dir = await makeSeeds(`manifest-${cases.indexOf(c)}`, DROPPED.slice(0, 1), { manifestText: c.text });
      const { articles, warnings } = await readSeeds(dir);
      expect(articles.map((a) => a.id)).toEqual(['kes_good']);
      expect(articles[0]?.meta).toBeNull();
      expect(warnings.map((w) => w.message).join('\n')).toMatch(c.warning);
    });
  }

  it('no manifest.json at all: a warning, and the articles still load', async () => {
    const dir = await makeSeeds('manifest-none', DROPPED.slice(0, 1));
    await rm(path.join(dir, 'manifest.json'));
    const { articles, warnings } = await readSeeds(dir);
    expect(articles.map((a) => a.id)).toEqual(['kes_good']);
    expect(warnings[0]?.message).toMatch(/no manifest.json/);
  });
});

describe('a refresh that would leave no valid article is refused', () => {
  const hopeless: Array<{ label: string; cases: DroppedCase[] }> = [
    { label: 'only broken files', cases: DROPPED.filter((c) => !c.loaded && c.file !== 'zz_copy_of_seed.txt') },
    { label: 'only page furniture', cases: DROPPED.filter((c) => c.file === 'kes_furniture.txt') },
    { label: 'an empty folder (manifest only)', cases: [] },
  ];
  for (const c of hopeless) {
    it(`${c.label}: refused, with the reason, and the served table is unchanged`, async () => {
      const name = `hopeless-${hopeless.indexOf(c)}`;
      const seeds = await makeSeeds(name, DROPPED.slice(0, 1));
      const dataset = await Dataset.open({ seedsDir: seeds, dataFile: path.join(root, `${name}-data`, 'facts.json') });
      const before = dataset.table;
      const onDisk = await readFile(dataset.dataFile, 'utf8');
      await rm(seeds, { recursive: true });
      await makeSeeds(name, c.cases);
      const report = await dataset.refresh();
      expect(report.ok).toBe(false);
      expect(report.error).toMatch(/no valid article/);
      expect(dataset.table).toBe(before);
      expect(await readFile(dataset.dataFile, 'utf8')).toBe(onDisk);
      const reply = reportReply(report, 'Refresh');
      expect(reply.intro).toMatch(/Nothing was changed: the table being served is unchanged\.\nReason: no valid article/);
    }, 60_000);
  }
});

describe('uploads (Dataset.addArticle, what /article add calls)', () => {
  let seeds: string;
  let dataset: Dataset;

  beforeAll(async () => {
    seeds = await makeSeeds('uploads', DROPPED.slice(0, 1), { withSeed: true });
    // Beside the first dataset's table: the per-article cache (data dir/cache) is shared, so re-extraction is quick.
    dataset = await Dataset.open({ seedsDir: seeds, dataFile: path.join(root, 'dropped-data', 'uploads.json') });
  }, 120_000);

  const refusals: Array<{ label: string; fileName: string; bytes: Buffer; published?: string; outlet?: string; error: RegExp }> = [
    { label: 'an empty file', fileName: 'up_empty.txt', bytes: Buffer.alloc(0), error: /empty/ },
    { label: 'a binary file', fileName: 'up_bin.txt', bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70]), error: /not UTF-8 text/ },
    { label: 'a Latin-1 file', fileName: 'up_latin.txt', bytes: Buffer.from('Caf\xe9 cr\xe8me br\xfbl\xe9e', 'latin1'), error: /not UTF-8 text/ },
    { label: 'a 10 MB file', fileName: 'up_huge.txt', bytes: Buffer.alloc(10 * 1024 * 1024, 'a '), error: /10485760 bytes; the limit is 1000000/ },
    { label: 'no readable text (digits and punctuation)', fileName: 'up_digits.txt', bytes: Buffer.from('12 34 -- 56 !!'), error: /no readable text/ },
    { label: 'a duplicate of an existing article', fileName: 'up_dup.txt', bytes: Buffer.from(GOOD_A), error: /already in the dataset as kes_good/ },
    { label: 'an existing name', fileName: 'kes_good.txt', bytes: Buffer.from(GOOD_B), error: /already exists/ },
    { label: 'a name escaping the folder (../)', fileName: '../../escape.txt', bytes: Buffer.from(GOOD_B), error: /not a safe file name/ },
    { label: 'an absolute path', fileName: '/tmp/escape.txt', bytes: Buffer.from(GOOD_B), error: /not a safe file name/ },
    { label: 'a Windows path', fileName: '..\\..\\escape.txt', bytes: Buffer.from(GOOD_B), error: /not a safe file name/ },
    { label: 'a hidden file name', fileName: '.hidden.txt', bytes: Buffer.from(GOOD_B), error: /not a safe file name/ },
    { label: 'not .txt', fileName: 'article.exe', bytes: Buffer.from(GOOD_B), error: /not a safe file name/ },
    { label: 'the manifest itself', fileName: 'manifest.json', bytes: Buffer.from('{}'), error: /not a safe file name/ },
    { label: 'a date that is not a date', fileName: 'up_a.txt', bytes: Buffer.from(GOOD_B), published: '2014-13-45', error: /is not a real date/ },
    { label: 'a date in words', fileName: 'up_b.txt', bytes: Buffer.from(GOOD_B), published: 'yesterday', error: /must be a date like/ },
    { label: 'a date in the future', fileName: 'up_c.txt', bytes: Buffer.from(GOOD_B), published: TOMORROW, error: /is in the future/ },
    { label: 'an empty outlet', fileName: 'up_d.txt', bytes: Buffer.from(GOOD_B), outlet: '   ', error: /outlet must be 1 to 100 characters/ },
  ];
  for (const c of refusals) {
    it(`refuses ${c.label}: the table, the seeds folder and the manifest are unchanged`, async () => {
      const before = dataset.table;
      const files = (await readdir(seeds)).sort();
      const manifest = await readFile(path.join(seeds, 'manifest.json'), 'utf8');
      const report = await dataset.addArticle({ fileName: c.fileName, bytes: c.bytes, ...(c.published ? { published: c.published } : {}), ...(c.outlet ? { outlet: c.outlet } : {}) });
      expect(report.ok).toBe(false);
      expect(report.error).toMatch(c.error);
      expect(dataset.table).toBe(before);
      expect((await readdir(seeds)).sort()).toEqual(files);
      expect(await readFile(path.join(seeds, 'manifest.json'), 'utf8')).toBe(manifest);
      expect((await readdir(root)).filter((f) => f.includes('escape'))).toEqual([]);
    });
  }

  const accepted: Array<{ label: string; fileName: string; bytes: Buffer; person: string | null; warning?: RegExp }> = [
    { label: 'a UTF-8 BOM', fileName: 'up_bom.txt', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(GOOD_B)]), person: 'Alva Strom' },
    { label: 'Windows line endings', fileName: 'up_crlf.txt', bytes: Buffer.from(GOOD_A.replace(/Jorund Pell/g, 'Nils Hedda').replace(/Pell/g, 'Hedda').replace(/\n/g, '\r\n')), person: 'Nils Hedda' },
    { label: 'one 100,000-character line', fileName: 'up_line.txt', bytes: Buffer.from(LONG_LINE), person: null },
    { label: 'only page furniture (kept with a warning)', fileName: 'up_furniture.txt', bytes: Buffer.from('Share\n\nAdvertisement\n\nSign up for our newsletter\n'), person: null, warning: /no article text left/ },
  ];
  for (const c of accepted) {
    it(`accepts ${c.label}`, async () => {
      const report = await dataset.addArticle({ fileName: c.fileName, bytes: c.bytes, published: '2014-06-01', outlet: 'Kestova Post' });
      expect(report.error).toBeUndefined();
      expect(report.ok).toBe(true);
      const id = c.fileName.replace(/\.txt$/, '');
      expect(report.articleId).toBe(id);
      expect(report.articles.added).toEqual([id]);
      const article = dataset.table.articles.find((a) => a.id === id);
      expect(article?.text.includes('\r')).toBe(false);
      expect(article?.text.startsWith('\uFEFF')).toBe(false);
      if (c.person) expect(report.people.added).toContain(c.person);
      if (c.warning) expect(warningsFor(report, id).join('\n')).toMatch(c.warning);
      else expect(warningsFor(report, id)).toEqual([]);
    }, 60_000);
  }
});

describe('npm run extract prints one warning per problem file', () => {
  it('and still writes the table from the good articles', async () => {
    const seeds = await makeSeeds('cli', DROPPED, { withSeed: true });
    const out = path.join(root, 'dropped-data', 'cli.json'); // shares the extraction cache with the tests above
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/extract.ts', '--seeds', seeds, '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+ articles, \d+ people/);
    for (const c of DROPPED.filter((x) => x.warning)) {
      const id = c.file.replace(/\.txt$/, '');
      const line = stdout.split('\n').find((l) => l.startsWith(`warning: ${id}: `) && c.warning?.test(l));
      expect(line, `${id} in:\n${stdout}`).toBeDefined();
    }
    const table = await readTable(out);
    expect(table.articles.length).toBe(DROPPED.filter((c) => c.loaded).length + 1);
  }, 120_000);

  it('refuses to write when no article is valid, listing why, exit code 1', async () => {
    const seeds = await makeSeeds('cli-none', DROPPED.filter((c) => !c.loaded && c.file !== 'zz_copy_of_seed.txt'));
    const out = path.join(root, 'cli-none-data', 'facts.json');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/extract.ts', '--seeds', seeds, '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/no valid article/);
    expect(stderr).toMatch(/kes_png: skipped: not UTF-8 text/);
    await expect(readFile(out)).rejects.toThrow();
  }, 60_000);
});
