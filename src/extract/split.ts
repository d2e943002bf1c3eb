// Stage 2: split cleaned paragraphs into sentences (through the compromise adapter), with absolute offsets.
import type { Sentence } from '../facts/schema.js';
import type { CleanArticle } from './clean.js';
import { parseParagraph, type Token } from './nlp.js';

export interface SentenceDoc extends Sentence {
  /** Tokens with offsets into the article's cleaned text. */
  tokens: Token[];
  heading: boolean;
}

export function splitSentences(clean: CleanArticle): SentenceDoc[] {
  const sentences: SentenceDoc[] = [];
  clean.paragraphs.forEach((paragraph, p) => {
    for (const parsed of parseParagraph(paragraph.text)) {
      const start = paragraph.start + parsed.start;
      const end = paragraph.start + parsed.end;
      const text = clean.text.slice(start, end).trim();
      if (!text) continue;
      const lead = clean.text.slice(start, end).indexOf(text);
      sentences.push({
        index: sentences.length,
        paragraph: p,
        start: start + lead,
        end: start + lead + text.length,
        text,
        heading: paragraph.heading,
        tokens: parsed.tokens.map((t) => ({ ...t, start: t.start + paragraph.start, end: t.end + paragraph.start })),
      });
    }
  });
  return sentences;
}
