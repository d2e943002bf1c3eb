// The corpus generator: deterministic, a valid manifest, planted facts that are really in the text, varied
// sentence shapes and page furniture, and an invented world that shares no name with the seed articles.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus, plantedFor, writeCorpus } from '../../src/bench/generate.ts';
import { Rng } from '../../src/bench/random.ts';
import { spellingKey, spellingVariants } from '../../src/bench/world.ts';
import { ManifestEntry, checkPublished, readSeeds } from '../../src/extract/load.ts';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), 'dossier-corpus-'));
  dirs.push(d);
  return d;
}
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const corpus = generateCorpus({ articles: 120, seed: 'test-seed' });
const textOf = new Map(corpus.files.map((f) => [f.file.replace(/\.txt$/, ''), f.text]));

describe('seeded PRNG', () => {
  it.each([
    ['same seed, same stream', 'a', 'a', true],
    ['other seed, other stream', 'a', 'b', false],
    ['numeric and string seeds agree', 42, '42', true],
  ] as const)('%s', (_name, s1, s2, same) => {
    const r1 = new Rng(s1);
    const r2 = new Rng(s2);
    const xs = Array.from({ length: 20 }, () => r1.next());
    const ys = Array.from({ length: 20 }, () => r2.next());
    expect(xs.every((x, i) => x === ys[i])).toBe(same);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('int() stays in range and reaches both ends', () => {
    const r = new Rng('range');
    const seen = new Set(Array.from({ length: 500 }, () => r.int(3, 7)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });
});

describe('spelling variants', () => {
  it.each([
    ['Vashalis', ['Vashallis', 'Vashalise', 'Vashallise']],
    ['Korimond', ['Korrimond', 'Korimonde', 'Korrimonde']],
    ['Tesko', []],
    ['Pellaral', ['Pellarral', 'Pellarale', 'Pellarrale']],
  ])('%s -> %j', (family, variants) => {
    expect(spellingVariants(family)).toEqual(variants);
    // Every variant folds to the same key as the original (that is what makes it a spelling, not a new name).
    for (const v of variants) expect(spellingKey(v)).toBe(spellingKey(family));
  });
});

describe('determinism', () => {
  it('same seed -> same bytes on disk; another seed -> other articles', async () => {
    const [a, b] = [await tempDir(), await tempDir()];
    await writeCorpus(a, generateCorpus({ articles: 40, seed: 7 }));
    await writeCorpus(b, generateCorpus({ articles: 40, seed: 7 }));
    const files = (await readdir(a)).sort();
    expect(files).toEqual((await readdir(b)).sort());
    expect(files).toHaveLength(42);
    for (const f of files) expect(await readFile(path.join(a, f))).toEqual(await readFile(path.join(b, f)));
    const other = generateCorpus({ articles: 40, seed: 8 });
    expect(other.files.map((f) => f.text)).not.toEqual(generateCorpus({ articles: 40, seed: 7 }).files.map((f) => f.text));
  });

  it('is a pure function of its options (no shared state between calls)', () => {
    const twice = [generateCorpus({ articles: 5, seed: 'x' }), generateCorpus({ articles: 5, seed: 'x' })];
    expect(twice[0]).toEqual(twice[1]);
  });

  it('refuses a non-positive article count', () => {
    expect(() => generateCorpus({ articles: 0 })).toThrow(/positive/);
    expect(() => generateCorpus({ articles: 2.5 })).toThrow(/positive/);
  });
});

describe('manifest', () => {
  it('has exactly the seeds shape for every file, with real past dates in order', () => {
    expect(Object.keys(corpus.manifest)).toEqual(corpus.files.map((f) => f.file));
    let previous = '';
    for (const [file, entry] of Object.entries(corpus.manifest)) {
      expect(file).toMatch(/^\d{5}_[0-9a-f]{16}\.txt$/);
      expect(Object.keys(entry).sort()).toEqual(['outlet', 'published']);
      expect(ManifestEntry.safeParse(entry).success).toBe(true);
      expect(checkPublished(entry.published)).toBeNull();
      expect(entry.published >= previous).toBe(true);
      previous = entry.published;
    }
  });

  it('loads through the real reader without a single warning', async () => {
    const dir = await tempDir();
    await writeCorpus(dir, corpus);
    const { articles, warnings } = await readSeeds(dir);
    expect(warnings).toEqual([]);
    expect(articles).toHaveLength(120);
    expect(articles.every((a) => a.meta !== null)).toBe(true);
  });
});

describe('planted facts are in the text', () => {
  const p = corpus.planted;
  it('plants every kind, in numbers that grow with the corpus', () => {
    expect(p.defections.length).toBeGreaterThan(60);
    expect(p.quotes.length).toBeGreaterThan(250);
    expect(p.denials.length).toBeGreaterThan(10);
    expect(new Set(p.events.map((e) => e.kind))).toEqual(new Set(['appointment', 'dismissal', 'flight']));
    expect(p.defections.some((d) => d.inPassing) && p.defections.some((d) => !d.inPassing)).toBe(true);
  });

  it('every quote occurs verbatim in its article', () => {
    for (const q of p.quotes) expect(textOf.get(q.article), `${q.article}: ${q.text}`).toContain(q.text);
  });

  it('a quote attributed by "he" or "she" follows a paragraph that names its speaker or no one else', () => {
    // Otherwise the planted speaker is not who the text says: "Y, a spokesman, called the move a betrayal. / '...,'
    // he said" reads as Y, whoever the generator meant.
    const familiesOf = new Map(p.people.map((person) => [person.id, new Set(person.spellings.map((s) => s.split(' ').at(-1)!))]));
    let pronounQuotes = 0;
    for (const q of p.quotes) {
      if (q.speaker === null) continue;
      const paragraphs = textOf.get(q.article)!.split('\n').filter((line) => line.trim());
      const at = paragraphs.findIndex((line) => line.includes(q.text));
      const names = (line: string, id: string) => [...familiesOf.get(id)!].some((f) => line.includes(f));
      if (names(paragraphs[at]!, q.speaker)) continue; // named where it is quoted ("I, X, announce ..." too)
      pronounQuotes++;
      const before = paragraphs[at - 1] ?? '';
      const others = p.people.filter((person) => person.id !== q.speaker && names(before, person.id)).map((person) => person.name);
      if (!names(before, q.speaker)) expect(others, `${q.article}: "${q.text}" after "${before}"`).toEqual([]);
    }
    expect(pronounQuotes).toBeGreaterThan(20);
  });

  it('every defection and denial names its person as spelled in that article', () => {
    for (const d of [...p.defections, ...p.denials]) expect(textOf.get(d.article), `${d.article}: ${d.written}`).toContain(d.written);
  });

  it('defection dates are in the article, not after its publication, and day or month precise', () => {
    const published = new Map(corpus.files.map((f) => [f.file.replace(/\.txt$/, ''), f.published]));
    for (const d of p.defections) {
      if (!d.date) continue;
      expect(textOf.get(d.article)).toContain(d.date.text);
      expect(d.date.value <= published.get(d.article)!).toBe(true);
      expect(d.date.value).toMatch(d.date.precision === 'day' ? /^\d{4}-\d{2}-\d{2}$/ : /^\d{4}-\d{2}$/);
    }
  });

  it('a denied person never defects anywhere in the corpus', () => {
    const defected = new Set(p.defections.map((d) => d.person));
    expect(p.denials.filter((d) => defected.has(d.person))).toEqual([]);
  });

  it('people are spelled more than one way across articles', () => {
    expect(p.people.filter((x) => x.spellings.length > 1).length).toBeGreaterThan(5);
  });

  it('plantedFor keeps only the facts of the chosen articles', () => {
    const first = new Set([corpus.files[0]!.file.replace(/\.txt$/, '')]);
    const sub = plantedFor(p, first);
    expect(sub.articles).toBe(1);
    expect([...sub.defections, ...sub.quotes, ...sub.denials].every((x) => first.has(x.article))).toBe(true);
    expect(sub.quotes.length).toBe(p.quotes.filter((q) => first.has(q.article)).length);
  });
});

describe('variety: the shapes a wire story uses', () => {
  const all = corpus.files.map((f) => f.text).join('\n');
  it.each([
    ['"has defected"', /has defected/],
    ['"deserted"', /\bdeserted\b/],
    ['"joined the ranks of the revolution"', /joined the ranks of the revolution/],
    ['a video on YouTube', /video posted on (?:social networking site )?YouTube/],
    ['a denial', /denied reports that .* had (?:also )?defected/],
    ['"he said" / "she said"', /[,”"] (?:he|she) said\./],
    ['"said X"', /[,"”] said [A-Z][a-z]+/],
    ['a multi-sentence quote', /["“][^"”\n]+\. [A-Z][^"”\n]+,["”]/],
    ['a quote cut with ". . ."', / \. \. \. /],
    ['an addressee', /urged (?:the army|the police|the security forces|soldiers) to ["“]/],
    ['"on <weekday>"', /\bon (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b/],
    ['"last month" or "in late <month>"', /last month|in (?:late|early) [A-Z][a-z]+/],
    ['"last night", "yesterday" or "this morning"', /last night|yesterday|this morning/],
    ['an appointment', /appointed .* as /],
    ['a dismissal', /had (?:been )?dismissed/],
    ['a flight to a place', /fled to [A-Z]/],
    ['"Share"', /^Share$/m],
    ['a newsletter block', /^Sign up to our newsletter$/m],
    ['a photo credit glued to a name', /^[A-Z][a-z]+ [A-Z][a-z]+(?:Reuters|AFP|EPA|Getty Images|AP)$/m],
    ['curly and straight quotes', /“[\s\S]*"|"[\s\S]*“/],
  ])('%s', (_name, re) => {
    expect(all).toMatch(re);
  });
});

describe('an invented world', () => {
  it('shares no person, country or outlet name with the seed articles', async () => {
    const seedText = (await Promise.all((await readdir('seeds')).filter((f) => f.endsWith('.txt')).map((f) => readFile(path.join('seeds', f), 'utf8')))).join('\n');
    const big = generateCorpus({ articles: 400, seed: 'world-check' });
    const names = new Set(big.planted.people.flatMap((p) => p.spellings.flatMap((s) => s.split(' '))));
    const clashes = [...names].filter((n) => new RegExp(`\\b${n}\\b`).test(seedText));
    // Given names are generic; family names must all be invented.
    const families = new Set(big.planted.people.map((p) => p.name.split(' ').at(-1)!));
    expect(clashes.filter((c) => families.has(c))).toEqual([]);
    for (const outlet of new Set(Object.values(big.manifest).map((m) => m.outlet))) expect(seedText).not.toContain(outlet);
  });
});
