// The platform-neutral reply every command returns. src/discord/render.ts turns it into Discord embeds and
// components; renderText() below turns it into plain text for the console. All text here is plain (no
// markdown): the renderers escape it, so nothing from an article or a user can format or ping.
import type { Answer, Source } from '../facts/schema.ts';

export type Tone = 'answer' | 'info' | 'warning' | 'error';

export interface ReplyItem {
  /** Short bold lead, e.g. a date or a name. */
  label?: string;
  text: string;
  sources: readonly Source[];
}

/** A file sent with a reply: a Discord attachment (multipart upload); the console writes it to disk. */
export interface ReplyFile {
  /** File name, e.g. "timeline.png"; the embed refers to it as attachment://name. */
  name: string;
  data: Uint8Array;
  /** Alt text shown by Discord. */
  description?: string;
}

export interface Reply {
  title: string;
  /** Plain text shown above the items (on every page). */
  intro?: string;
  items: readonly ReplyItem[];
  tone: Tone;
  /** Show only to the person who asked (interactions only; ignored in DMs and the console). */
  ephemeral?: boolean;
  /** Number the items ("1.", "2." ...) instead of separating them as paragraphs. */
  numbered?: boolean;
  footer?: string;
  /** Evidence select menu: offer "read the paragraph" for the sources (default true when there are sources). */
  evidenceMenu?: boolean;
  /** Files attached to the message (sent on every page of it). */
  files?: ReplyFile[];
  /** Name of an attached image shown inside the embed (attachment://name). */
  image?: string;
}

/** An error the user can act on (unknown person, not allowed, nothing found); shown as its own message. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly suggestions: string[] = [],
    readonly title = 'Sorry',
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export function answerReply(title: string, answer: Answer, extra: Partial<Reply> = {}): Reply {
  return {
    title,
    // Line by line when the answer says which sources each line has: a long list then pages with its sources.
    items: answer.parts ?? [{ text: answer.text, sources: answer.sources }],
    tone: answer.sources.length > 0 ? 'answer' : 'info',
    ...extra,
  };
}

export function userErrorReply(err: UserError): Reply {
  const suggestions = err.suggestions.slice(0, 10);
  return {
    title: err.title,
    intro: suggestions.length > 0 ? `${err.message}\nDid you mean: ${suggestions.join(', ')}?` : err.message,
    items: [],
    tone: 'error',
    ephemeral: true,
  };
}

/**
 * Sources by value (article and sentence). Keyed on the two strings themselves: a joined key string built per
 * lookup had to be hashed afresh every time, which showed when a list answer carries hundreds of sources.
 */
export class SourceMap<V> {
  private readonly byArticle = new Map<string, Map<string, V>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(s: Source): V | undefined {
    return this.byArticle.get(s.article)?.get(s.sentence);
  }

  has(s: Source): boolean {
    return this.byArticle.get(s.article)?.has(s.sentence) ?? false;
  }

  set(s: Source, value: V): void {
    let sentences = this.byArticle.get(s.article);
    if (!sentences) {
      sentences = new Map();
      this.byArticle.set(s.article, sentences);
    }
    if (!sentences.has(s.sentence)) this.count++;
    sentences.set(s.sentence, value);
  }
}

export function sourceLabel(s: Source): string {
  return `${s.article} · ${s.outlet ?? 'unknown outlet'} · ${s.published ?? 'undated'}`;
}

/** Shorten to at most `max` characters, on a word boundary when possible, with an ellipsis. */
export function shorten(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  if (max <= 1) return t.slice(0, Math.max(0, max));
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** Numbers sources in first-seen order across a reply's items; `numberOf` gives a source its [n]. */
export function sourceNumbering(): { sources: Source[]; numberOf: (s: Source) => number } {
  const numbers = new SourceMap<number>();
  const sources: Source[] = [];
  return {
    sources,
    numberOf(s) {
      let n = numbers.get(s);
      if (n === undefined) {
        n = sources.length + 1;
        numbers.set(s, n);
        sources.push(s);
      }
      return n;
    },
  };
}

/** Plain-text rendering for the console: every item, then numbered sources with their sentences. */
export function renderText(reply: Reply): string {
  const lines: string[] = [];
  lines.push(reply.title);
  if (reply.intro) lines.push(reply.intro);
  const { sources, numberOf } = sourceNumbering();
  reply.items.forEach((item, i) => {
    const refs = item.sources.map((s) => `[${numberOf(s)}]`);
    const lead = reply.numbered ? `${i + 1}. ` : '';
    const label = item.label ? `${item.label}: ` : '';
    lines.push(`${lead}${label}${item.text}${refs.length > 0 ? ` ${refs.join('')}` : ''}`);
  });
  if (sources.length > 0) {
    lines.push('Sources:');
    sources.forEach((s, i) => lines.push(`  [${i + 1}] ${sourceLabel(s)}: "${s.sentence}"`));
  }
  if (reply.footer) lines.push(reply.footer);
  return lines.join('\n');
}
