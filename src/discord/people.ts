// Lookups shared by commands: a person from a name/id (with "did you mean"), an article from an id.
import type { AnswerIndex } from '../answer/index.ts';
import { resolvePerson } from '../answer/index.ts';
import type { Article, FactTable, Person } from '../facts/schema.ts';
import type { Choice } from './command.ts';
import { shorten, UserError } from './reply.ts';

/** Person by id (autocomplete values) or by any spelling; UserError with suggestions when unknown. */
export function findPerson(index: AnswerIndex, query: string): Person {
  const byId = index.names.people.get(query); // the index's id map, not a scan of every person
  if (byId) return byId;
  const { person, suggestions } = resolvePerson(index, query);
  if (person) return person;
  throw new UserError(
    `I don't know anyone called "${shorten(query, 80)}" in the articles.`,
    suggestions.slice(0, 5).map((p) => p.name),
    'Unknown person',
  );
}

function simplify(s: string): string {
  return s.toLowerCase().replace(/\.txt$/, '');
}

/** Article by id (or file name, or a unique prefix); UserError listing the known ids otherwise. */
export function findArticle(table: FactTable, query: string): Article {
  const q = simplify(query.trim());
  const exact = table.articles.find((a) => simplify(a.id) === q || simplify(a.file) === q);
  if (exact) return exact;
  const prefixed = table.articles.filter((a) => simplify(a.id).startsWith(q));
  if (prefixed.length === 1 && prefixed[0]) return prefixed[0];
  const near = table.articles.filter((a) => simplify(a.id).includes(q) || a.title.toLowerCase().includes(q));
  throw new UserError(
    `There is no article "${shorten(query, 80)}".`,
    (near.length > 0 ? near : table.articles).slice(0, 5).map((a) => a.id),
    'Unknown article',
  );
}

/** Autocomplete choices for article ids: id prefix or title words. */
export function articleChoices(table: FactTable, partial: string): Choice[] {
  const q = partial.trim().toLowerCase();
  return table.articles
    .filter((a) => q === '' || a.id.toLowerCase().includes(q) || a.title.toLowerCase().includes(q) || (a.outlet ?? '').toLowerCase().includes(q))
    .slice(0, 25)
    .map((a) => ({ name: shorten(`${a.id} · ${a.outlet ?? '?'} · ${a.published ?? 'undated'} · ${a.title}`, 100), value: a.id }));
}
