// The shared assertion for question tables: text contains / excludes, and exactly which articles are cited.
import { expect } from 'vitest';
import { answer, type AnswerIndex } from '../../src/answer/index.js';

export interface Case {
  q: string;
  /** Every string must appear in the answer text. */
  has: string[];
  /** None may appear. */
  not?: string[];
  /** Exactly these articles are cited (as a set); [] means no source at all. */
  cites: string[];
}

export function check(index: AnswerIndex, c: Case): void {
  const a = answer(index, c.q);
  for (const s of c.has) expect(a.text, c.q).toContain(s);
  for (const s of c.not ?? []) expect(a.text, c.q).not.toContain(s);
  expect(new Set(a.sources.map((s) => s.article)), c.q).toEqual(new Set(c.cites));
  // Sources are deduplicated and carry the article's metadata and a sentence.
  const keys = a.sources.map((s) => `${s.article}|${s.sentence}`);
  expect(new Set(keys).size, c.q).toBe(keys.length);
  for (const s of a.sources) {
    const art = index.articles.get(s.article);
    expect(art, c.q).toBeDefined();
    expect(s.outlet).toBe(art?.outlet);
    expect(s.published).toBe(art?.published);
    expect(art?.text.includes(s.sentence) || art?.sentences.some((x) => x.text === s.sentence), c.q).toBe(true);
  }
}
