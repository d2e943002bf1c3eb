// The per-article working document that the pipeline stages read and annotate.
import type { Evidence } from '../facts/schema.js';
import type { CleanArticle } from './clean.js';
import type { SentenceDoc } from './split.js';

export interface ArticleDoc {
  id: string;
  file: string;
  outlet: string | null;
  published: string | null;
  title: string;
  url?: string;
  hash: string;
  clean: CleanArticle;
  sentences: SentenceDoc[];
}

export function evidenceOf(doc: ArticleDoc, sentence: SentenceDoc, start = sentence.start, end = sentence.end): Evidence {
  return { article: doc.id, sentence: sentence.index, start, end, text: sentence.text };
}

/** The sentence text between two absolute offsets. */
export function sliceText(doc: ArticleDoc, start: number, end: number): string {
  return doc.clean.text.slice(start, end);
}
