// Subject of a question -> a person. The whole subject phrase is tried first (name, role, typo); then
// its sub-phrases, but only when every word left over is an ordinary word of the articles and not part
// of somebody else's name ("Vladimir Karimi" is not Omar Karimi; "the Ruritanian premier Omar Karimi" is).
import type { Event, Person } from '../facts/schema.js';
import type { AnswerIndex } from './build.js';
import { resolveName, resolveReference, resolveRole, suggest } from './names.js';
import { normalize, STOP, TITLES, tokens } from './text.js';

export interface SubjectResolution {
  person: Person | null;
  suggestions: Person[];
  /** Person-less events whose description matches the subject ("a top Air Force colonel"). */
  events: Event[];
}

interface Word {
  token: string;
  /** Capitalised in the question (a name-like word the table does not know is a different person). */
  capital: boolean;
}

/**
 * May the words around a matched name be ignored? Not when one belongs to somebody else's name, nor
 * when one is an unknown capitalised word ("Vladimir Karimi"). Unknown lower-case words ("pm", "lol")
 * are ignored, except in an all-lower-case question where they sit right next to the name.
 */
function leftoverOk(index: AnswerIndex, words: Word[], from: number, len: number, chosen: string, allLower: boolean): boolean {
  for (let k = 0; k < words.length; k++) {
    if (k >= from && k < from + len) continue;
    const w = words[k];
    if (!w) continue;
    const t = w.token;
    if (STOP.has(t) || TITLES.has(t)) continue;
    const owners = index.names.tokenPeople.get(t);
    if (owners && !owners.has(chosen)) return false;
    if (index.vocabulary.has(t) || index.names.roleVocab.has(t)) continue;
    if (w.capital) return false;
    if (allLower && (k === from - 1 || k === from + len)) return false;
  }
  return true;
}

function wordsOfSubject(subject: string): Word[] {
  const out: Word[] = [];
  for (const raw of subject.split(/\s+/)) {
    const capital = /^\p{Lu}/u.test(raw);
    for (const token of tokens(raw)) out.push({ token, capital });
  }
  return out.slice(0, 12);
}

export function resolveSubject(index: AnswerIndex, subject: string): SubjectResolution {
  const none: SubjectResolution = { person: null, suggestions: [], events: [] };
  const cased = wordsOfSubject(subject);
  const words = cased.map((w) => w.token);
  if (words.length === 0) return none;
  const allLower = !cased.some((w) => w.capital);
  const whole = resolveReference(index.names, subject, false);
  if (whole.person) return { person: whole.person, suggestions: [], events: [] };

  // Sub-phrases, longest first: strict matches, then typo-tolerant ones.
  const nearMisses: Person[] = [];
  for (const fuzzyPass of [false, true]) {
    for (let len = Math.min(words.length - 1, 5); len >= 1; len--) {
      const found = new Map<string, Person>();
      let span: { i: number; len: number } | null = null;
      for (let i = 0; i + len <= words.length; i++) {
        const phrase = words.slice(i, i + len).join(' ');
        let r = resolveName(index.names, phrase, fuzzyPass);
        if (!r.person && !fuzzyPass) r = resolveRole(index.names, phrase);
        if (r.person && !leftoverOk(index, cased, i, len, r.person.id, allLower)) {
          if (!nearMisses.includes(r.person)) nearMisses.push(r.person);
        } else if (r.person) {
          found.set(r.person.id, r.person);
          span = { i, len };
        }
      }
      if (found.size === 1 && span) return { person: [...found.values()][0] ?? null, suggestions: [], events: [] };
      if (found.size > 1) return { person: null, suggestions: [...found.values()], events: [] };
    }
  }

  // Person-less events described by these words.
  const content = words.filter((t) => !STOP.has(t));
  const events = content.length === 0 ? [] : personlessEvents(index).filter(({ words: have }) => content.every((t) => have.has(t))).map((x) => x.event);
  const suggestions =
    whole.suggestions.length > 0
      ? whole.suggestions
      : nearMisses.length > 0
        ? nearMisses.slice(0, 5)
        : events.length > 0
          ? []
          : suggest(index.names, normalize(subject));
  return { person: null, suggestions, events };
}

/** Events whose subject is a description, not a named person, with the words of subject and role (once per index). */
const personless = new WeakMap<AnswerIndex, Array<{ event: Event; words: Set<string> }>>();

function personlessEvents(index: AnswerIndex): Array<{ event: Event; words: Set<string> }> {
  let list = personless.get(index);
  if (!list) {
    list = index.table.events.filter((e) => !e.person).map((event) => ({ event, words: new Set(tokens(`${event.subject} ${event.role ?? ''}`)) }));
    personless.set(index, list);
  }
  return list;
}
