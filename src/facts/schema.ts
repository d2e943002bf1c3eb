// The fact table: the one contract between extraction (src/extract), answering (src/answer) and the bot.
// Every fact carries the evidence it came from, so any answer can cite article, sentence and offsets.
// This module must stay free of the NLP library: the bot loads tables at start-up without it.
import { z } from 'zod';

/** Where a fact was read: one sentence of one article, with character offsets into the article's cleaned text. */
export const Evidence = z.object({
  article: z.string(),
  sentence: z.number().int().nonnegative(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** The whole sentence the fact was read from. */
  text: z.string(),
});
export type Evidence = z.infer<typeof Evidence>;

export const Sentence = z.object({
  index: z.number().int().nonnegative(),
  /** Paragraph number (0-based) in the cleaned text. */
  paragraph: z.number().int().nonnegative(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
});
export type Sentence = z.infer<typeof Sentence>;

export const Article = z.object({
  /** File name without `.txt`. */
  id: z.string(),
  file: z.string(),
  outlet: z.string().nullable(),
  /** ISO date (YYYY-MM-DD) from the manifest; null when the article has no manifest entry. */
  published: z.string().nullable(),
  title: z.string(),
  url: z.string().optional(),
  /** Cleaned text (page furniture removed); evidence offsets point into it. */
  text: z.string(),
  sentences: z.array(Sentence),
  /** sha256 of the raw file, for caches and change reports. */
  hash: z.string(),
});
export type Article = z.infer<typeof Article>;

export const DatePrecision = z.enum(['day', 'month', 'year', 'relative']);
export type DatePrecision = z.infer<typeof DatePrecision>;

/** A date as the article words it, resolved against the publication date where possible. */
export const DateValue = z.object({
  /** The original words, e.g. "on Wednesday", "in late August". */
  text: z.string(),
  /** Resolved value: YYYY-MM-DD, YYYY-MM or YYYY by precision; null when it stays relative. */
  value: z.string().nullable(),
  precision: DatePrecision,
  /** First and last day the words can mean (inclusive), for range questions; null when unresolved. */
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** Qualifier kept from the text: "early", "late", "before" ... */
  qualifier: z.string().nullable(),
});
export type DateValue = z.infer<typeof DateValue>;

export const RoleFact = z.object({
  /** Normalised lower-case title, e.g. "deputy trade minister", "ambassador to zenda". */
  title: z.string(),
  /** The words as written. */
  surface: z.string(),
  /** True for "formerly X", "the late X", "X until December". */
  former: z.boolean(),
  evidence: Evidence,
});
export type RoleFact = z.infer<typeof RoleFact>;

export const AttributeKind = z.enum(['age', 'origin', 'religion', 'family', 'party', 'affiliation']);
export type AttributeKind = z.infer<typeof AttributeKind>;

export const AttributeFact = z.object({
  kind: AttributeKind,
  value: z.string(),
  evidence: Evidence,
});
export type AttributeFact = z.infer<typeof AttributeFact>;

export const Person = z.object({
  /** Stable slug of the canonical name. */
  id: z.string(),
  /** Fullest form seen, e.g. "Karim al-Nouri". */
  name: z.string(),
  /** Every spelling and form seen, canonical name included ("Mr Nouri", "Nouri", "Karim al-Nouri"). */
  aliases: z.array(z.string()),
  roles: z.array(RoleFact),
  attributes: z.array(AttributeFact),
  /** Articles that mention the person. */
  articles: z.array(z.string()),
  /** A few sentences naming the person (first mention per article), for "who is X" and fallbacks. */
  mentions: z.array(Evidence),
});
export type Person = z.infer<typeof Person>;

export const EventKind = z.enum(['defection', 'appointment', 'dismissal', 'flight']);
export type EventKind = z.infer<typeof EventKind>;

export const Event = z.object({
  id: z.string(),
  kind: EventKind,
  /** Person id when the event's subject is a named person; null for "a senior air force colonel". */
  person: z.string().nullable(),
  /** Name or description of the subject as the text gives it. */
  subject: z.string(),
  /** Role at the time of the event, lower case, e.g. "prime minister". */
  role: z.string().nullable(),
  date: DateValue.nullable(),
  /** Destination or place ("Norland", "Kelsk"). */
  place: z.string().nullable(),
  /** How it was announced: "video on YouTube", "statement read on Al Jazeera" ... */
  announcedVia: z.string().nullable(),
  /** Who helped, as written ("the opposition", "rebel fighters"). */
  helpedBy: z.array(z.string()),
  evidence: Evidence,
});
export type Event = z.infer<typeof Event>;

export const Quote = z.object({
  id: z.string(),
  /** Exact text as it occurs in the article's cleaned text (verbatim; may include ". . ."). */
  text: z.string(),
  /** Person id of the speaker, when resolved to a known person. */
  speaker: z.string().nullable(),
  /** Speaker as named in the text, or null when unresolved. */
  speakerName: z.string().nullable(),
  /** Whom the quote addresses, when the text says so ("the military", "the president"). */
  addressee: z.string().nullable(),
  /** Media channel that relayed it ("AP quoted him as having said"). */
  via: z.string().nullable(),
  /** Evidence of the first sentence the quote is in; start/end are the quote's own offsets. */
  evidence: Evidence,
});
export type Quote = z.infer<typeof Quote>;

export const Warning = z.object({
  article: z.string().nullable(),
  message: z.string(),
});
export type Warning = z.infer<typeof Warning>;

export const FactTable = z.object({
  schema: z.literal(1),
  extractorVersion: z.string(),
  generatedAt: z.string(),
  articles: z.array(Article),
  people: z.array(Person),
  events: z.array(Event),
  quotes: z.array(Quote),
  warnings: z.array(Warning),
  /** Digest of the articles, manifest and extractor version the table was made from (see src/store/fingerprint.ts). */
  sourceFingerprint: z.string().optional(),
});
export type FactTable = z.infer<typeof FactTable>;

/** One citation in an answer. */
export const Source = z.object({
  article: z.string(),
  outlet: z.string().nullable(),
  published: z.string().nullable(),
  sentence: z.string(),
});
export type Source = z.infer<typeof Source>;

export interface Answer {
  text: string;
  sources: Source[];
  /**
   * For an answer that lists many facts: the same text line by line, each line with its own sources, so a
   * reader shown part of it (a page of a long reply) sees the sources of that part. Read-only: the lines and
   * their sources may be shared with the answer index's own lookups.
   */
  parts?: ReadonlyArray<{ readonly text: string; readonly sources: readonly Source[] }>;
}
