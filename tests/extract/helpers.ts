// Test helpers: run the real pipeline on small in-memory articles.
import type { FactTable } from '../../src/facts/schema.js';
import { extractArticles } from '../../src/extract/index.js';
import { hashText, type RawArticle } from '../../src/extract/load.js';

export function extractTexts(articles: Array<{ id?: string; text: string; published?: string | null; outlet?: string }>): FactTable {
  const raw: RawArticle[] = articles.map((a, i) => ({
    id: a.id ?? `t${i}`,
    file: `${a.id ?? `t${i}`}.txt`,
    raw: a.text,
    hash: hashText(a.text),
    meta: a.published === null ? null : { published: a.published ?? '2020-05-14', outlet: a.outlet ?? 'Test Wire' },
  }));
  return extractArticles(raw);
}

export function personNamed(table: FactTable, alias: string) {
  return table.people.find((p) => p.aliases.includes(alias));
}
