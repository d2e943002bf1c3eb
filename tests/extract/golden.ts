// A compact, reviewable summary of what extraction finds in one article, for golden-file tests.
import type { FactTable } from '../../src/facts/schema.js';

export function summarise(table: FactTable, articleId: string) {
  const name = (id: string | null) => table.people.find((p) => p.id === id)?.name ?? null;
  return {
    people: table.people.filter((p) => p.articles.includes(articleId)).map((p) => p.name).sort(),
    roles: table.people.flatMap((p) => p.roles.filter((r) => r.evidence.article === articleId).map((r) => `${p.name}: ${r.former ? 'former ' : ''}${r.title}`)).sort(),
    attributes: table.people.flatMap((p) => p.attributes.filter((a) => a.evidence.article === articleId).map((a) => `${p.name}: ${a.kind}=${a.value}`)).sort(),
    events: table.events.filter((e) => e.evidence.article === articleId).map((e) => ({
      kind: e.kind, who: name(e.person) ?? e.subject, role: e.role, date: e.date?.value ?? null, words: e.date?.text ?? null, place: e.place, via: e.announcedVia, helpedBy: e.helpedBy,
    })),
    quotes: table.quotes.filter((q) => q.evidence.article === articleId).map((q) => ({ speaker: q.speakerName, to: q.addressee, via: q.via, text: q.text })),
  };
}
