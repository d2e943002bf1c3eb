// A compact, JSON-safe form of a cleaned and split article (the costly, NLP-bound part of extraction), so it
// can be cached on disk per article and passed back from worker threads. Tokens are stored as offsets and a
// bitmask of the few tags the pipeline reads; everything else is rebuilt from the text.
import type { CleanParagraph } from './clean.js';
import { articleMeta, type ArticleDoc, type ArticleMeta } from './doc.js';
import type { Token } from './nlp.js';

/** The only compromise tags the pipeline reads. Adding one here changes the cache format: bump the version. */
export const KEPT_TAGS = ['Adjective', 'City', 'Country', 'Demonym', 'FirstName', 'Gerund', 'Honorific', 'Month', 'Participle', 'Person', 'Place', 'Verb', 'WeekDay', 'Noun', 'Acronym', 'Abbreviation', 'Plural', 'ProperNoun'] as const;

export interface PreparedSentence {
  index: number;
  paragraph: number;
  start: number;
  end: number;
  heading: boolean;
  /** First token's leading and last token's trailing text. */
  lead: string;
  tail: string;
  /** Flat triples: start, end, tag mask. */
  tokens: number[];
}

export interface PreparedArticle extends ArticleMeta {
  text: string;
  paragraphs: CleanParagraph[];
  dropped: string[];
  sentences: PreparedSentence[];
}

function maskOf(tags: ReadonlySet<string>): number {
  let mask = 0;
  KEPT_TAGS.forEach((tag, bit) => {
    if (tags.has(tag)) mask |= 1 << bit;
  });
  return mask;
}

function tagsOf(mask: number): Set<string> {
  const tags = new Set<string>();
  KEPT_TAGS.forEach((tag, bit) => {
    if (mask & (1 << bit)) tags.add(tag);
  });
  return tags;
}

export function serialise(doc: ArticleDoc): PreparedArticle {
  return {
    ...articleMeta(doc),
    text: doc.clean.text,
    paragraphs: doc.clean.paragraphs,
    dropped: doc.clean.dropped,
    sentences: doc.sentences.map((s) => ({
      index: s.index,
      paragraph: s.paragraph,
      start: s.start,
      end: s.end,
      heading: s.heading,
      lead: s.tokens[0]?.pre ?? '',
      tail: s.tokens.at(-1)?.post ?? '',
      tokens: s.tokens.flatMap((t) => [t.start, t.end, maskOf(t.tags)]),
    })),
  };
}

export function deserialise(p: PreparedArticle): ArticleDoc {
  const text = p.text;
  return {
    ...articleMeta(p),
    clean: { text, paragraphs: p.paragraphs, dropped: p.dropped },
    sentences: p.sentences.map((s) => {
      const tokens: Token[] = [];
      for (let i = 0; i + 2 < s.tokens.length; i += 3) {
        const start = s.tokens[i]!;
        const end = s.tokens[i + 1]!;
        const word = text.slice(start, end);
        tokens.push({ text: word, lower: word.toLowerCase().replace(/’/g, "'"), start, end, pre: '', post: '', tags: tagsOf(s.tokens[i + 2]!) });
      }
      tokens.forEach((t, i) => {
        const next = tokens[i + 1];
        t.pre = i === 0 ? s.lead : tokens[i - 1]!.post;
        t.post = next ? text.slice(t.end, next.start) : s.tail;
      });
      return { index: s.index, paragraph: s.paragraph, start: s.start, end: s.end, text: text.slice(s.start, s.end), heading: s.heading, tokens };
    }),
  };
}
