// Stage 1: drop page furniture and keep the article's paragraphs (one non-empty line each).
import { OUTLET_NAMES } from './lexicon.js';

export interface CleanParagraph {
  start: number;
  end: number;
  text: string;
  /** A short line without closing punctuation, like a sub-heading. Kept as text, never a quote. */
  heading: boolean;
}

export interface CleanArticle {
  text: string;
  paragraphs: CleanParagraph[];
  dropped: string[];
}

const FURNITURE_LINE = /^(share( this( article)?)?|advertisement|related( articles?)?|read more|comments?|agencies|print|email|tweet|follow us.*)$/i;
const NEWSLETTER = /\b(newsletters?|sign up|subscrib(e|ing)|unsubscribe|mailing list|inbox|privacy (policy|notice)|cookies?|marketing platform)\b/i;
const CREDIT_SUFFIX = new RegExp(`(?:[a-z\\u00e0-\\u024f])(?:${[...OUTLET_NAMES, 'Getty Images', 'EPA', 'Photo', 'File photo'].map(escapeRegExp).join('|')})$`);
const CREDIT_LINE = new RegExp(`^(photo|picture|image)s?\\s*[:/]|\\s[/|]\\s*(${[...OUTLET_NAMES, 'Getty Images', 'EPA'].map(escapeRegExp).join('|')})$`, 'i');
const ENDS_LIKE_PROSE = /[.?!:;"”’')\]]$/;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isCredit(line: string): boolean {
  return CREDIT_SUFFIX.test(line) || CREDIT_LINE.test(line);
}

export function cleanArticle(raw: string): CleanArticle {
  const lines = raw.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  const dropped: string[] = [];
  const keep = lines.map(() => true);
  lines.forEach((line, i) => {
    if (FURNITURE_LINE.test(line) || (NEWSLETTER.test(line) && !ENDS_LIKE_QUOTE(line))) keep[i] = false;
    if (isCredit(line)) {
      keep[i] = false;
      // A caption line just before a glued credit repeats its start ("Name" then "NameReuters").
      const prev = lines[i - 1];
      if (prev !== undefined && line.startsWith(prev) && !ENDS_LIKE_PROSE.test(prev)) keep[i - 1] = false;
    }
  });
  // A pull quote repeats a sentence of the body without punctuation: drop the repetition.
  lines.forEach((line, i) => {
    if (!keep[i] || ENDS_LIKE_PROSE.test(line) || line.split(/\s+/).length < 4) return;
    if (lines.some((other, j) => j !== i && keep[j] && other.length > line.length && other.includes(line))) keep[i] = false;
  });
  const paragraphs: CleanParagraph[] = [];
  let text = '';
  lines.forEach((line, i) => {
    if (!keep[i]) {
      dropped.push(line);
      return;
    }
    if (text) text += '\n\n';
    const start = text.length;
    text += line;
    const words = line.split(/\s+/).length;
    // A heading is short, unpunctuated and holds no double quote (an open quote runs on to the next line).
    const heading = (words <= 8 && !ENDS_LIKE_PROSE.test(line) && !/["“”]/.test(line) && !/\b(said|says|told|added)$/.test(line)) || /^['‘][^'‘’]+['’]$/.test(line);
    paragraphs.push({ start, end: text.length, text: line, heading });
  });
  return { text, paragraphs, dropped };
}

/** Newsletter words inside a quoted sentence are content, not furniture. */
function ENDS_LIKE_QUOTE(line: string): boolean {
  return /["“”]/.test(line);
}
