// Incremental refresh: an extraction that starts from the previous one's state (reusing the facts of
// unchanged articles and re-reading only what a change can reach) gives exactly the table a fresh extraction
// gives, step after step: articles added, changed, removed, re-dated, and names that change how other
// articles' names resolve. And the spelling-neighbour search that clustering uses equals a brute-force search.
import fc from 'fast-check';
import Fuse from 'fuse.js';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, writeCorpus } from '../../src/bench/generate.ts';
import { extractFromDirWithStats, type ExtractionState } from '../../src/extract/index.ts';
import { neighbours, updateNeighbours } from '../../src/extract/merge.ts';
import type { FactTable } from '../../src/facts/schema.ts';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'dossier-incremental-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const withoutTime = (t: FactTable) => ({ ...t, generatedAt: '' });

describe('a refresh from the previous state equals a fresh extraction', () => {
  it('through adds, edits, removals, a new outlet, and names that re-resolve others', async () => {
    const corpus = generateCorpus({ articles: 64, seed: 'incremental' });
    const seeds = path.join(root, 'seeds');
    const cacheDir = path.join(root, 'cache');
    const held = corpus.files.slice(60);
    await writeCorpus(seeds, { ...corpus, files: corpus.files.slice(0, 60) }, { planted: false });
    const manifestFile = path.join(seeds, 'manifest.json');
    let state: ExtractionState = (await extractFromDirWithStats(seeds, { workers: 1, cacheDir })).state;

    const check = async (label: string): Promise<{ table: FactTable; reused: number }> => {
      const incremental = await extractFromDirWithStats(seeds, { workers: 1, cacheDir, previous: state });
      const fresh = await extractFromDirWithStats(seeds, { workers: 1 });
      expect(withoutTime(incremental.table), label).toEqual(withoutTime(fresh.table));
      state = incremental.state;
      return { table: fresh.table, reused: incremental.stats.reused };
    };

    // Added: the held-back articles (their names join the gazetteer).
    for (const f of held) await writeFile(path.join(seeds, f.file), f.text);
    await writeFile(manifestFile, JSON.stringify(corpus.manifest, null, 2));
    const added = await check('added');
    expect(added.reused).toBeGreaterThan(40);

    // Edited: a new person who shares the surname of the most-mentioned person, in an article that names the
    // surname alone; and a spelling variant of someone's full name, mentioned often, that can become the
    // cluster's canonical name and so change the entity in every article that names them.
    const top = [...added.table.people].sort((a, b) => b.mentions.length - a.mentions.length)[0]!;
    const surname = top.name.split(' ').at(-1)!;
    const [first, second] = corpus.files;
    await writeFile(path.join(seeds, first!.file), `${first!.text}\n\nOfficials said Anselm ${surname}, a cousin, defected to Norland on Monday. Anselm ${surname} said: "I am free."\n`);
    const variant = top.name.replace(/([aeiou])/, '$1$1');
    await writeFile(path.join(seeds, second!.file), `${second!.text}\n\n${variant} spoke again. ${variant} said he was safe. Mr ${variant.split(' ').at(-1)} thanked ${variant}'s friends.\n`);
    await check('edited');

    // Removed, and one article's outlet changed in the manifest.
    await rm(path.join(seeds, corpus.files[5]!.file));
    await rm(path.join(seeds, corpus.files[6]!.file));
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as Record<string, { outlet: string }>;
    delete manifest[corpus.files[5]!.file];
    delete manifest[corpus.files[6]!.file];
    manifest[corpus.files[7]!.file]!.outlet = 'The Kelsk Courier';
    await writeFile(manifestFile, JSON.stringify(manifest));
    await check('removed and re-dated');

    // Linked through a role: an article that names only a post ("the Zendan defence minister") gets its
    // holder from another article added later, though its own names did not change.
    await writeFile(path.join(seeds, 'zz_post.txt'), 'Zendan minister defects\n\nThe Zendan defence minister has defected and fled to Norland, officials said on Monday.\n');
    await check('a post named');
    await writeFile(path.join(seeds, 'zz_holder.txt'), 'Zendan cabinet\n\nZendan defence minister Anselm Korvat, 61, chaired the meeting on Sunday, officials said.\n');
    const linked = await check('its holder named elsewhere');
    expect(linked.table.events.find((e) => e.evidence.article === 'zz_post')?.person).toBe('anselm-korvat');

    // Nothing changed: everything is reused.
    const same = await check('unchanged');
    expect(same.reused).toBe(same.table.articles.length);
  }, 120_000);
});

describe('spelling neighbours of name parts', () => {
  // The search clustering used before it was filtered: fuse.js over every part of the same first letter.
  function bruteForce(parts: string[]): Map<string, Set<string>> {
    const unique = [...new Set(parts)];
    const out = new Map<string, Set<string>>();
    for (const p of unique) {
      const block = unique.filter((q) => q[0] === p[0]);
      const fuse = new Fuse(block, { includeScore: true, threshold: 0.3, ignoreLocation: true });
      out.set(p, new Set([p, ...fuse.search(p).filter((r) => (r.score ?? 1) <= 0.25 && Math.abs(r.item.length - p.length) <= 2).map((r) => r.item)]));
    }
    return out;
  }
  const sorted = (m: Map<string, Set<string>>) => [...m].map(([k, v]) => [k, [...v].sort()]).sort();
  // Parts made of few letters, so many are spelled alike.
  const part = fc.stringMatching(/^[abeikmnorsu]{1,11}$/);
  const variants = fc.array(part, { minLength: 1, maxLength: 60 }).chain((base) =>
    fc.tuple(fc.constant(base), fc.array(fc.tuple(fc.nat(base.length - 1), fc.nat(11), fc.constantFrom('a', 'e', 'o', '')), { maxLength: 60 })),
  ).map(([base, edits]) => [...base, ...edits.map(([i, at, ch]) => { const b = base[i]!; return b.slice(0, at) + ch + b.slice(at + 1); })].filter((p) => p.length > 0));

  it('the filtered search finds exactly what fuse.js finds over the whole block', () => {
    fc.assert(fc.property(variants, (parts) => {
      expect(sorted(neighbours(parts))).toEqual(sorted(bruteForce(parts)));
    }), { numRuns: 150 });
  });

  it('updating an earlier answer equals searching again', () => {
    fc.assert(fc.property(variants, variants, fc.nat(), (before, extra, cut) => {
      const after = [...before.slice(cut % (before.length + 1)), ...extra];
      expect(sorted(updateNeighbours(after, neighbours(before)))).toEqual(sorted(neighbours(after)));
    }), { numRuns: 150 });
  });

  it('only adding parts (the earlier sets are shared, not copied) equals searching again, and leaves the earlier answer as it was', () => {
    fc.assert(fc.property(variants, variants, (before, extra) => {
      const previous = neighbours(before);
      const snapshot = sorted(previous);
      expect(sorted(updateNeighbours([...before, ...extra], previous))).toEqual(sorted(neighbours([...before, ...extra])));
      expect(sorted(previous)).toEqual(snapshot);
    }), { numRuns: 150 });
  });

  it('spelling variants are found (a table of pairs)', () => {
    const near = neighbours(['revankin', 'revvankine', 'revankine', 'ravankin', 'horak', 'horrak', 'novak', 'holak']);
    expect([...near.get('revankin')!].sort()).toEqual(['ravankin', 'revankin', 'revankine', 'revvankine']);
    expect(near.get('horak')!.has('horrak')).toBe(true);
    expect(near.get('horak')!.has('novak')).toBe(false); // another first letter
  });
});
