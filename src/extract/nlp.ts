// The one typed adapter around compromise. Nothing else in the project imports the library, so the
// loose `.json()` shapes stay here and the rest of the pipeline works on plain `Token`s.
import nlp from 'compromise';

export interface Token {
  /** The word as written (no surrounding punctuation). */
  text: string;
  /** Lower-case, curly apostrophes folded. */
  lower: string;
  /** Offsets relative to the string given to `parseParagraph`. */
  start: number;
  end: number;
  /** Text between this token and its neighbours (punctuation, spaces); compromise's for the sentence edges. */
  pre: string;
  post: string;
  tags: ReadonlySet<string>;
}

/** A common plural noun, not a name ("Diplomats" at a sentence start; a family name can be one too). */
export const commonPluralNoun = (t: Token): boolean => t.tags.has('Plural') && !t.tags.has('ProperNoun') && !t.tags.has('Person');

export interface ParsedSentence {
  start: number;
  end: number;
  tokens: Token[];
}

interface RawTerm {
  text?: unknown;
  pre?: unknown;
  post?: unknown;
  tags?: unknown;
  offset?: { start?: unknown; length?: unknown };
}
interface RawSentence {
  offset?: { start?: unknown; length?: unknown };
  terms?: unknown;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * Same-length repairs that help compromise split news paragraphs: a spaced ellipsis ". . ." would split on
 * every dot, and a period inside a closing quote (`.” He`) would not split at all. Offsets stay valid.
 */
export function normaliseForSplitting(paragraph: string): string {
  return paragraph
    .replace(/\. \. \./g, '.....')
    .replace(/([.?!])([”"’])(\s+)(?=[A-Z“"‘])/g, '$2$1$3');
}

/** Splits one paragraph into sentences with tagged tokens. */
export function parseParagraph(paragraph: string): ParsedSentence[] {
  const normalised = normaliseForSplitting(paragraph);
  const json = nlp(normalised).json({ offset: true, terms: { offset: true } }) as RawSentence[];
  const sentences: ParsedSentence[] = [];
  for (const raw of json) {
    const terms = Array.isArray(raw.terms) ? (raw.terms as RawTerm[]) : [];
    const tokens: Token[] = [];
    for (const term of terms) {
      const start = num(term.offset?.start);
      const end = start + num(term.offset?.length);
      const text = paragraph.slice(start, end);
      if (!text) continue;
      tokens.push({
        text,
        lower: text.toLowerCase().replace(/’/g, "'"),
        start,
        end,
        pre: str(term.pre),
        post: str(term.post),
        tags: new Set(Array.isArray(term.tags) ? term.tags.filter((t): t is string => typeof t === 'string') : []),
      });
    }
    // pre/post are the text between tokens, so a token rebuilt from offsets alone is identical (see prepared.ts).
    tokens.forEach((t, i) => {
      const next = tokens[i + 1];
      t.post = next ? paragraph.slice(t.end, next.start) : t.post;
      if (next) next.pre = t.post;
    });
    const start = num(raw.offset?.start);
    let end = start + num(raw.offset?.length);
    // Keep closing punctuation/quotes that compromise leaves in the last term's `post`.
    const last = tokens.at(-1);
    if (last) end = Math.max(end, last.end + last.post.trimEnd().length);
    sentences.push({ start, end: Math.min(end, paragraph.length), tokens });
  }
  return sentences;
}
