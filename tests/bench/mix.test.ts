// Percentiles, the question mix and autocomplete prefixes used by the benchmark.
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/bench/generate.ts';
import { autocompletePrefixes, QUESTION_KINDS, questionsFromPlanted } from '../../src/bench/questions.ts';
import { percentile, summarize } from '../../src/bench/stats.ts';

describe('percentile (nearest rank)', () => {
  const xs = Array.from({ length: 100 }, (_, i) => i + 1);
  it.each([
    [0.5, 50],
    [0.95, 95],
    [0.99, 99],
    [1, 100],
    [0, 1],
  ])('p%s of 1..100 = %s', (q, want) => {
    expect(percentile(xs, q)).toBe(want);
  });

  it('summarize sorts and reports n, p50, p99, max, mean', () => {
    expect(summarize([5, 1, 3])).toEqual({ n: 3, p50: 3, p95: 5, p99: 5, max: 5, mean: 3 });
    expect(Number.isNaN(summarize([]).p50)).toBe(true);
  });
});

describe('question mix from planted facts', () => {
  const corpus = generateCorpus({ articles: 60, seed: 'mix' });
  const qs = questionsFromPlanted(corpus.planted, 100);
  const names = corpus.planted.people.flatMap((p) => p.spellings.flatMap((s) => [s.toLowerCase(), s.split(' ').at(-1)!.toLowerCase()]));

  it('has every kind in equal parts', () => {
    for (const kind of QUESTION_KINDS) expect(qs.filter((q) => q.kind === kind)).toHaveLength(20);
  });

  it('is the same list every time', () => {
    expect(questionsFromPlanted(corpus.planted, 100)).toEqual(qs);
  });

  it.each([
    ['when', /^When did .+ defect\?$/],
    ['who', /^Who defected in [A-Z][a-z]+ \d{4}\?$/],
    ['said', /^What did .+ say\?$/],
    ['profile', /^Who is .+\?$/],
    ['unknown', /^When did .+ defect\?$/],
  ] as const)('%s questions read like %s', (kind, re) => {
    for (const q of qs.filter((x) => x.kind === kind)) expect(q.question).toMatch(re);
  });

  it('"when" questions name a planted defector and know the articles to cite', () => {
    for (const q of qs.filter((x) => x.kind === 'when')) {
      const who = q.question.replace(/^When did (.+) defect\?$/, '$1').toLowerCase();
      expect(names).toContain(who);
      expect(q.expectArticles!.length).toBeGreaterThan(0);
    }
  });

  it('"unknown" questions name nobody in the corpus', () => {
    for (const q of qs.filter((x) => x.kind === 'unknown')) {
      const who = q.question.replace(/^When did (.+) defect\?$/, '$1').toLowerCase();
      expect(names.some((n) => who.includes(n))).toBe(false);
      expect(q.expectNoSource).toBe(true);
    }
  });
});

describe('autocomplete prefixes', () => {
  it('are 1 to 6 characters long and deterministic', () => {
    const ps = autocompletePrefixes(['Teodor Vashkelis', 'Ilyan Morrow'], 200);
    expect(ps).toHaveLength(200);
    expect(ps.every((p) => p.length >= 1 && p.length <= 6)).toBe(true);
    expect(autocompletePrefixes(['Teodor Vashkelis', 'Ilyan Morrow'], 200)).toEqual(ps);
    expect(autocompletePrefixes([], 10)).toEqual([]);
  });
});
