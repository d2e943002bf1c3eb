// Who each sentence is about: its subject (a named person, or "he"/"she"/"the 57-year-old" resolved to the
// most salient person so far). Roles, attributes, events and quotes all lean on this one walk.
import { FEMALE_PRONOUNS, MALE_PRONOUNS } from './lexicon.js';
import type { ArticleDoc } from './doc.js';
import type { Gender, Mention } from './people.js';
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

/** Index of the first verb token not inside a comma-delimited aside. */
/** Index of the main verb (skipping "who ..." clauses), and which tokens sit inside such clauses. */
function clauseShape(sentence: SentenceDoc): { verbAt: number; relative: Set<number> } {
  let inRelative = false;
  const relative = new Set<number>();
  for (let i = 0; i < sentence.tokens.length; i++) {
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

export function pronounGender(word: string): Gender {
  const w = word.toLowerCase();
  if (MALE_PRONOUNS.has(w)) return 'male';
  if (FEMALE_PRONOUNS.has(w)) return 'female';
  return null;
}

export function analyseArticle(doc: ArticleDoc, mentions: Mention[]): ArticleContext {
  const gender = new Map<string, Gender>();
  const counts = new Map<string, number>();
  for (const m of mentions) {
    if (m.gender && !gender.get(m.entity)) gender.set(m.entity, m.gender);
    counts.set(m.entity, (counts.get(m.entity) ?? 0) + 1);
  }
  const main = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const recent: string[] = []; // most recent subjects first
  const sentences: SentenceContext[] = [];
  for (const sentence of doc.sentences) {
    const own = mentions.filter((m) => m.sentence === sentence.index).sort((a, b) => a.start - b.start);
    let subject: string | null = null;
    let inferred = false;
    const { verbAt, relative } = clauseShape(sentence);
    let lead = 0;
    while (lead < sentence.tokens.length && LEADING_FILLER.has(sentence.tokens[lead]!.lower)) lead++;
    // The subject is the named person closest before the main verb, outside any "who ..." clause.
    const first = own.filter((m) => m.tokenStart <= verbAt && !relative.has(m.tokenStart) && canBeSubject(sentence, m)).at(-1);
    const pronoun = PRONOUN_SUBJECT.exec(sentence.text);
    if (first && first.tokenStart <= verbAt && !(pronoun && first.tokenStart > 1)) {
      subject = first.entity;
    } else if (pronoun) {
      subject = salient(recent, pronounGender(pronoun[1]!), gender);
      inferred = subject !== null;
    } else if (DESCRIPTION_SUBJECT.test(sentence.text)) {
      subject = recent[0] ?? null;
      inferred = subject !== null;
    }
    sentences.push({ sentence, mentions: own, subject, inferred });
    if (subject) {
      const at = recent.indexOf(subject);
      if (at >= 0) recent.splice(at, 1);
      recent.unshift(subject);
    }
    for (const m of own) if (!recent.includes(m.entity)) recent.push(m.entity);
  }
  return { doc, sentences, gender, mentions, main };
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
