// The evidence fallback's threshold: a sentence is offered only when it holds most of the question's
// weight (idf) and at least two of its content words.
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/answer/index.js';
import { MIN_COVERAGE, searchEvidence } from '../../src/answer/fallback.js';
import { A1, A4, INV_A, inventedTable, seedTable } from './fixtures.js';

const seed = buildIndex(seedTable());
const inv = buildIndex(inventedTable());

describe('searchEvidence threshold', () => {
  it.each([
    ['What is the Free Syrian Army?', A1, 'known as the Free Syrian Army'],
    ['Why is Deir al-Zor under army shelling?', A4, 'heavy Syrian army shelling'],
    ['which group of dissidents numbers in the thousands', A1, 'numbering in the thousands'],
  ])('%s -> a sentence of %s', (q, article, part) => {
    const hits = searchEvidence(seed.bm25, q);
    expect(hits[0]?.doc.article).toBe(article);
    expect(hits[0]?.doc.text).toContain(part);
    for (const h of hits) {
      expect(h.coverage).toBeGreaterThanOrEqual(MIN_COVERAGE);
      expect(h.matched).toBeGreaterThanOrEqual(2);
    }
  });

  it.each([
    'Is it the one that was there?', // stop words only
    'what about the', // stop words only
    'Damascus?', // one content word
    'What is the weather like on Mars?', // nothing in common
    'When did Vladimir Putin visit the regime?', // the rare words are missing
    'says said tell told report reported', // question words are never evidence
    '',
  ])('%j -> nothing', (q) => {
    expect(searchEvidence(seed.bm25, q)).toEqual([]);
    expect(searchEvidence(inv.bm25, q)).toEqual([]);
  });

  it('the invented table answers from its own text', () => {
    expect(searchEvidence(inv.bm25, 'Which rebel militia is the Coastal Front?')[0]?.doc.article).toBe(INV_A);
  });
});
