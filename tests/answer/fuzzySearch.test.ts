// fuzzySearch() is fuse.js's search without a fuse.js collection per query: same items, scores and order.
import fc from 'fast-check';
import Fuse from 'fuse.js';
import { describe, expect, it } from 'vitest';
import { fuzzySearch } from '../../src/answer/fuzzySearch.js';
import { FUSE_THRESHOLD } from '../../src/answer/spelling.js';

function viaFuse(texts: string[], query: string, limit: number): Array<{ item: number; score: number }> {
  const fuse = new Fuse(texts.map((norm, i) => ({ norm, i })), { keys: ['norm'], includeScore: true, threshold: FUSE_THRESHOLD, ignoreDiacritics: true });
  return fuse.search(query, { limit }).map((r) => ({ item: r.item.i, score: r.score ?? NaN }));
}

function viaFuzzySearch(texts: string[], query: string, limit: number): Array<{ item: number; score: number }> {
  return fuzzySearch(texts.map((_, i) => i), (i) => texts[i]!, query, limit);
}

const word = (chars: string, max: number) =>
  fc.array(fc.constantFrom(...chars.split('')), { minLength: 0, maxLength: max }).map((a) => a.join(''));

describe('fuzzySearch', () => {
  it.each([
    [['nora mikanlov', 'omar karimi', 'nora mikhanlov', 'mika'], 'mikanlvo', 50],
    [['nora mikanlov', 'omar karimi'], 'omar', 1],
    [['Omar Karimi', 'omar karimi ', ' ', ''], 'omar karimi', 20],
    [['łukasz nowak', 'lukasz nowak'], 'lukasz', 20],
    [['a'.repeat(40), `${'a'.repeat(35)}b`, 'ab'.repeat(25)], 'a'.repeat(38), 20],
  ])('%j for %s (limit %i) as fuse.js', (texts, query, limit) => {
    expect(viaFuzzySearch(texts, query, limit)).toEqual(viaFuse(texts, query, limit));
  });

  it('gives the same hits, scores and order as fuse.js on generated names', () => {
    fc.assert(
      fc.property(
        fc.array(word('abeiklmnorsAK ', 24), { minLength: 1, maxLength: 40 }),
        word('abeiklmnors ', 40),
        fc.nat(),
        fc.constantFrom(1, 5, 20, 50),
        (texts, typed, pick, limit) => {
          // Half the time, the query is a (possibly cut) copy of one of the names, so that many match.
          const base = pick % 2 === 0 ? (texts[pick % texts.length] ?? typed).toLowerCase().slice(0, 3 + (pick % 40)) : typed;
          const query = base.trim() === '' ? 'ab' : base;
          expect(viaFuzzySearch(texts, query, limit)).toEqual(viaFuse(texts, query, limit));
        },
      ),
      { numRuns: 1500 },
    );
  });
});
