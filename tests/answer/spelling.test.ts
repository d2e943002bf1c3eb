// The spelling keys behind typo-tolerant search are exact shortcuts: checked against brute force and fuse.js.
import fc from 'fast-check';
import Fuse from 'fuse.js';
import { describe, expect, it } from 'vitest';
import { buildNameIndex, coreTokens, resolveName } from '../../src/answer/names.js';
import { FUSE_THRESHOLD, knownToken, letterSet, mayFuseMatch, substringDistance, TokenIndex, tokenScore } from '../../src/answer/spelling.js';
import { skeleton } from '../../src/answer/text.js';
import type { FactTable } from '../../src/facts/schema.js';

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

/** The typo matching as it was before the spelling index: every person with a similar-looking word, compared. */
function bruteFuzzy(table: FactTable, idx: ReturnType<typeof buildNameIndex>, core: string[]): { person: string | null; suggestions: string[] } {
  if (!core.some((t) => t.length >= 4)) return { person: null, suggestions: [] };
  const personTokens = new Map<string, string[]>();
  for (const p of table.people) {
    const toks = new Set<string>();
    for (const s of new Set([p.name, ...p.aliases])) for (const t of coreTokens(s.trim())) toks.add(t);
    personTokens.set(p.id, [...toks]);
  }
  const typed = core.map((t) => ({ t, s: skeleton(t), l: letterSet(skeleton(t)) }));
  let candidates: string[] | null = null;
  for (const t of core) {
    const block: string[] = [];
    for (let len = t.length - 2; len <= t.length + 2; len++) {
      for (const [id, toks] of personTokens) if (toks.some((k) => k.charAt(0) === t.charAt(0) && k.length === len) && !block.includes(id)) block.push(id);
    }
    candidates = candidates === null ? block : candidates.filter((id) => block.includes(id));
  }
  const scored: Array<{ id: string; score: number }> = [];
  for (const id of candidates ?? []) {
    let total = 0;
    let ok = true;
    for (const { t, s, l } of typed) {
      const best = Math.max(0, ...(personTokens.get(id) ?? []).map((k) => tokenScore(t, s, l, knownToken(k))));
      if (best === 0) {
        ok = false;
        break;
      }
      total += best;
    }
    if (ok) scored.push({ id, score: total / core.length });
  }
  scored.sort((a, b) => b.score - a.score || (idx.prominence.get(b.id) ?? 0) - (idx.prominence.get(a.id) ?? 0));
  const [top, second] = scored;
  if (top && (!second || top.score - second.score >= 0.05)) return { person: top.id, suggestions: [] };
  return { person: null, suggestions: scored.slice(0, 5).map((s) => s.id) };
}

describe('typo matching of names', () => {
  const syllable = fc.constantFrom('ka', 'ri', 'mi', 'om', 'ar', 'ha', 'sa', 'an', 'ni', 'ko', 'ro', 'va', 'ou', 'ee', 'y', 'ph', 'q');
  const name = fc.array(syllable, { minLength: 2, maxLength: 5 }).map((s) => s.join(''));
  const person = fc.tuple(name, name, fc.option(name), fc.nat(4)).map(([first, last, alias, weight]) => ({ first, last, alias, weight }));

  it('finds the same person or suggestions as comparing the typed words with every person', () => {
    fc.assert(
      fc.property(fc.array(person, { minLength: 1, maxLength: 40 }), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.boolean()), { minLength: 1, maxLength: 8 }), (specs, typos) => {
        const people = specs.map((p, i) => ({
          id: `p${i}`,
          name: `${p.first} ${p.last}`,
          aliases: [`${p.first} ${p.last}`, ...(p.alias ? [`${p.alias} ${p.last}`] : [])],
          roles: [],
          attributes: [],
          articles: Array.from({ length: p.weight }, (_, k) => `a${k}`),
          mentions: [],
        }));
        const table = { articles: [], people, events: [], quotes: [] } as unknown as FactTable;
        const idx = buildNameIndex(table);
        for (const [who, at, kind, both] of typos) {
          const p = people[who % people.length]!;
          const words = p.name.split(' ');
          const edit = (w: string): string => {
            const i = 1 + (at % Math.max(1, w.length - 1));
            return kind % 3 === 0 ? w.slice(0, i) + w.slice(i + 1) : kind % 3 === 1 ? `${w.slice(0, i)}e${w.slice(i)}` : `${w.slice(0, i)}o${w.slice(i + 1)}`;
          };
          const query = both ? words.map(edit).join(' ') : edit(words.at(-1)!);
          const strict = resolveName(idx, query, false);
          const expected = strict.person || strict.suggestions.length > 0
            ? { person: strict.person?.id ?? null, suggestions: strict.suggestions.map((s) => s.id) }
            : bruteFuzzy(table, idx, coreTokens(query));
          const got = resolveName(idx, query, true);
          expect({ person: got.person?.id ?? null, suggestions: got.suggestions.map((s) => s.id) }).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });
});
