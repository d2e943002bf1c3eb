// Stages 1-2 for one article: clean, split, title.
import type { RawArticle } from './load.js';
import { cleanArticle } from './clean.js';
import type { ArticleDoc } from './doc.js';
import { splitSentences } from './split.js';

export function prepareArticle(raw: RawArticle): ArticleDoc {
  const clean = cleanArticle(raw.raw);
  const sentences = splitSentences(clean);
  const firstParagraph = clean.paragraphs[0];
  // A short first line without closing punctuation is a headline; otherwise the first sentence is the title.
  const headline = firstParagraph && firstParagraph.heading && firstParagraph.text.split(/\s+/).length >= 3 ? firstParagraph.text : null;
  const title = raw.meta?.title ?? headline ?? sentences.find((s) => !s.heading)?.text ?? raw.id;
  return {
    id: raw.id,
    file: raw.file,
    outlet: raw.meta?.outlet ?? null,
    published: raw.meta?.published ?? null,
    title,
    ...(raw.meta?.url ? { url: raw.meta.url } : {}),
    hash: raw.hash,
    clean,
    sentences,
  };
}
