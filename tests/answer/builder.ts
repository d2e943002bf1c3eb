// A small builder for hand-made fact tables: articles from text, facts located by a needle string in
// one sentence, so every fixture fact carries real evidence (article, sentence, offsets, text).
import { createHash } from 'node:crypto';
import {
  FactTable,
  type Article,
  type AttributeKind,
  type DatePrecision,
  type DateValue,
  type Event,
  type EventKind,
  type Evidence,
  type Person,
  type Quote,
  type Sentence,
} from '../../src/facts/schema.js';

export interface ArticleSpec {
  id: string;
  outlet: string | null;
  published: string | null;
  /** One paragraph per line. */
  text: string;
}

function splitArticle(spec: ArticleSpec): Article {
  const sentences: Sentence[] = [];
  const paragraphs = spec.text.split('\n');
  let offset = 0;
  paragraphs.forEach((para, p) => {
    // Sentence ends: terminal punctuation (and a closing quote) followed by space and a capital or an
    // opening quote; ". . ." followed by lower case stays inside the sentence.
    const ends: number[] = [];
    for (const m of para.matchAll(/[.!?]+["”’]?(?=\s+["“‘]?[A-Z])/g)) ends.push((m.index ?? 0) + m[0].length);
    ends.push(para.length);
    let from = 0;
    for (const end of ends) {
      const raw = para.slice(from, end);
      const text = raw.trim();
      if (text !== '') {
        const start = offset + from + raw.indexOf(text);
        sentences.push({ index: sentences.length, paragraph: p, start, end: start + text.length, text });
      }
      from = end;
    }
    offset += para.length + 1;
  });
  return {
    id: spec.id,
    file: `${spec.id}.txt`,
    outlet: spec.outlet,
    published: spec.published,
    title: sentences[0]?.text ?? spec.id,
    text: spec.text,
    sentences,
    hash: createHash('sha256').update(spec.text).digest('hex'),
  };
}

export function date(text: string, value: string | null, precision: DatePrecision, qualifier: string | null = null): DateValue {
  let from: string | null = null;
  let to: string | null = null;
  if (value !== null) {
    const [y, m, d] = value.split('-');
    if (precision === 'day') from = to = value;
    else if (precision === 'month' && y && m) {
      from = `${y}-${m}-01`;
      to = `${y}-${m}-${String(new Date(Date.UTC(Number(y), Number(m), 0)).getUTCDate()).padStart(2, '0')}`;
    } else if (precision === 'year' && y) {
      from = `${y}-01-01`;
      to = `${y}-12-31`;
    }
    void d;
  }
  return { text, value, precision, from, to, qualifier };
}

export interface PersonSpec {
  id: string;
  name: string;
  aliases?: string[];
  roles?: Array<{ title: string; surface: string; former?: boolean; at: [string, string] }>;
  attributes?: Array<{ kind: AttributeKind; value: string; at: [string, string] }>;
}

export interface EventSpec {
  kind: EventKind;
  person: string | null;
  subject: string;
  role?: string | null;
  date?: DateValue | null;
  place?: string | null;
  announcedVia?: string | null;
  helpedBy?: string[];
  at: [string, string];
}

export interface QuoteSpec {
  text: string;
  speaker: string | null;
  speakerName: string | null;
  addressee?: string | null;
  via?: string | null;
  article: string;
}

export class TableBuilder {
  readonly articles: Article[];
  private people: Person[] = [];
  private events: Event[] = [];
  private quotes: Quote[] = [];

  constructor(specs: ArticleSpec[]) {
    this.articles = specs.map(splitArticle);
  }

  /** Evidence for the sentence of `article` containing `needle` (offsets of the needle). */
  ev(articleId: string, needle: string): Evidence {
    const a = this.articles.find((x) => x.id === articleId);
    if (!a) throw new Error(`no article ${articleId}`);
    const s = a.sentences.find((x) => x.text.includes(needle));
    if (!s) throw new Error(`"${needle}" is in no sentence of ${articleId}`);
    const start = a.text.indexOf(needle, s.start);
    return { article: a.id, sentence: s.index, start, end: start + needle.length, text: s.text };
  }

  person(spec: PersonSpec): this {
    const aliases = [...new Set([spec.name, ...(spec.aliases ?? [])])];
    const articles = this.articles.filter((a) => aliases.some((n) => a.text.includes(n))).map((a) => a.id);
    const mentions: Evidence[] = [];
    for (const id of articles) {
      const a = this.articles.find((x) => x.id === id);
      const s = a?.sentences.find((x) => aliases.some((n) => x.text.includes(n)));
      const n = aliases.find((x) => s?.text.includes(x));
      if (s && n) mentions.push(this.ev(id, n));
    }
    this.people.push({
      id: spec.id,
      name: spec.name,
      aliases,
      roles: (spec.roles ?? []).map((r) => ({ title: r.title, surface: r.surface, former: r.former ?? false, evidence: this.ev(...r.at) })),
      attributes: (spec.attributes ?? []).map((x) => ({ kind: x.kind, value: x.value, evidence: this.ev(...x.at) })),
      articles,
      mentions,
    });
    return this;
  }

  event(spec: EventSpec): this {
    this.events.push({
      id: `e${this.events.length}`,
      kind: spec.kind,
      person: spec.person,
      subject: spec.subject,
      role: spec.role ?? null,
      date: spec.date ?? null,
      place: spec.place ?? null,
      announcedVia: spec.announcedVia ?? null,
      helpedBy: spec.helpedBy ?? [],
      evidence: this.ev(...spec.at),
    });
    return this;
  }

  quote(spec: QuoteSpec): this {
    const a = this.articles.find((x) => x.id === spec.article);
    if (!a) throw new Error(`no article ${spec.article}`);
    const start = a.text.indexOf(spec.text);
    if (start < 0) throw new Error(`quote not verbatim in ${spec.article}: ${spec.text}`);
    const s = a.sentences.find((x) => x.start <= start && x.end > start);
    if (!s) throw new Error(`quote outside sentences: ${spec.text}`);
    this.quotes.push({
      id: `q${this.quotes.length}`,
      text: spec.text,
      speaker: spec.speaker,
      speakerName: spec.speakerName,
      addressee: spec.addressee ?? null,
      via: spec.via ?? null,
      evidence: { article: a.id, sentence: s.index, start, end: start + spec.text.length, text: s.text },
    });
    return this;
  }

  build(): FactTable {
    return FactTable.parse({
      schema: 1,
      extractorVersion: 'fixture',
      generatedAt: '2026-01-01T00:00:00.000Z',
      articles: this.articles,
      people: this.people,
      events: this.events,
      quotes: this.quotes,
      warnings: [],
    });
  }
}
