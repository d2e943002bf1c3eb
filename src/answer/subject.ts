// Subject of a question -> a person. The whole subject phrase is tried first (name, role, typo); then
// its sub-phrases, but only when every word left over is an ordinary word of the articles and not part
// of somebody else's name ("Vladimir Hijab" is not Riyad Hijab; "the Syrian premier Riyad Hijab" is).
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

function leftoverOk(index: AnswerIndex, leftover: string[], chosen: string): boolean {
  for (const t of leftover) {
    if (STOP.has(t) || TITLES.has(t)) continue;
    if (!index.vocabulary.has(t) && !index.names.roleVocab.has(t)) return false;
    const owners = index.names.tokenPeople.get(t);
    if (owners && !owners.has(chosen)) return false;
  }
  return true;
}

export function resolveSubject(index: AnswerIndex, subject: string): SubjectResolution {
  const none: SubjectResolution = { person: null, suggestions: [], events: [] };
  const words = tokens(subject).slice(0, 12);
  if (words.length === 0) return none;
  const whole = resolveReference(index.names, subject, false);
  if (whole.person) return { person: whole.person, suggestions: [], events: [] };

  // Sub-phrases, longest first: strict matches, then typo-tolerant ones.
  for (const fuzzyPass of [false, true]) {
    for (let len = Math.min(words.length - 1, 5); len >= 1; len--) {
      const found = new Map<string, Person>();
      let span: { i: number; len: number } | null = null;
      for (let i = 0; i + len <= words.length; i++) {
        const phrase = words.slice(i, i + len).join(' ');
        let r = resolveName(index.names, phrase, fuzzyPass);
        if (!r.person && !fuzzyPass) r = resolveRole(index.names, phrase);
        if (r.person && leftoverOk(index, [...words.slice(0, i), ...words.slice(i + len)], r.person.id)) {
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
  const events = content.length === 0 ? [] : index.table.events.filter((e) => {
    if (e.person) return false;
    const have = new Set(tokens(`${e.subject} ${e.role ?? ''}`));
    return content.every((t) => have.has(t));
  });
  const suggestions =
    whole.suggestions.length > 0 ? whole.suggestions : events.length > 0 ? [] : suggest(index.names, normalize(subject));
  return { person: null, suggestions, events };
}
