// The articles behind the table: list them, show one article's facts (each cited), and read the
// paragraph around a cited sentence.
import type { Answer, Article, Evidence } from '../facts/schema.js';
import { personName, recase, shortId, sourcesOf, toSource, type AnswerIndex } from './build.js';
import { formatDate, formatDatePhrase } from './dates.js';

function isoToText(iso: string | null): string {
  if (!iso) return 'date unknown';
  return formatDate({ text: iso, value: iso, precision: 'day', from: iso, to: iso, qualifier: null });
}

/** Fact counts per article, computed once per index (the table never changes under an index). */
const countsByIndex = new WeakMap<AnswerIndex, Map<string, number>>();

/** How many facts (roles, attributes, events, quotes) each article supports. */
function factCounts(index: AnswerIndex): Map<string, number> {
  const cached = countsByIndex.get(index);
  if (cached) return cached;
  const counts = new Map<string, number>();
  countsByIndex.set(index, counts);
  const bump = (e: Evidence): void => {
    counts.set(e.article, (counts.get(e.article) ?? 0) + 1);
  };
  for (const p of index.table.people) {
    for (const r of p.roles) bump(r.evidence);
    for (const a of p.attributes) bump(a.evidence);
  }
  for (const e of index.table.events) bump(e.evidence);
  for (const q of index.table.quotes) bump(q.evidence);
  return counts;
}

/** Most articles listed in one answer. */
const MAX_LISTED = 25;

const listed = new WeakMap<AnswerIndex, Array<{ article: Article; facts: number }>>();

export function listArticles(index: AnswerIndex): Array<{ article: Article; facts: number }> {
  let list = listed.get(index);
  if (!list) {
    const counts = factCounts(index);
    list = index.table.articles.map((article) => ({ article, facts: counts.get(article.id) ?? 0 }));
    listed.set(index, list);
  }
  return list;
}

/** The articles as an answer: one line each, citing its title sentence. */
export function articlesAnswer(index: AnswerIndex, onlyIds?: Set<string>, heading?: string): Answer {
  const items = listArticles(index).filter((a) => !onlyIds || onlyIds.has(a.article.id));
  if (items.length === 0) return { text: 'The fact table holds no articles.', sources: [] };
  const outlets = [...new Set(items.map((i) => i.article.outlet).filter((o): o is string => !!o))];
  const head =
    heading ??
    `${items.length} article${items.length === 1 ? '' : 's'}` +
      (outlets.length > 0 ? ` from ${outlets.length} outlet${outlets.length === 1 ? '' : 's'} (${outlets.join(', ')})` : '') +
      ':';
  // A long list names the outlets and the first articles; /sources pages through all of them.
  const shown = items.slice(0, MAX_LISTED);
  const lines = shown.map(
    (i) =>
      `- ${shortId(index, i.article.id)}: ${i.article.outlet ?? 'outlet unknown'}, ${isoToText(i.article.published)}: ${i.article.title} (${i.facts} fact${i.facts === 1 ? '' : 's'})`,
  );
  if (items.length > shown.length) lines.push(`… and ${items.length - shown.length} more (use /sources to page through them).`);
  const sources = shown.map((i) =>
    toSource(index, {
      article: i.article.id,
      sentence: i.article.sentences[0]?.index ?? 0,
      start: i.article.sentences[0]?.start ?? 0,
      end: i.article.sentences[0]?.end ?? 0,
      text: i.article.sentences[0]?.text ?? i.article.title,
    }),
  );
  return { text: [head, ...lines].join('\n'), sources };
}

export function articleFacts(index: AnswerIndex, articleId: string): Answer | null {
  const article = index.articles.get(articleId);
  if (!article) return null;
  const lines: string[] = [
    `${shortId(index, article.id)} (${article.outlet ?? 'outlet unknown'}, ${isoToText(article.published)}): ${article.title}`,
  ];
  const evidence: Evidence[] = [];
  const here = (e: Evidence): boolean => e.article === article.id;
  const people = index.table.people.filter((p) => p.articles.includes(article.id));
  for (const e of index.table.events.filter((x) => here(x.evidence))) {
    const who = personName(index, e.person, e.subject);
    const parts = [`${who}: ${e.kind}`];
    if (e.role) parts.push(`as ${recase(index, e.role)}`);
    if (e.date) parts.push(formatDatePhrase(e.date));
    if (e.place) parts.push(`to ${e.place}`);
    if (e.helpedBy.length > 0) parts.push(`helped by ${e.helpedBy.join(', ')}`);
    if (e.announcedVia) parts.push(`announced via ${e.announcedVia}`);
    lines.push(`- Event: ${parts.join(', ')} [sentence ${e.evidence.sentence}]`);
    evidence.push(e.evidence);
  }
  for (const p of people) {
    for (const r of p.roles.filter((x) => here(x.evidence))) {
      lines.push(`- Role: ${p.name}, ${r.former ? 'formerly ' : ''}${recase(index, r.title)} [sentence ${r.evidence.sentence}]`);
      evidence.push(r.evidence);
    }
    for (const a of p.attributes.filter((x) => here(x.evidence))) {
      lines.push(`- ${a.kind}: ${p.name}, ${a.value} [sentence ${a.evidence.sentence}]`);
      evidence.push(a.evidence);
    }
  }
  for (const q of index.table.quotes.filter((x) => here(x.evidence))) {
    const who = personName(index, q.speaker, q.speakerName ?? 'unattributed');
    lines.push(`- Quote: ${who}${q.addressee ? ` to ${q.addressee}` : ''}: "${q.text}" [sentence ${q.evidence.sentence}]`);
    evidence.push(q.evidence);
  }
  if (people.length > 0) lines.push(`People named: ${people.map((p) => p.name).join(', ')}.`);
  if (evidence.length === 0) lines.push('No facts were extracted from this article.');
  return { text: lines.join('\n'), sources: sourcesOf(index, evidence) };
}

export function evidenceParagraph(index: AnswerIndex, articleId: string, sentence: number): string | null {
  const article = index.articles.get(articleId);
  if (!article || !Number.isInteger(sentence)) return null;
  const s = article.sentences.find((x) => x.index === sentence);
  if (!s) return null;
  const para = article.sentences.filter((x) => x.paragraph === s.paragraph);
  const start = Math.min(...para.map((x) => x.start));
  const end = Math.max(...para.map((x) => x.end));
  const text = article.text.slice(start, end).trim();
  return text === '' ? s.text : text;
}
