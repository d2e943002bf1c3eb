// Broken articles through Discord (the real client, the fake server, the real Dataset on a small invented
// seeds folder): /article add with a BOM, Windows line endings, a duplicate, page furniture only, a declared
// 10 MB attachment and names that escape the folder; then files dropped into the seeds folder and a /refresh
// whose reply names every problem article. Each answer is ephemeral and inside Discord's limits.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dataset } from '../../src/store/dataset.ts';
import { MODERATOR_PERMISSIONS, unhandled, type InteractionResult } from '../support/fakeDiscord.ts';
import { startHarness, type Harness, embedText } from '../support/harness.ts';
import { ARTICLE_A, ARTICLE_B, ARTICLE_C } from '../support/kestova.ts';
import { allViolations } from '../support/limits.ts';


let dir: string;
let seeds: string;
let dataset: Dataset;
let h: Harness;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dossier-articles-e2e-'));
  seeds = path.join(dir, 'seeds');
  await mkdir(seeds);
  await writeFile(path.join(seeds, 'kes_a.txt'), ARTICLE_A);
  await writeFile(path.join(seeds, 'manifest.json'), JSON.stringify({ 'kes_a.txt': { published: '2014-05-06', outlet: 'Kestova Post' } }));
  dataset = await Dataset.open({ seedsDir: seeds, dataFile: path.join(dir, 'data', 'facts.json') });
  h = await startHarness({ dataset, config: { maxArticleBytes: 200_000 } });
}, 120_000);

afterAll(async () => {
  await h?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const text = embedText;

function ephemeral(r: InteractionResult): boolean {
  return (r.calls.map((c) => (c.body as { data?: { flags?: number } } | null)?.data?.flags ?? 0).reduce((a, b) => a | b, 0) & 64) === 64;
}

const mod = { permissions: MODERATOR_PERMISSIONS };

describe('/article add with awkward files', () => {
  const cases: Array<{ label: string; name: string; bytes: Buffer; size?: number; expect: RegExp; added: boolean }> = [
    { label: 'a UTF-8 BOM', name: 'kes_bom.txt', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ARTICLE_B)]), expect: /Article added: kes_bom[\s\S]*Alva Strom/, added: true },
    { label: 'Windows line endings', name: 'kes_crlf.txt', bytes: Buffer.from(ARTICLE_C.replace(/\n/g, '\r\n')), expect: /Article added: kes_crlf[\s\S]*Ivar Lunde/, added: true },
    { label: 'a duplicate of an existing article (other name)', name: 'kes_copy.txt', bytes: Buffer.from(ARTICLE_A), expect: /Article added failed[\s\S]*Nothing was changed[\s\S]*already in the dataset as kes_a/, added: false },
    { label: 'page furniture only', name: 'kes_furniture.txt', bytes: Buffer.from('Share\n\nAdvertisement\n\nSign up for our newsletter\n'), expect: /Article added: kes_furniture[\s\S]*Warnings \(1\)[\s\S]*kes_furniture: no article text left after removing page furniture/, added: true },
    { label: 'an attachment declared as 10 MB (refused before downloading)', name: 'kes_big.txt', bytes: Buffer.from(ARTICLE_A), size: 10 * 1024 * 1024, expect: /File refused[\s\S]*too large \(10240 KB\); the limit is 196 KB/, added: false },
    { label: 'a name escaping the folder', name: '../../../tmp/kes_evil.txt', bytes: Buffer.from(ARTICLE_B.replace(/Alva Strom/g, 'Edda Rusk')), expect: /File refused[\s\S]*not a safe file name/, added: false },
    { label: 'a URL-encoded escaping name', name: '..%2F..%2Fkes_evil.txt', bytes: Buffer.from(ARTICLE_B.replace(/Alva Strom/g, 'Edda Rusk')), expect: /File refused[\s\S]*not a safe file name/, added: false },
  ];
  for (const c of cases) {
    it(`${c.label}: ${c.added ? 'added' : 'refused'}, with a clear ephemeral message`, async () => {
      const before = (await readdir(seeds)).sort();
      const file = h.fake.registerAttachment(c.name, c.bytes);
      if (c.size !== undefined) file.size = c.size;
      const r = await h.fake.command({ name: 'article', subcommand: 'add', options: { file, published: '2014-05-20', outlet: 'Norland Wire' }, ...mod }, 60_000);
      expect(ephemeral(r)).toBe(true);
      expect(text(r)).toMatch(c.expect);
      const after = (await readdir(seeds)).sort();
      if (c.added) expect(after).toEqual([...before, c.name].sort());
      else expect(after).toEqual(before);
      expect((await readdir(dir)).sort()).toEqual(['data', 'seeds']); // nothing written beside the folder
    }, 60_000);
  }

  it('the people of the accepted files are answerable', async () => {
    const r = await h.fake.command({ name: 'ask', options: { question: 'When did Ivar Lunde defect?' } });
    expect(text(r)).toMatch(/kes_crlf · Norland Wire · 2014-05-20/);
  });
});

describe('files dropped in the seeds folder, then /refresh', () => {
  it('the reply names every problem file with its own message; the good one is added', async () => {
    await writeFile(path.join(seeds, 'kes_empty.txt'), '');
    await writeFile(path.join(seeds, 'kes_bin.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]));
    await writeFile(path.join(seeds, 'kes_latin.txt'), Buffer.from('Le ministre a d\xe9fect\xe9.', 'latin1'));
    await writeFile(path.join(seeds, 'kes_twin.txt'), ARTICLE_A);
    await writeFile(path.join(seeds, 'kes_new.txt'), 'Kestova judge leaves\n\nMarta Vold, a Kestova judge, defected on Tuesday and fled to Norland, officials said.\n');
    await writeFile(path.join(seeds, 'manifest.json'), '{ "kes_a.txt": { "published": "2014-05-06", ');
    const r = await h.fake.command({ name: 'refresh', ...mod }, 60_000);
    expect(ephemeral(r)).toBe(true);
    const t = text(r);
    expect(t).toMatch(/Articles — added kes_new/);
    expect(t).toMatch(/seeds folder: manifest\.json is not valid JSON/);
    expect(t).toMatch(/kes_empty: skipped: the file is empty/);
    expect(t).toMatch(/kes_bin: skipped: not UTF-8 text/);
    expect(t).toMatch(/kes_latin: skipped: not UTF-8 text/);
    expect(t).toMatch(/kes_twin: skipped: same text as kes_a/);
    expect(t).toMatch(/kes_new: no manifest entry/);
    expect(r.message?.components ?? []).toEqual([]); // no page buttons on a moderator reply
    const a = await h.fake.command({ name: 'ask', options: { question: 'When did Marta Vold defect?' } });
    expect(text(a)).toMatch(/kes_new/);
  }, 60_000);

  it('a refresh with nothing valid left is refused and the served table stays', async () => {
    const before = dataset.table;
    for (const f of await readdir(seeds)) if (!/^kes_(empty|bin|latin)\.txt$/.test(f)) await rm(path.join(seeds, f));
    const r = await h.fake.command({ name: 'refresh', ...mod }, 60_000);
    expect(text(r)).toMatch(/Refresh failed[\s\S]*Nothing was changed: the table being served is unchanged\.[\s\S]*Reason: no valid article/);
    expect(dataset.table).toBe(before);
    const a = await h.fake.command({ name: 'ask', options: { question: 'When did Marta Vold defect?' } });
    expect(text(a)).toMatch(/kes_new/); // still served
  }, 60_000);

  it('every reply within limits, no unknown route, no error logged, no unhandled rejection', () => {
    expect(allViolations(h.fake)).toEqual([]);
    expect(h.fake.unknownCalls()).toEqual([]);
    expect(h.errors).toEqual([]);
    expect(unhandled).toEqual([]);
  });
});
