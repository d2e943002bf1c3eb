// The five seed articles: golden summaries per article, quotes verbatim, evidence offsets valid.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FactTable } from '../../src/facts/schema.js';
import { extractFromDir } from '../../src/extract/index.js';
import { summarise } from './golden.js';

let table: FactTable;
beforeAll(async () => {
  table = await extractFromDir('seeds');
});

const ids = ['000_3b4f70ffe2a1464c', '001_5cdcdb820694c054', '002_70af7e54198c2116', '003_1bd21216735112a5', '004_b9117ea132e15fa2'];

describe('seed articles', () => {
  it.each(ids)('%s matches its golden summary', (id) => {
    const golden: unknown = JSON.parse(readFileSync(`tests/fixtures/golden/${id}.json`, 'utf8'));
    expect(summarise(table, id)).toEqual(golden);
  });

  it('every quote occurs verbatim in its article, at its offsets', () => {
    expect(table.quotes.length).toBeGreaterThan(20);
    for (const q of table.quotes) {
      const article = table.articles.find((a) => a.id === q.evidence.article)!;
      expect(article.text.slice(q.evidence.start, q.evidence.end)).toBe(q.text);
      const raw = readFileSync(`seeds/${article.file}`, 'utf8');
      expect(raw.includes(q.text)).toBe(true);
    }
  });

  it('every fact cites a real sentence of its article', () => {
    const evidence = [
      ...table.events.map((e) => e.evidence),
      ...table.people.flatMap((p) => [...p.roles.map((r) => r.evidence), ...p.attributes.map((a) => a.evidence), ...p.mentions]),
    ];
    for (const e of evidence) {
      const article = table.articles.find((a) => a.id === e.article)!;
      const sentence = article.sentences[e.sentence]!;
      expect(sentence.text).toBe(e.text);
      expect(e.start).toBeGreaterThanOrEqual(sentence.start);
      expect(e.end).toBeLessThanOrEqual(sentence.end);
    }
  });

  it('drops page furniture and keeps titles', () => {
    const texts = table.articles.map((a) => a.text).join('\n');
    expect(texts).not.toMatch(/^Share$/m);
    expect(texts).not.toMatch(/newsletter|unsubscribe|HusameddineReuters/);
    for (const a of table.articles) expect(a.title.length).toBeGreaterThan(20);
  });

  it('a spaced ellipsis inside a quote does not split it into sentences of dots', () => {
    for (const a of table.articles) for (const s of a.sentences) expect(s.text).not.toMatch(/^[.\s]+$/);
  });
});
