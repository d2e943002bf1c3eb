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
import { clusterSteps, namePartsOf, neighbours, updateNeighbours } from '../../src/extract/merge.ts';
import { runSteps } from '../../src/extract/steps.ts';
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

    // Linked through a person's roles: an article's event takes its person's role, named later elsewhere,
    // though neither its names nor its own roles changed.
    await writeFile(path.join(seeds, 'zz_defector.txt'), 'Zendan official defects\n\nTeodor Brannik defected to Norland on Monday, officials said.\n');
    const alone = await check('a defector');
    const roleOfDefection = (t: FactTable) => t.events.find((e) => e.evidence.article === 'zz_defector' && e.person === 'teodor-brannik')?.role;
    expect(roleOfDefection(alone.table)).toBeNull();
    await writeFile(path.join(seeds, 'zz_cabinet.txt'), 'Zendan cabinet meets\n\nZendan finance minister Teodor Brannik chaired the cabinet meeting on Sunday, officials said.\n');
    const named = await check('his post named elsewhere');
    expect(roleOfDefection(named.table)).toBe('zendan finance minister');

    // Spellings of one surname: "halvenbrosk" and "holvanbrask" are not spelled alike, "halvanbrask" is alike
    // both. Two people, then one when an article bridges them (a name added to a cluster and two clusters
    // merged), then two again when it is removed.
    const said = (name: string, what: string) => `Zendan ${what}\n\nZendan trade minister ${name} said on Monday the border would reopen. ${name} said: "We are ready."\n`;
    await writeFile(path.join(seeds, 'zz_spelling_a.txt'), said('Teodor Halvenbrosk', 'trade'));
    await writeFile(path.join(seeds, 'zz_spelling_b.txt'), said('Teodor Holvanbrask', 'border'));
    const apart = await check('two spellings apart');
    const halven = (t: FactTable) => t.people.filter((p) => p.aliases.some((a) => /^Teodor H[ao]lv[ae]nbr[ao]sk$/.test(a))).map((p) => p.aliases.filter((a) => a.startsWith('Teodor')).sort());
    expect(halven(apart.table)).toEqual([['Teodor Halvenbrosk'], ['Teodor Holvanbrask']]);
    await writeFile(path.join(seeds, 'zz_spelling_bridge.txt'), said('Teodor Halvanbrask', 'reopening'));
    const bridged = await check('a spelling alike both');
    expect(halven(bridged.table)).toEqual([['Teodor Halvanbrask', 'Teodor Halvenbrosk', 'Teodor Holvanbrask']]);
    await rm(path.join(seeds, 'zz_spelling_bridge.txt'));
    const split = await check('the bridging spelling removed');
    expect(halven(split.table)).toEqual([['Teodor Halvenbrosk'], ['Teodor Holvanbrask']]);

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

  it('updating an earlier answer equals searching again, leaves the earlier answer as it was, and shares only sets that did not change', () => {
    fc.assert(fc.property(variants, variants, fc.nat(), (before, extra, cut) => {
      const after = [...before.slice(cut % (before.length + 1)), ...extra];
      const previous = neighbours(before);
      const snapshot = sorted(previous);
      const updated = updateNeighbours(after, previous);
      const fresh = neighbours(after);
      expect(sorted(updated)).toEqual(sorted(fresh));
      expect(sorted(previous)).toEqual(snapshot);
      // Clustering trusts a shared set to be unchanged.
      for (const [p, set] of updated) if (set === previous.get(p)) expect([...set].sort()).toEqual([...fresh.get(p)!].sort());
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

describe('clustering again from the previous clustering', () => {
  // Names from few letters, so many surnames and given names are spelled alike; some are a surname alone
  // (which joins the most-mentioned full name with that surname), some carry "al-".
  const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);
  // A few surnames, each spelled many ways (a letter changed, dropped or added), so neighbours are often
  // one-sided (fuse.js scores a pair from each side) and blocks join and split as names come and go.
  const spelled = (...bases: string[]) => fc.tuple(fc.constantFrom(...bases), fc.nat(8), fc.constantFrom('a', 'e', 'o', 'r', '', 'kk'))
    .map(([base, at, ch]) => base.slice(0, at) + ch + base.slice(at + 1))
    .filter((w) => w.length >= 2);
  const surname = spelled('korvat', 'korvan', 'samsek', 'drebek', 'mirosan', 'ulk');
  // A given name is sometimes spelled like a surname (a part can be both).
  const givenName = fc.oneof(fc.constant(''), spelled('anselm', 'milan', 'teodor', 'korvat').map((g) => `${cap(g)} `));
  const name = fc.tuple(givenName, fc.constantFrom('', '', 'al-'), surname)
    .map(([g, particle, w]) => `${g}${particle}${cap(w)}`);
  const counted = fc.uniqueArray(fc.tuple(name, fc.integer({ min: 1, max: 4 })), { selector: ([n]) => n, maxLength: 40 });
  // The next corpus: names dropped, re-counted, first mentioned later, and new names inserted anywhere.
  const change = fc.tuple(counted, counted, fc.array(fc.nat(), { maxLength: 40 }), fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 40 }));

  const cluster = (names: Array<[string, number]>, near: ReadonlyMap<string, ReadonlySet<string>>, previous = null as Parameters<typeof clusterSteps>[2]) =>
    runSteps(clusterSteps(new Map(names), near, previous));

  it('equals clustering from scratch, whatever changed', () => {
    fc.assert(fc.property(change, ([before, added, at, edits]) => {
      const previous = cluster(before, neighbours(namePartsOf(before.map(([n]) => n))));
      // edit 0: dropped; 1: one more mention; 2: first mentioned after the others; else kept.
      const after: Array<[string, number]> = before.flatMap(([n, c], i): Array<[string, number]> => (edits[i] === 0 || edits[i] === 2 ? [] : [[n, edits[i] === 1 ? c + 1 : c]]));
      after.push(...before.filter((_, i) => edits[i] === 2));
      for (const [k, [n, c]] of added.entries()) if (!after.some(([m]) => m === n)) after.splice(at[k]! % (after.length + 1), 0, [n, c]);
      const parts = namePartsOf(after.map(([n]) => n));
      const again = cluster(after, updateNeighbours(parts, previous.near), previous);
      const fresh = cluster(after, neighbours(parts));
      expect([...again.canonical].sort()).toEqual([...fresh.canonical].sort());
    }), { numRuns: 400 });
  });

  it('a new spelling mentioned most renames its cluster, and the other clusters keep theirs', () => {
    const names: Array<[string, number]> = [['Anselm Korvat', 3], ['Korvat', 1], ['Milan Drebek', 2], ['Milen Drebek', 1], ['Teodor Samsk', 2]];
    const previous = cluster(names, neighbours(namePartsOf(names.map(([n]) => n))));
    expect(previous.canonical.get('Korvat')).toBe('Anselm Korvat');
    expect(previous.canonical.get('Milen Drebek')).toBe('Milan Drebek');
    // A third spelling of the Drebek family, mentioned most: the cluster's canonical name changes; the other
    // clusters are kept as they were (the same answer, not worked out again).
    const after: Array<[string, number]> = [...names, ['Milan Drebbek', 5]];
    const parts = namePartsOf(after.map(([n]) => n));
    const again = cluster(after, updateNeighbours(parts, previous.near), previous);
    expect(again.canonical.get('Milen Drebek')).toBe('Milan Drebbek');
    expect(again.canonical.get('Korvat')).toBe('Anselm Korvat');
    expect([...again.canonical].sort()).toEqual([...cluster(after, neighbours(parts)).canonical].sort());
  });

  it('a name first mentioned earlier than before can change which cluster a lone surname joins', () => {
    // Milan and Milen are one cluster, whose root is the name first mentioned; a lone "Korvat" joins the
    // cluster whose root is mentioned most. The counts stay the same; only the order of first mention changes.
    const first: Array<[string, number]> = [['Milan Korvat', 1], ['Milen Korvat', 5], ['Anselm Korvat', 3], ['Korvat', 1]];
    const later: Array<[string, number]> = [['Milen Korvat', 5], ['Anselm Korvat', 3], ['Korvat', 1], ['Milan Korvat', 1]];
    const parts = namePartsOf(first.map(([n]) => n));
    const previous = cluster(first, neighbours(parts));
    expect(previous.canonical.get('Korvat')).toBe('Anselm Korvat');
    const again = cluster(later, updateNeighbours(parts, previous.near), previous);
    expect(again.canonical.get('Korvat')).toBe('Milen Korvat');
    expect([...again.canonical].sort()).toEqual([...cluster(later, neighbours(parts)).canonical].sort());
  });

  it('a cluster joined through a one-sided neighbour splits when the other spelling goes', () => {
    // "korv" has "korvat" among its neighbours, not the other way round; Milan Korv, mentioned most, names the
    // cluster. Without him, Milan Korvat names himself, though nothing about "korvat" changed.
    const parts = namePartsOf(['Milan Korv', 'Milan Korvat']);
    const near = neighbours(parts);
    expect(near.get('korv')!.has('korvat') && !near.get('korvat')!.has('korv')).toBe(true);
    const previous = cluster([['Milan Korvat', 1], ['Milan Korv', 4]], near);
    expect(previous.canonical.get('Milan Korvat')).toBe('Milan Korv');
    const again = cluster([['Milan Korvat', 1]], updateNeighbours(['milan', 'korvat'], previous.near), previous);
    expect(again.canonical.get('Milan Korvat')).toBe('Milan Korvat');
    // The same when "korv" stays as someone's given name: the part and its neighbours are unchanged, and it is
    // no one's surname any more.
    const withGiven: Array<[string, number]> = [['Milan Korvat', 1], ['Milan Korv', 4], ['Korv Samsek', 1]];
    const before = cluster(withGiven, neighbours(namePartsOf(withGiven.map(([n]) => n))));
    const stays: Array<[string, number]> = [['Milan Korvat', 1], ['Korv Samsek', 1]];
    const after = cluster(stays, updateNeighbours(namePartsOf(stays.map(([n]) => n)), before.near), before);
    expect(after.canonical.get('Milan Korvat')).toBe('Milan Korvat');
    // The other way round: Milan Korvat names the cluster and goes; "korv" loses the neighbour it had.
    const other = cluster([['Milan Korv', 1], ['Milan Korvat', 4]], near);
    expect(other.canonical.get('Milan Korv')).toBe('Milan Korvat');
    const alone = cluster([['Milan Korv', 1]], updateNeighbours(['milan', 'korv'], other.near), other);
    expect(alone.canonical.get('Milan Korv')).toBe('Milan Korv');
  });

  it('a spelling that named its cluster goes while all its parts stay', () => {
    // "Korvatt" folds to the same key as "Korvat": no part comes or goes, no neighbour set changes; only the
    // name (mentioned last) is gone.
    const previous = cluster([['Milan Korvat', 1], ['Milan Korvatt', 4]], neighbours(['milan', 'korvat']));
    expect(previous.canonical.get('Milan Korvat')).toBe('Milan Korvatt');
    const again = cluster([['Milan Korvat', 1]], updateNeighbours(['milan', 'korvat'], previous.near), previous);
    expect(again.canonical.get('Milan Korvat')).toBe('Milan Korvat');
  });
});
