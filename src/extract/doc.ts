// The per-article working document that the pipeline stages read and annotate.
import type { Evidence } from '../facts/schema.js';
import type { CleanArticle } from './clean.js';
import type { SentenceDoc } from './split.js';

/** What an article is apart from its text: the same in every form it takes (working, cached, in the table). */
export interface ArticleMeta {
  id: string;
  file: string;
  outlet: string | null;
  published: string | null;
  title: string;
  url?: string;
  hash: string;
}

export interface ArticleDoc extends ArticleMeta {
  clean: CleanArticle;
  sentences: SentenceDoc[];
}

/** An article's metadata alone, copied from any of its forms. */
export function articleMeta(a: ArticleMeta): ArticleMeta {
  return { id: a.id, file: a.file, outlet: a.outlet, published: a.published, title: a.title, ...(a.url ? { url: a.url } : {}), hash: a.hash };
}

export function evidenceOf(doc: ArticleDoc, sentence: SentenceDoc, start = sentence.start, end = sentence.end): Evidence {
  return { article: doc.id, sentence: sentence.index, start, end, text: sentence.text };
}

/** The sentence text between two absolute offsets. */
export function sliceText(doc: ArticleDoc, start: number, end: number): string {
  return doc.clean.text.slice(start, end);
}
