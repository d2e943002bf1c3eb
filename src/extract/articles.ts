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

/** An invented article: names, a post, a date, a place and a quote, so the warm-up takes the usual paths. */
const WARM_UP_TEXT = `Deputy Trade Minister Orel Vantic resigned on Monday and crossed into Kestria with his family, officials said.

"I could not serve this government any longer," Vantic, 52, told reporters in Pellam.`;

/**
 * Prepares the invented article above and returns it. The first article an NLP pipeline prepares in a process
 * costs two to three times a later one (its code compiled on first use); a running bot does this once in the
 * background, so that the first article a moderator adds does not pay for it.
 */
export function warmUp(): ArticleDoc {
  return prepareArticle({ id: 'warm-up', file: 'warm-up.txt', raw: WARM_UP_TEXT, hash: '', meta: null });
}
