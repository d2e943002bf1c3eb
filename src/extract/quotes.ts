// Stage: quotes. Finds quoted spans per paragraph (straight or curly, across sentences, across paragraphs
// that open a quote without closing it), and attributes each: after the quote ("he said", "said X",
// "AP quoted him as having said"), before it ("X said:"), the sentence subject for partial quotes, or the
// previous speaker for a paragraph that is all quote. Media that relayed a quote are kept as `via`.
import type { Quote } from '../facts/schema.js';
import { OUTLET_NAMES, SPEECH_VERBS } from './lexicon.js';
import { bySurname, pronounGender, recentSubjects, salient, type ArticleContext, type SentenceContext } from './context.js';
import { evidenceOf } from './doc.js';

export interface QuoteFact extends Omit<Quote, 'id' | 'speaker'> {
  /** Entity (canonical name) of the speaker, before the cross-article merge. */
  entity: string | null;
}

interface Span {
  start: number; // absolute, first character inside the marks
  end: number; // absolute, exclusive, last character inside the marks
  paragraph: number;
  closed: boolean;
}

const SPEECH = SPEECH_VERBS.join('|');
const OUTLETS = [...OUTLET_NAMES].sort((a, b) => b.length - a.length).map((o) => o.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
const PRONOUN = '(he|she|they|him|her)';
// After the closing mark: `," he said`, `," said Nouri on Wednesday`, `" Husseini said`, `," AP quoted him as having said`.
const AFTER_PRONOUN = new RegExp(`^[\\s,.]*(?:[^"“”.]{0,40}?,\\s*)?${PRONOUN}\\s+(?:${SPEECH})\\b`, 'i');
const AFTER_SAID_NAME = new RegExp(`^[\\s,.]*(?:${SPEECH})\\s+(?!(?:on|in|at|that|to)\\b)([^,.;“"]+)`, 'i');
const AFTER_NAME_SAID = new RegExp(`^[\\s,]*(?:[^"“”.]{0,40}?,\\s*)?([A-Z][\\w'’.-]*(?:\\s+[\\w'’.-]+){0,8}?)\\s+(?:${SPEECH})\\b`);
const AFTER_MEDIA = new RegExp(`^[\\s,.]*(${OUTLETS}|the report|the statement)\\s+quoted\\s+${PRONOUN}\\b`, 'i');
const AFTER_SAID_END = new RegExp(`^[\\s,.]*(?:${SPEECH})\\s*$`, 'i');
const BEFORE_COLON = new RegExp(`(?:${SPEECH})(?: [^"“]{0,30})?:\\s*$`, 'i');
const ADDRESS_IN_QUOTE = /^(?:\s*\.{3,}\s*|\s*\. \. \.\s*)*I (?:also )?(?:ask|urge|advise|tell|call on|call upon|appeal to|say to|warn)\s+(?:\.\s|\.{3,}\s*|\s)*((?:the |all |my |this |our |every |those )?[^,.;:]+?)(?=\s+(?:to|that|who|which|not|for|and)\b|[,.;:])/i;
const ADDRESS_BEFORE = /\b(?:urged|urges|urging|called on|called upon|calls on|asked|advised|advising|appealed to|told|addressed|address|warned|spoke to)\s+((?:the |his |her |all |other )?[\w\s'’-]{2,60}?)(?:\s+(?:to|not to|directly|that)\b|[,.:]|\s*[“"])/i;

const ADDRESSED = /\b(?:address(?:ed|es|ing)?|speaking directly to|spoke directly to)\s+((?:the |his |her )?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*|(?:the |his |her )[a-z][\w\s'’-]{2,40}?)(?=\s+directly\b|[,.;:])/;

function findSpans(ctx: ArticleContext): Span[] {
  const spans: Span[] = [];
  let open: Span | null = null;
  ctx.doc.clean.paragraphs.forEach((paragraph, p) => {
    if (paragraph.heading) return;
    const text = paragraph.text;
    let i = 0;
    // A paragraph continuing an unclosed quote from the previous one opens with a quote mark again.
    if (open && /^["“]/.test(text)) {
      spans.push(open);
      open = null;
    } else if (open) {
      spans.push(open);
      open = null;
    }
    while (i < text.length) {
      const ch = text[i]!;
      const isOpen = ch === '“' || (ch === '"' && (i === 0 || /[\s(\[—–-]/.test(text[i - 1]!)));
      if (!isOpen) {
        i++;
        continue;
      }
      const closeChars = ch === '“' ? ['”', '"'] : ['"', '”'];
      let j = i + 1;
      while (j < text.length && !closeChars.includes(text[j]!)) j++;
      if (j >= text.length) {
        open = { start: paragraph.start + i + 1, end: paragraph.start + text.length, paragraph: p, closed: false };
        break;
      }
      spans.push({ start: paragraph.start + i + 1, end: paragraph.start + j, paragraph: p, closed: true });
      i = j + 1;
    }
  });
  if (open) spans.push(open);
  return spans.filter((s) => s.end - s.start >= 3);
}

function sentenceAt(ctx: ArticleContext, offset: number): SentenceContext | undefined {
  return ctx.sentences.find((s) => offset >= s.sentence.start && offset < s.sentence.end + 1) ?? ctx.sentences.find((s) => s.sentence.start >= offset);
}

/** Entity named by a phrase ("Nouri on Wednesday", "Mrs Berg", "the Norlandic official source"). */
function entityIn(ctx: SentenceContext | undefined, from: number, to: number): string | null {
  const m = ctx?.mentions.find((x) => x.start >= from && x.end <= to);
  return m?.entity ?? null;
}

/** "The ministry denied ... calling them '...'": the phrase that leads a sentence of reported speech, and its verb. */
const REPORTED_BY = /^((?:(?:The|A|An)\s+)?[A-Za-z][\w'’\s-]{1,40}?)\s+(?:said|says|stated|announced|claimed|reported|denied|denies|rejected|insisted|warned|urged|called)\b/;
/** A phrase whose head is a common noun after a determiner ("The government of ...", "The Norlandic foreign ministry"). */
const INSTITUTION = /^(?:The|A|An)\s+(?:[A-Z][\w'’-]*\s+)?[a-z]/;

/** "He told the agency: ..." / "She said:": the pronoun leading the words before a colon, if that is all the lead names. */
const LEAD_PRONOUN = /^(?:(?:but|and|later|then|meanwhile|also)\s+)?(he|she)\b/i;

function resolvePronoun(ctx: ArticleContext, s: SentenceContext, pronoun: string, before: number): string | null {
  const gender = pronounGender(pronoun);
  const inSentence = s.mentions.filter((m) => m.end <= before).reverse().map((m) => m.entity);
  const ordered = [...(s.subject ? [s.subject] : []), ...inSentence, ...recentSubjects(ctx, s.sentence.index - 1)];
  return salient(ordered, gender, ctx.gender);
}

export function extractQuotes(ctx: ArticleContext): QuoteFact[] {
  const text = ctx.doc.clean.text;
  const quotes: QuoteFact[] = [];
  type Speaker = { entity: string | null; name: string | null; paragraph: number; end?: number };
  let previousSpeaker: Speaker | null = null;
  for (const span of findSpans(ctx)) {
    // A comma or space before the closing mark belongs to the sentence, not the quote ("...this gang," he said).
    while (span.end > span.start && /[\s,;]/.test(text[span.end - 1]!)) span.end--;
    const body = text.slice(span.start, span.end);
    const words = body.trim().split(/\s+/).length;
    const first = sentenceAt(ctx, span.start);
    if (!first) continue;
    const paragraph = ctx.doc.clean.paragraphs[span.paragraph]!;
    const closeAt = span.closed ? text.slice(span.end).search(/["”]/) : -1;
    const afterStart = closeAt >= 0 ? span.end + closeAt + 1 : span.end;
    const after = text.slice(afterStart, paragraph.end);
    const beforeText = text.slice(paragraph.start, span.start - 1);
    const afterSentence = sentenceAt(ctx, Math.min(afterStart, paragraph.end - 1)) ?? first;
    let entity: string | null = null;
    let name: string | null = null;
    let via: string | null = null;
    let m: RegExpExecArray | null;
    if (span.closed && (m = AFTER_MEDIA.exec(after))) {
      via = m[1]!;
      entity = resolvePronoun(ctx, first, m[2]!, span.start);
    } else if (span.closed && (m = AFTER_PRONOUN.exec(after))) {
      entity = resolvePronoun(ctx, first, m[1]!, span.start);
    } else if (span.closed && AFTER_SAID_END.test(after)) {
      // `"...," said` with the name lost to a line break: the previous paragraph's subject said it.
      const prev = ctx.sentences.filter((s) => s.sentence.paragraph < span.paragraph && s.subject).at(-1);
      entity = prev?.subject ?? null;
    } else if (span.closed && (m = AFTER_SAID_NAME.exec(after))) {
      const at = afterStart + after.indexOf(m[1]!);
      entity = entityIn(afterSentence, at, at + m[1]!.length) ?? bySurname(ctx.mentions, m[1]!);
      name = entity ? null : m[1]!.trim();
    } else if (span.closed && (m = AFTER_NAME_SAID.exec(after))) {
      const at = afterStart + after.indexOf(m[1]!);
      entity = entityIn(afterSentence, at, at + m[1]!.length) ?? bySurname(ctx.mentions, m[1]!);
      name = entity ? null : m[1]!.trim();
    }
    if (!entity && !name && BEFORE_COLON.test(beforeText)) {
      const lead = beforeText.replace(BEFORE_COLON, '');
      const who = lead.replace(/^(?:In|On|At|Meanwhile|But)\b[^,]*,\s*/, '').trim();
      // "He told Ola Berg:": the pronoun speaks; a name after the verb is whom it is said to.
      const pronoun = LEAD_PRONOUN.exec(who);
      entity = pronoun ? resolvePronoun(ctx, first, pronoun[1]!, span.start) : entityIn(first, paragraph.start, span.start) ?? bySurname(ctx.mentions, who);
      if (!entity && !pronoun) name = who || null;
    }
    // Another quote earlier in the same paragraph with no new name in between: the same speaker.
    const prior = previousSpeaker as Speaker | null;
    if (!entity && !name && prior && prior.paragraph === span.paragraph && prior.end !== undefined) {
      const priorEnd = prior.end;
      if (!first.mentions.some((m) => m.start >= priorEnd && m.end <= span.start)) {
        entity = prior.entity;
        name = prior.name;
      }
    }
    if (!entity && !name && beforeText.trim().length > 0) {
      // A partial quote inside reported speech belongs to the sentence's subject.
      const pronoun = /\b(he|she)\b[^“"]*$/i.exec(beforeText);
      entity = first.subject ?? (pronoun ? resolvePronoun(ctx, first, pronoun[1]!, span.start) : null);
      // "The government said it had dismissed X for '...'": the unnamed speaker, never the person named inside.
      const lead = text.slice(first.sentence.start, span.start);
      const said = entity ? null : REPORTED_BY.exec(lead);
      if (said) entity = bySurname(ctx.mentions, said[1]!);
      // The reporter is a phrase that names no person ("Ruritanian state radio", "The government"), or names
      // one only as a place after its head noun ("The government of Norland").
      const named = said ? first.mentions.filter((m) => m.start < first.sentence.start + said[1]!.length) : [];
      const institution = said ? INSTITUTION.test(said[1]!) && named.every((m) => /\b(?:of|in|for)\s+$/.test(text.slice(first.sentence.start, m.start))) : false;
      if (said && !entity && (named.length === 0 || institution)) name = said[1]!;
    }
    if (!entity && !name && beforeText.trim().length === 0 && previousSpeaker && previousSpeaker.paragraph >= span.paragraph - 2) {
      entity = previousSpeaker.entity;
      name = previousSpeaker.name;
    }
    // Scare quotes of one word say nothing.
    if (words < 2) continue;
    // "X seemed to address Haddad directly." then the quote: the previous sentence names whom it addresses.
    const previous = ctx.sentences[first.sentence.index - 1];
    const addressed = previous && previous.sentence.paragraph >= span.paragraph - 1 ? ADDRESSED.exec(previous.sentence.text) : null;
    const address = ADDRESS_IN_QUOTE.exec(body) ?? ADDRESS_BEFORE.exec(beforeText.slice(-120)) ?? addressed;
    const evidence = evidenceOf(ctx.doc, first.sentence, span.start, span.end);
    quotes.push({ text: body, entity, speakerName: name, addressee: address ? address[1]!.trim() : null, via, evidence });
    if (entity || name) previousSpeaker = { entity, name, paragraph: span.paragraph, end: afterStart };
  }
  return quotes;
}
