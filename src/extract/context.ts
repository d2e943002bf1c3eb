// Who each sentence is about: its subject (a named person, or "he"/"she"/"the 57-year-old" resolved to the
// most salient person so far). Roles, attributes, events and quotes all lean on this one walk.
import { FEMALE_NOUNS, FEMALE_PRONOUNS, HONORIFICS, MALE_NOUNS, MALE_PRONOUNS, SPEECH } from './lexicon.js';
import type { ArticleDoc } from './doc.js';
import type { Gender, Mention } from './people.js';
import { commonPluralNoun } from './nlp.js';
import type { SentenceDoc } from './split.js';

export interface SentenceContext {
  sentence: SentenceDoc;
  mentions: Mention[];
  /** Entity the sentence is about, or null. */
  subject: string | null;
  /** True when the subject was resolved from a pronoun or description rather than named. */
  inferred: boolean;
}

export interface ArticleContext {
  doc: ArticleDoc;
  sentences: SentenceContext[];
  /** Gender known for each entity in this article. */
  gender: Map<string, Gender>;
  mentions: Mention[];
  /** Entity most mentioned in the article (its main subject). */
  main: string | null;
}

const LEADING_FILLER = new Set(['but', 'and', 'meanwhile', 'also', 'however', 'still', 'yet', 'so', 'then', 'later', 'earlier', 'now', 'in', 'on', 'at', 'after', 'before', 'during', 'according', 'to', 'as', 'when', 'while']);
const PRONOUN_SUBJECT = /^(?:(?:but|and|meanwhile|also|however|then|later|so)\s+)?(he|she|his|her)\b/i;
const DESCRIPTION_SUBJECT = /^(?:the|this)\s+(\d{1,3}-year-old|(?:former\s+)?(?:official|minister|diplomat|ambassador|general|officer|premier|envoy|defector|man|woman))\b/i;

/**
 * Tokens of a sentence inside quotation marks, counting marks from the start of its paragraph (a quote may
 * open in an earlier sentence). Curly marks open and close; a straight mark toggles.
 */
function quotedTokens(doc: ArticleDoc, sentence: SentenceDoc): Set<number> {
  const quoted = new Set<number>();
  const paragraph = doc.clean.paragraphs[sentence.paragraph];
  const text = doc.clean.text;
  let inside = false;
  let at = paragraph ? paragraph.start : sentence.start;
  sentence.tokens.forEach((t, i) => {
    for (; at < t.start; at++) {
      const ch = text[at];
      if (ch === '“') inside = true;
      else if (ch === '”') inside = false;
      else if (ch === '"') inside = !inside;
    }
    if (inside) quoted.add(i);
  });
  return quoted;
}

/** Index of the main verb (skipping "who ..." clauses and quoted words), and which tokens sit inside such clauses. */
function clauseShape(sentence: SentenceDoc, quoted: ReadonlySet<number>): { verbAt: number; relative: Set<number> } {
  let inRelative = false;
  const relative = new Set<number>();
  for (let i = 0; i < sentence.tokens.length; i++) {
    if (quoted.has(i)) continue;
    const t = sentence.tokens[i]!;
    if (/^(who|which|whom|whose)$/.test(t.lower)) inRelative = true;
    if (inRelative) relative.add(i);
    if (!inRelative && t.tags.has('Verb') && !t.tags.has('Gerund') && !t.tags.has('Participle') && !/^(like)$/.test(t.lower)) return { verbAt: i, relative };
    if (inRelative && /,/.test(t.post)) inRelative = false;
  }
  return { verbAt: sentence.tokens.length, relative };
}

/** A mention that can be a subject: not possessive ("Haddad's rule"), not after a preposition ("under X"). */
function canBeSubject(sentence: SentenceDoc, m: Mention): boolean {
  const after = sentence.text.slice(m.end - sentence.start, m.end - sentence.start + 2);
  if (/^['’]/.test(after)) return false;
  const prev = sentence.tokens[m.tokenStart - 1];
  const beforeName = sentence.text.slice(0, m.start - sentence.start);
  return !(prev && /^(of|under|by|with|from|to|for|against|than|about)$/.test(prev.lower) && !/,\s*$/.test(beforeName));
}

/**
 * A lone plural common noun taken for a name ("Diplomats say ..."): a group, never a person he or she refers to.
 * Not a surname that stands for a person named in full (a family name can also be a plural noun).
 */
function pluralNoun(sentence: SentenceDoc, m: Mention): boolean {
  const token = sentence.tokens[m.tokenStart];
  return m.tokenEnd - m.tokenStart === 1 && m.entity === m.surface && !!token && commonPluralNoun(token);
}

export function pronounGender(word: string): Gender {
  const w = word.toLowerCase();
  if (MALE_PRONOUNS.has(w)) return 'male';
  if (FEMALE_PRONOUNS.has(w)) return 'female';
  return null;
}

const APPOSITIVE_NOUN = /^,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?([a-z]+)\b/;

/**
 * Gender the article's own words give a person its titles do not: a he/his/she/her in a sentence that names
 * only that person before it ("X announced his defection"), or a sexed noun in apposition ("X, a spokeswoman").
 * Pronouns inside quotation marks are left out (they may be the speaker's, about someone else).
 */
function genderInText(doc: ArticleDoc, mentions: Mention[]): Map<string, Gender> {
  const votes = new Map<string, { male: number; female: number }>();
  const vote = (entity: string, g: Gender) => {
    if (!g) return;
    const v = votes.get(entity) ?? { male: 0, female: 0 };
    v[g]++;
    votes.set(entity, v);
  };
  const text = doc.clean.text;
  for (const sentence of doc.sentences) {
    if (sentence.heading) continue;
    const own = mentions.filter((m) => m.sentence === sentence.index).sort((a, b) => a.start - b.start);
    if (own.length === 0) continue;
    for (const m of own) {
      const noun = APPOSITIVE_NOUN.exec(text.slice(m.end, m.end + 60));
      if (noun) vote(m.entity, FEMALE_NOUNS.has(noun[1]!) ? 'female' : MALE_NOUNS.has(noun[1]!) ? 'male' : null);
    }
    const pronoun = sentence.tokens.find((t) => (MALE_PRONOUNS.has(t.lower) || FEMALE_PRONOUNS.has(t.lower)) && t.start > own[0]!.start);
    if (!pronoun) continue;
    const before = own.filter((m) => m.end <= pronoun.start);
    const quoted = (text.slice(sentence.start, pronoun.start).match(/["“”]/g) ?? []).length % 2 === 1;
    if (quoted || new Set(before.map((m) => m.entity)).size !== 1) continue;
    vote(before[0]!.entity, pronounGender(pronoun.lower));
  }
  const out = new Map<string, Gender>();
  for (const [entity, v] of votes) if (v.male !== v.female) out.set(entity, v.male > v.female ? 'male' : 'female');
  return out;
}

export function analyseArticle(doc: ArticleDoc, mentions: Mention[]): ArticleContext {
  const gender = new Map<string, Gender>();
  const counts = new Map<string, number>();
  for (const m of mentions) {
    if (m.gender && !gender.get(m.entity)) gender.set(m.entity, m.gender);
    counts.set(m.entity, (counts.get(m.entity) ?? 0) + 1);
  }
  for (const [entity, g] of genderInText(doc, mentions)) if (!gender.get(entity)) gender.set(entity, g);
  const main = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const recent: string[] = []; // most recent subjects first
  const lastSeen = new Map<string, number>(); // sentence each entity was last named or referred to in
  const referred = new Set<string>(); // entities the text has already referred to as "he", "she" or "the official"
  const sentences: SentenceContext[] = [];
  for (const sentence of doc.sentences) {
    const own = mentions.filter((m) => m.sentence === sentence.index && !pluralNoun(sentence, m)).sort((a, b) => a.start - b.start);
    let subject: string | null = null;
    let inferred = false;
    const quoted = quotedTokens(doc, sentence);
    const { verbAt, relative } = clauseShape(sentence, quoted);
    // The subject is the named person closest before the main verb, outside any "who ..." clause and any quote
    // ("'X has lost control,' he said" is not about X).
    const first = own.filter((m) => m.tokenStart <= verbAt && !relative.has(m.tokenStart) && !quoted.has(m.tokenStart) && canBeSubject(sentence, m)).at(-1);
    const pronoun = PRONOUN_SUBJECT.exec(sentence.text)?.[1] ?? pronounAfterQuote(sentence, quoted);
    const pronounFirst = pronoun !== null && (PRONOUN_SUBJECT.test(sentence.text) ? !!first && first.tokenStart > 1 : true);
    const speaker = first || pronoun ? null : (quotedSpeaker(sentence, quoted, verbAt, own, mentions) ?? surnameBeforeVerb(sentence, quoted, verbAt, mentions) ?? reportedSubject(sentence, quoted, own, mentions));
    if (first && first.tokenStart <= verbAt && !pronounFirst) {
      subject = first.entity;
    } else if (speaker) {
      subject = speaker;
    } else if (pronoun) {
      subject = antecedent(recent, pronounGender(pronoun), gender, { lastSeen, referred, index: sentence.index });
      inferred = subject !== null;
    } else if (DESCRIPTION_SUBJECT.test(sentence.text)) {
      subject = recent[0] ?? null;
      inferred = subject !== null;
    }
    sentences.push({ sentence, mentions: own, subject, inferred });
    for (const m of own) lastSeen.set(m.entity, sentence.index);
    if (subject) lastSeen.set(subject, sentence.index);
    if (subject && inferred) referred.add(subject);
    if (subject) {
      const at = recent.indexOf(subject);
      if (at >= 0) recent.splice(at, 1);
      recent.unshift(subject);
    }
    for (const m of own) if (!recent.includes(m.entity)) recent.push(m.entity);
  }
  return { doc, sentences, gender, mentions, main };
}

/**
 * "“...,” said X, who ...": the speaker named right after the speech verb of a sentence that opens with a quote.
 * The sentence is about its speaker, so a "he said" after it is X too.
 */
function quotedSpeaker(sentence: SentenceDoc, quoted: ReadonlySet<number>, verbAt: number, own: readonly Mention[], mentions: readonly Mention[]): string | null {
  const verb = sentence.tokens[verbAt];
  return quoted.has(0) && verb && SPEECH.has(verb.lower) ? personAfter(sentence, verbAt, quoted, own, mentions) : null;
}

/**
 * "State television said X had been dismissed": when whoever speaks is not a person, the sentence is about the
 * person its reported clause opens with, so a "he" after it is X.
 */
function reportedSubject(sentence: SentenceDoc, quoted: ReadonlySet<number>, own: readonly Mention[], mentions: readonly Mention[]): string | null {
  if (quoted.has(0)) return null;
  // The speech verb itself, not the clause's main verb as tagged ("State television said": "State" may be a verb).
  const sayAt = sentence.tokens.findIndex((t, i) => !quoted.has(i) && SPEECH.has(t.lower));
  if (sayAt < 0 || own.some((m) => m.tokenStart < sayAt)) return null;
  return personAfter(sentence, sayAt, quoted, own, mentions);
}

/**
 * The person a speech verb is followed by ("said X", "said Mr X", "said that X"): the mention there, or else a
 * surname the people stage does not take alone (it reads like a nationality), as its one bearer in the article.
 */
function personAfter(sentence: SentenceDoc, verbAt: number, quoted: ReadonlySet<number>, own: readonly Mention[], mentions: readonly Mention[]): string | null {
  const skipped = sentence.tokens[verbAt + 1];
  const at = skipped && (skipped.lower === 'that' || HONORIFICS.has(skipped.lower.replace(/\.$/, ''))) ? verbAt + 2 : verbAt + 1;
  const next = sentence.tokens[at];
  if (!next || quoted.has(at)) return null;
  const named = own.find((m) => (m.tokenStart === verbAt + 1 || m.tokenStart === at) && !quoted.has(m.tokenStart));
  return named?.entity ?? bySurname(mentions, sentence.text.slice(next.start - sentence.start).split(/[,.;:]/)[0]!);
}

/**
 * "Vanderic appeared on television", "“...,” Colonel Vanderic said": a sentence whose verb follows a surname
 * the people stage does not take alone. The subject is that surname's one bearer in the article.
 */
function surnameBeforeVerb(sentence: SentenceDoc, quoted: ReadonlySet<number>, verbAt: number, mentions: readonly Mention[]): string | null {
  const verb = sentence.tokens[verbAt];
  let from = 0;
  while (from < verbAt && quoted.has(from)) from++;
  if (!verb || from >= verbAt || verbAt - from > 2) return null;
  const start = sentence.tokens[from]!.start;
  return bySurname(mentions, sentence.text.slice(start - sentence.start, verb.start - sentence.start));
}

/**
 * A person written by surname alone ("said Berg", "Mrs Berg said") that the people stage left unresolved: the
 * one person of this article whose name, as written here, ends in that word. Null when none or several.
 */
export function bySurname(mentions: readonly Mention[], phrase: string): string | null {
  const words = /^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*/.exec(phrase.trim())?.[0].split(/\s+/) ?? [];
  const rest = words.filter((w) => !HONORIFICS.has(w.toLowerCase().replace(/\.$/, '')));
  if (rest.length !== 1) return null;
  const surname = rest[0]!.replace(/['’]s?$/, '');
  const bearers = new Set(mentions.filter((m) => m.surface.includes(' ') && m.surface.split(/\s+/).at(-1) === surname).map((m) => m.entity));
  return bearers.size === 1 ? [...bearers][0]! : null;
}

/** "“...,” he said": a he/she that is the first word after the quote a sentence opens with. */
function pronounAfterQuote(sentence: SentenceDoc, quoted: ReadonlySet<number>): string | null {
  if (!quoted.has(0)) return null;
  const t = sentence.tokens.find((_, i) => !quoted.has(i));
  return t && /^(he|she)$/.test(t.lower) ? t.text : null;
}

/**
 * Whom a subject pronoun refers to: the most recent compatible subject, unless that person was last named two
 * or more sentences back and the text has never called them "he" or "she" while it has so called another
 * compatible person: across sentences about something else, a pronoun keeps to the person the article is
 * already following ("X said ... Y has blamed the unrest on Z. Prices have tripled. He told ..." is X).
 */
function antecedent(recent: string[], want: Gender, gender: Map<string, Gender>, state: { lastSeen: ReadonlyMap<string, number>; referred: ReadonlySet<string>; index: number }): string | null {
  const nearest = salient(recent, want, gender);
  if (!nearest || state.referred.has(nearest) || state.index - (state.lastSeen.get(nearest) ?? state.index) < 2) return nearest;
  const followed = recent.filter((e) => e !== nearest && state.referred.has(e));
  return salient(followed, want, gender) ?? nearest;
}

/** The most recent subject compatible with a pronoun's gender. */
export function salient(recent: string[], want: Gender, gender: Map<string, Gender>): string | null {
  for (const entity of recent) {
    const g = gender.get(entity) ?? null;
    if (!want || !g || g === want) return entity;
  }
  return null;
}

/** Recent subjects before a sentence (most recent first), for resolving pronouns mid-sentence. */
export function recentSubjects(ctx: ArticleContext, sentenceIndex: number): string[] {
  const subjects: string[] = [];
  const others: string[] = [];
  for (let i = sentenceIndex; i >= 0; i--) {
    const s = ctx.sentences[i];
    if (!s) continue;
    if (s.subject && !subjects.includes(s.subject)) subjects.push(s.subject);
    if (i < sentenceIndex) for (const m of s.mentions) if (!others.includes(m.entity)) others.push(m.entity);
  }
  return [...subjects, ...others.filter((e) => !subjects.includes(e))];
}
