// The spelling keys behind typo-tolerant search are exact shortcuts: checked against brute force and fuse.js.
import fc from 'fast-check';
import Fuse from 'fuse.js';
import { describe, expect, it } from 'vitest';
import { FUSE_THRESHOLD, knownToken, letterSet, mayFuseMatch, substringDistance, TokenIndex, tokenScore } from '../../src/answer/spelling.js';
import { skeleton } from '../../src/answer/text.js';

/** Sellers' dynamic programme: fewest edits from `p` to any substring of `t`. */
function naiveSubstringDistance(p: string, t: string): number {
  let prev = Array.from({ length: p.length + 1 }, (_, i) => i);
  let best = prev[p.length]!;
  for (let j = 1; j <= t.length; j++) {
    const cur = [0];
    for (let i = 1; i <= p.length; i++) {
      cur.push(Math.min(prev[i]! + 1, cur[i - 1]! + 1, prev[i - 1]! + (p[i - 1] === t[j - 1] ? 0 : 1)));
    }
    best = Math.min(best, cur[p.length]!);
    prev = cur;
  }
  return best;
}

const letters = (chars: string, min: number, max: number) =>
  fc.array(fc.constantFrom(...chars.split('')), { minLength: min, maxLength: max }).map((a) => a.join(''));

/** A text and a pattern that is often a near copy of part of it (so fuse.js matches often). */
const nearPair = (chars: string, maxLen: number) =>
  fc
    .tuple(letters(chars, 1, maxLen), letters(chars, 0, 6), fc.nat(), fc.nat(), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...chars.split(''))), { maxLength: 4 }), fc.boolean())
    .map(([text, other, a, b, edits, copy]) => {
      let p = copy ? text.slice(a % text.length, (a % text.length) + 1 + (b % text.length)) : other || text.slice(0, 1);
      for (const [at, c] of edits) {
        const i = at % (p.length + 1);
        p = at % 3 === 0 ? p.slice(0, i) + c + p.slice(i) : at % 3 === 1 ? p.slice(0, i) + p.slice(i + 1) : p.slice(0, i) + c + p.slice(i + 1);
      }
      return { pattern: p || 'a', text };
    });

describe('substringDistance', () => {
  it.each([
    ['abc', 'xxabcxx', 0],
    ['abc', 'xxabxx', 1],
    ['karimi', 'omar karimy', 1],
    ['quillon', 'nora mikanlov', 5],
    ['a', '', 1],
  ])('%s in %s: %i', (p, t, d) => {
    expect(substringDistance(p, t)).toBe(d);
  });

  it('equals the dynamic programme for patterns up to 32 units', () => {
    fc.assert(
      fc.property(letters('abc ', 1, 32), letters('abc ', 0, 40), (p, t) => {
        expect(substringDistance(p, t)).toBe(naiveSubstringDistance(p, t));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('mayFuseMatch', () => {
  const fuseMatches = (pattern: string, text: string): boolean =>
    new Fuse([{ norm: text }], { keys: ['norm'], includeScore: true, threshold: FUSE_THRESHOLD, ignoreDiacritics: true }).search(pattern).length > 0;

  it.each([
    ['nora mikanlov', 'nora mikanlov', true],
    ['mikanlvo', 'nora mikanlov', true],
    ['zzzz', 'nora mikanlov', false],
    ['quillon thistlewood', 'omar karimi', false],
  ])('%s in %s: %s', (p, t, expected) => {
    expect(mayFuseMatch(p, t)).toBe(expected);
    expect(fuseMatches(p, t)).toBe(expected);
  });

  it('never rules out a text fuse.js matches (short and chunked patterns)', () => {
    fc.assert(
      fc.property(nearPair('abcdeo ', 70), ({ pattern, text }) => {
        if (fuseMatches(pattern, text)) expect(mayFuseMatch(pattern, text)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('rules out most unrelated names', () => {
    const names = Array.from({ length: 200 }, (_, i) => `name${i.toString(36)} surname${(i * 7919).toString(36)}`);
    const kept = names.filter((n) => mayFuseMatch('quillon thistlewood', n));
    expect(kept.length).toBeLessThan(names.length / 2);
  });
});

describe('TokenIndex', () => {
  it.each([
    ['karimi', ['karimi', 'karimy', 'karim', 'kareemi'], ['karimi', 'karimy', 'karim', 'kareemi']],
    ['husseini', ['huseiny', 'hussein', 'hassan'], ['huseiny', 'hussein']],
    ['zzzz', ['karimi', 'omar'], []],
  ])('typed %s among %j finds %j', (typed, known, expected) => {
    const found = new TokenIndex(known).matches(typed).map((m) => m.known.token);
    expect(found.sort()).toEqual([...expected].sort());
  });

  it('finds the same words, with the same scores, as comparing with every known word', () => {
    const word = letters('abdehikmnorsuy', 1, 11);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 60 }), fc.array(word, { minLength: 1, maxLength: 10 }), (known, typedWords) => {
        const index = new TokenIndex(known);
        for (const typed of [...typedWords, ...known.slice(0, 5)]) {
          const s = skeleton(typed);
          const brute = [...new Set(known)].map((k) => ({ k, score: tokenScore(typed, s, letterSet(s), knownToken(k)) })).filter((x) => x.score > 0);
          const fast = index.matches(typed).map((m) => ({ k: m.known.token, score: m.score }));
          expect(fast.sort((a, b) => a.k.localeCompare(b.k))).toEqual(brute.sort((a, b) => a.k.localeCompare(b.k)));
        }
      }),
      { numRuns: 500 },
    );
  });
});
