// The warm-up article a running bot prepares in the background: it must take the pipeline's usual paths
// (paragraphs, sentences, a quote, a named person), or it warms nothing.
import { describe, expect, it } from 'vitest';
import { warmUp } from '../../src/extract/articles.ts';
import { nameCandidates } from '../../src/extract/people.ts';

describe('warmUp', () => {
  it('prepares an invented article with two paragraphs, a quote and a named person', () => {
    const doc = warmUp();
    expect(doc.clean.paragraphs).toHaveLength(2);
    expect(doc.sentences.length).toBeGreaterThanOrEqual(2);
    expect(doc.clean.text).toMatch(/"[^"]+"/);
    expect(nameCandidates(doc).map((c) => c.text)).toContain('Orel Vantic');
  });
});
