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
  const qb = quotes(before);
  const qa = quotes(after);
  return {
    articles: {
      added: added(ids(before), ids(after)),
      removed: added(ids(after), ids(before)),
      changed: after.articles.filter((a) => hashes.has(a.id) && hashes.get(a.id) !== a.hash).map((a) => a.id),
    },
    people: { added: added(people(before), people(after)), removed: added(people(after), people(before)) },
    events: { added: added(events(before), events(after)), removed: added(events(after), events(before)) },
    quotes: { added: added(qb, qa).length, removed: added(qa, qb).length },
  };
}
