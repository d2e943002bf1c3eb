// The parts of the answer index built on first use can also be built in small steps (about one article each)
// by a background warm-up, and a question may finish a part the warm-up started: either way every part is the
// same as a fresh build, and it is built once.
import { describe, expect, it } from 'vitest';
import { answer, buildIndex, warmIndex, warmSteps } from '../../src/answer/index.ts';
import { fixtureTable } from '../support/fixtureTable.ts';

const table = fixtureTable(40);
const parts = (index: ReturnType<typeof buildIndex>) => ({
  bm25: index.bm25,
  casing: index.casing,
  vocabulary: index.vocabulary,
  normalizedTexts: index.normalizedTexts,
  articlesByWord: index.articlesByWord,
  aliases: index.names.aliasesByProminence,
});

describe('warming the index in steps', () => {
  it('takes at least one step per article for each of the article-wide parts', () => {
    let steps = 0;
    for (const _ of warmSteps(buildIndex(table))) steps++;
    expect(steps).toBeGreaterThanOrEqual(3 * table.articles.length);
  });

  it('a warmed part is not built again: the same objects after warming twice', () => {
    const index = buildIndex(table);
    warmIndex(index);
    const first = parts(index);
    let steps = 0;
    for (const _ of warmSteps(index)) steps++;
    expect(steps).toBeLessThanOrEqual(3); // only the pauses between the name parts: nothing left to build
    expect(parts(index)).toStrictEqual(first);
    expect(parts(index).bm25).toBe(first.bm25);
  });

  // Stop the warm-up after this many steps, ask a question (which finishes the parts it needs), then let the
  // warm-up run to the end.
  for (const stopAt of [0, 5, table.articles.length + 3, 2 * table.articles.length + 7, 3 * table.articles.length - 1]) {
    it(`stopped after ${stopAt} steps, a question finishes what it needs, and the result equals a fresh build`, () => {
      const index = buildIndex(table);
      const steps = warmSteps(index);
      for (let i = 0; i < stopAt; i++) steps.next();
      const asked = answer(index, 'What did anyone say about the energy ministry?');
      const fresh = buildIndex(table);
      expect(asked).toEqual(answer(fresh, 'What did anyone say about the energy ministry?'));
      const midway = parts(index);
      while (!steps.next().done);
      expect(parts(index)).toStrictEqual(parts(fresh));
      expect(parts(index).bm25).toBe(midway.bm25);
      expect(parts(index).casing).toBe(midway.casing);
    });
  }
});
