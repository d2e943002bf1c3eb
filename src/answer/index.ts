// Dossier's answer engine: a pure function of the fact table. No discord.js, no NLP library: cheap to
// import at bot start-up. Build the index once per table with buildIndex(), then ask as often as needed.
// This file is the public API. src/timeline/ also imports a few internals, kept stable on purpose:
// build.ts (cite, recase), text.ts (normalize), timeline.ts (groupLookups, defectionGroups, DefectionGroup),
// dates.ts (describeRange).
import type { Person } from '../facts/schema.js';
import type { AnswerIndex } from './build.js';
import { completeFrom, resolveReference } from './names.js';

export type { Answer, Article, Evidence, Event, FactTable, Person, Quote, Source } from '../facts/schema.js';
export type { AnswerIndex } from './build.js';
export { buildIndex, dedupeSources, toSource, warmIndex, warmSteps } from './build.js';
export { answer } from './compose.js';
export { parseDateRange } from './dates.js';
export { profile } from './profile.js';
export { quotesBy } from './quotes.js';
export { defectionTimeline, type TimelineEntry } from './timeline.js';
export { articleFacts, evidenceParagraph, listArticles } from './articles.js';

/**
 * Autocomplete over every known name and spelling: prefix, then word prefix, then substring, then fuzzy.
 * At most 25 choices (or `limit`), names at most 100 characters, value = person id.
 */
export function completeNames(
  index: AnswerIndex,
  partial: string,
  opts?: { speakersOnly?: boolean; limit?: number },
): Array<{ name: string; value: string }> {
  return completeFrom(index.names, partial, opts);
}

/** A user's reference (id, any spelling, typo, or role) -> one person, or null with "did you mean" suggestions. */
export function resolvePerson(index: AnswerIndex, query: string): { person: Person | null; suggestions: Person[] } {
  const q = typeof query === 'string' ? query.slice(0, 200) : '';
  const r = resolveReference(index.names, q);
  return { person: r.person, suggestions: r.person ? [] : r.suggestions };
}
