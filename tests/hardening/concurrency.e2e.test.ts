// Two /refresh and an /article add at once, through the real discord.js client and the local fake server, on
// the real Dataset: they run one after the other (never interleaved), the later ones are told they waited, and
// questions asked meanwhile are answered at once from the table being served.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dataset, type RefreshReport } from '../../src/store/dataset.ts';
import { MODERATOR_PERMISSIONS, sleep, unhandled, type InteractionResult } from '../support/fakeDiscord.ts';
import { startHarness, type Harness, embedText } from '../support/harness.ts';
import { ARTICLE_A, ARTICLE_B, ARTICLE_C } from '../support/kestova.ts';
import { allViolations } from '../support/limits.ts';


let dir: string;
let seeds: string;
let dataset: Dataset;
let h: Harness;
const events: string[] = [];
let gate: Promise<void> = Promise.resolve();
let release: () => void = () => undefined;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dossier-concurrency-'));
  seeds = path.join(dir, 'seeds');
  await mkdir(seeds);
  await writeFile(path.join(seeds, 'kes_a.txt'), ARTICLE_A);
  await writeFile(path.join(seeds, 'manifest.json'), JSON.stringify({ 'kes_a.txt': { published: '2014-05-06', outlet: 'Kestova Post' } }));
  dataset = await Dataset.open({ seedsDir: seeds, dataFile: path.join(dir, 'data', 'facts.json') });
  // Observe every table change (refresh and article add/remove all go through refreshNow); the first one waits
  // at a gate so the others are guaranteed to arrive while it runs.
  const original = Reflect.get(dataset, 'refreshNow') as (this: Dataset, ...args: unknown[]) => Promise<RefreshReport>;
  Reflect.set(dataset, 'refreshNow', async (...args: unknown[]): Promise<RefreshReport> => {
    events.push('start');
    try {
      await gate;
      return await original.apply(dataset, args);
    } finally {
      events.push('end');
    }
  });
  h = await startHarness({ dataset, deferAfterMs: 1500 });
}, 120_000);

afterAll(async () => {
  await h?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const text = embedText;

const mod = { permissions: MODERATOR_PERMISSIONS };

describe('concurrent table changes', () => {
  it('two /refresh and an /article add at once run one after the other; questions meanwhile come from the current table', async () => {
    gate = new Promise<void>((r) => {
      release = r;
    });
    await writeFile(path.join(seeds, 'kes_b.txt'), ARTICLE_B);
    const first = h.fake.command({ name: 'refresh', ...mod }, 60_000);
    while (!events.includes('start')) await sleep(5);
    const second = h.fake.command({ name: 'refresh', ...mod }, 60_000);
    const add = h.fake.command(
      { name: 'article', subcommand: 'add', options: { file: h.fake.registerAttachment('kes_c.txt', ARTICLE_C), published: '2014-05-11', outlet: 'Norland Wire' }, ...mod },
      60_000,
    );
    // Both later ones are deferred (acknowledged) and queued behind the first.
    await h.fake.waitFor((c) => c.route.includes('/callback') && c.token !== null && (c.body as { type: number }).type === 5, 10_000);
    while (!dataset.busy) await sleep(5);

    // Questions while the first refresh is stuck: answered now, from the table being served.
    const asked: Array<{ q: string; r: InteractionResult; ms: number }> = [];
    for (const q of ['When did Jorund Pell defect?', 'When did Alva Strom defect?', 'When did Ivar Lunde defect?']) {
      const t = performance.now();
      asked.push({ q, r: await h.fake.command({ name: 'ask', options: { question: q } }), ms: performance.now() - t });
    }
    expect(events).toEqual(['start']); // still only the first change, not finished
    expect(asked.map((a) => a.r.callbackType)).toEqual([4, 4, 4]); // answered directly, not deferred
    expect(text(asked[0]!.r)).toMatch(/kes_a · Kestova Post · 2014-05-06/);
    expect(text(asked[1]!.r)).not.toMatch(/kes_b/); // not in the served table yet
    expect(text(asked[2]!.r)).not.toMatch(/kes_c/);
    for (const a of asked) expect(a.ms).toBeLessThan(5_000);

    release();
    const [r1, r2, r3] = await Promise.all([first, second, add]);
    // Never interleaved: each change ended before the next began.
    expect(events).toEqual(['start', 'end', 'start', 'end', 'start', 'end']);
    expect(text(r1)).toMatch(/Refresh[\s\S]*added kes_b/);
    expect(text(r2)).toMatch(/Another refresh was running; yours ran after it\./);
    expect(text(r3)).toMatch(/Article added: kes_c[\s\S]*A refresh was running; this ran after it\./);

    // Afterwards both new articles are served.
    expect(text(await h.fake.command({ name: 'ask', options: { question: 'When did Alva Strom defect?' } }))).toMatch(/kes_b · unknown outlet|kes_b/);
    expect(text(await h.fake.command({ name: 'ask', options: { question: 'When did Ivar Lunde defect?' } }))).toMatch(/kes_c · Norland Wire · 2014-05-11/);
  }, 120_000);

  it('a second /article add of the same file while the first is queued is refused, not added twice', async () => {
    gate = new Promise<void>((r) => {
      release = r;
    });
    events.length = 0;
    const article = 'Kestova judge leaves\n\nMarta Vold, a Kestova judge, defected on Tuesday and fled to Norland, officials said.\n';
    const one = h.fake.command({ name: 'article', subcommand: 'add', options: { file: h.fake.registerAttachment('kes_d.txt', article), published: '2014-05-12' }, ...mod }, 60_000);
    while (!events.includes('start')) await sleep(5);
    const two = h.fake.command({ name: 'article', subcommand: 'add', options: { file: h.fake.registerAttachment('kes_d.txt', article), published: '2014-05-12' }, ...mod }, 60_000);
    await sleep(200);
    release();
    const [a, b] = await Promise.all([one, two]);
    expect(text(a)).toMatch(/Article added: kes_d/);
    expect(text(b)).toMatch(/failed[\s\S]*Nothing was changed[\s\S]*already exists/);
    expect(dataset.table.articles.filter((x) => x.id === 'kes_d')).toHaveLength(1);
    expect(events).toEqual(['start', 'end']); // the refused one never touched the table
  }, 120_000);

  it('every reply within limits, no unknown route, no error logged, no unhandled rejection', () => {
    expect(allViolations(h.fake)).toEqual([]);
    expect(h.fake.unknownCalls()).toEqual([]);
    expect(h.errors).toEqual([]);
    expect(unhandled).toEqual([]);
  });
});
