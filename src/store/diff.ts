// What changed between two fact tables, for the /refresh reply.
import type { Event, FactTable } from '../facts/schema.js';

export interface TableDiff {
  articles: { added: string[]; removed: string[]; changed: string[] };
  people: { added: string[]; removed: string[] };
  events: { added: string[]; removed: string[] };
  quotes: { added: number; removed: number };
}

export function emptyDiff(): TableDiff {
  return { articles: { added: [], removed: [], changed: [] }, people: { added: [], removed: [] }, events: { added: [], removed: [] }, quotes: { added: 0, removed: 0 } };
}

function describeEvent(names: ReadonlyMap<string, string>, e: Event): string {
  const who = (e.person ? names.get(e.person) : undefined) ?? e.subject;
  const when = e.date?.value ?? e.date?.text ?? 'undated';
  return `${e.kind}: ${who}${e.role ? ` (${e.role})` : ''}, ${when} [${e.evidence.article}]`;
}

function added<T>(before: Set<T>, after: Set<T>): T[] {
  return [...after].filter((x) => !before.has(x));
}

export function diffTables(before: FactTable, after: FactTable): TableDiff {
  const hashes = new Map(before.articles.map((a) => [a.id, a.hash]));
  const ids = (t: FactTable) => new Set(t.articles.map((a) => a.id));
  const people = (t: FactTable) => new Set(t.people.map((p) => p.name));
  const events = (t: FactTable) => {
    const names = new Map(t.people.map((p) => [p.id, p.name]));
    return new Set(t.events.map((e) => describeEvent(names, e)));
  };
  const quotes = (t: FactTable) => new Set(t.quotes.map((q) => `${q.evidence.article}|${q.speaker ?? q.speakerName}|${q.text}`));
  // Each set is built once per table: at 10,000 articles they hold tens of thousands of entries.
  const [idsB, idsA, peopleB, peopleA, eventsB, eventsA, quotesB, quotesA] = [ids(before), ids(after), people(before), people(after), events(before), events(after), quotes(before), quotes(after)];
  return {
    articles: {
      added: added(idsB, idsA),
      removed: added(idsA, idsB),
      changed: after.articles.filter((a) => hashes.has(a.id) && hashes.get(a.id) !== a.hash).map((a) => a.id),
    },
    people: { added: added(peopleB, peopleA), removed: added(peopleA, peopleB) },
    events: { added: added(eventsB, eventsA), removed: added(eventsA, eventsB) },
    quotes: { added: added(quotesB, quotesA).length, removed: added(quotesA, quotesB).length },
  };
}
