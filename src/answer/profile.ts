// Person facts as text: attributes with every source's value side by side, roles, and the full profile.
import type { Answer, AttributeKind, Evidence, Person } from '../facts/schema.js';
import { cite, recase, sourcesOf, type AnswerIndex } from './build.js';
import { formatDatePhrase } from './dates.js';
import { normalize } from './text.js';
import { datesText, groupsOfPerson } from './timeline.js';

export interface ValueGroup {
  value: string;
  evidence: Evidence[];
}

function displayValue(kind: AttributeKind, value: string): string {
  if (kind === 'age') {
    const m = /\d{1,3}/.exec(value);
    if (m) return m[0];
  }
  return value.trim();
}

/** Distinct values of one attribute, each with the evidence behind it. */
export function attributeValues(person: Person, kind: AttributeKind): ValueGroup[] {
  const out: ValueGroup[] = [];
  for (const a of person.attributes) {
    if (a.kind !== kind) continue;
    const v = displayValue(kind, a.value);
    const cur = out.find((g) => normalize(g.value) === normalize(v));
    if (cur) cur.evidence.push(a.evidence);
    else out.push({ value: v, evidence: [a.evidence] });
  }
  return out;
}

function articlesOf(index: AnswerIndex, evidence: Evidence[]): string {
  const ids: string[] = [];
  for (const e of evidence) if (!ids.includes(e.article)) ids.push(e.article);
  return ids.map((id) => cite(index, id)).join(' and ');
}

/**
 * Ages: "57 according to 000 (AFP); 58 according to 001 (AP)" or "57 (according to 000 (AFP))".
 * Other kinds are not rivals ("married", "four children"): values listed per source.
 */
export function valuesText(index: AnswerIndex, groups: ValueGroup[], kind: AttributeKind = 'age'): string {
  if (kind !== 'age' && groups.length > 1) {
    const bySource = new Map<string, string[]>();
    for (const g of groups) {
      const key = [...new Set(g.evidence.map((e) => e.article))].join(',');
      bySource.set(key, [...(bySource.get(key) ?? []), g.value]);
    }
    return [...bySource.entries()]
      .map(([key, values]) => `${values.join(', ')} (according to ${key.split(',').map((id) => cite(index, id)).join(' and ')})`)
      .join('; ');
  }
  if (groups.length === 1 && groups[0]) return `${groups[0].value} (according to ${articlesOf(index, groups[0].evidence)})`;
  return groups.map((g) => `${g.value} according to ${articlesOf(index, g.evidence)}`).join('; ');
}

export function rolesText(index: AnswerIndex, person: Person): { text: string; evidence: Evidence[] } | null {
  const current: string[] = [];
  const former: string[] = [];
  const evidence: Evidence[] = [];
  const seen = new Set<string>();
  for (const r of person.roles) {
    const key = `${r.former ? 'f' : 'c'}:${normalize(r.title)}`;
    evidence.push(r.evidence);
    if (seen.has(key)) continue;
    seen.add(key);
    (r.former ? former : current).push(recase(index, r.title));
  }
  // A title held both now and formerly is listed once, as current.
  const formerOnly = former.filter((f) => !current.some((c) => normalize(c) === normalize(f)));
  const parts: string[] = [];
  if (current.length > 0) parts.push(current.join(', '));
  if (formerOnly.length > 0) parts.push(`formerly ${formerOnly.join(', ')}`);
  return parts.length === 0 ? null : { text: parts.join('; '), evidence };
}

const ATTRIBUTE_LABEL: Record<AttributeKind, string> = {
  age: 'Age',
  origin: 'From',
  religion: 'Religion',
  family: 'Family',
  party: 'Party',
  affiliation: 'Affiliation',
};

export function profile(index: AnswerIndex, personId: string): Answer {
  const person = index.names.people.get(personId);
  if (!person) return { text: `No person with the id "${String(personId).slice(0, 100)}" is in the fact table.`, sources: [] };
  const lines: string[] = [person.name];
  const evidence: Evidence[] = [];
  const roles = rolesText(index, person);
  if (roles) {
    lines.push(`Roles: ${roles.text}.`);
    evidence.push(...roles.evidence);
  }
  const groups = groupsOfPerson(index, person.id);
  for (const g of groups) {
    let line = 'Defected';
    const when = datesText(index, g, true);
    if (when) line += ` ${when}`;
    if (g.role) line += `, as ${recase(index, g.role)}`;
    if (g.places.length > 0) line += `; went to ${g.places.join(' / ')}`;
    if (g.helpedBy.length > 0) line += `; helped by ${g.helpedBy.join(', ')}`;
    if (g.announcedVia.length > 0) line += `; announced via ${g.announcedVia.join(', ')}`;
    lines.push(`${line}.`);
    evidence.push(...g.events.map((e) => e.evidence), ...g.flights.filter((f) => f.place).map((f) => f.evidence));
  }
  for (const e of index.eventsByPerson.get(person.id) ?? []) {
    if (e.kind === 'defection') continue;
    if (e.kind === 'flight' && groups.length > 0) continue;
    const when = e.date ? ` ${formatDatePhrase(e.date)}` : '';
    const what =
      e.kind === 'appointment'
        ? `Appointed${e.role ? ` ${recase(index, e.role)}` : ''}`
        : e.kind === 'dismissal'
          ? `Dismissed${e.role ? ` as ${recase(index, e.role)}` : ''}`
          : `Fled${e.place ? ` to ${e.place}` : ''}`;
    lines.push(`${what}${when} (${cite(index, e.evidence.article)}).`);
    evidence.push(e.evidence);
  }
  for (const kind of ['origin', 'age', 'religion', 'family', 'party', 'affiliation'] as const) {
    const groups = attributeValues(person, kind);
    if (groups.length === 0) continue;
    lines.push(`${ATTRIBUTE_LABEL[kind]}: ${valuesText(index, groups, kind)}.`);
    for (const g of groups) evidence.push(...g.evidence);
  }
  const quotes = index.quotesBySpeaker.get(person.id)?.length ?? 0;
  if (quotes > 0) lines.push(`Quoted ${quotes} time${quotes === 1 ? '' : 's'} (ask what ${person.name} said).`);
  const other = person.aliases.filter((a) => a.trim() !== '' && a !== person.name);
  if (other.length > 0) lines.push(`Also written: ${[...new Set(other)].join(', ')}.`);
  if (evidence.length === 0) {
    // Nothing but mentions: say where the person appears, citing those sentences.
    const mentions = person.mentions.slice(0, 3);
    if (mentions.length === 0) return { text: `${person.name} is in the fact table, but the articles say nothing more about them.`, sources: [] };
    lines.push(`Mentioned in ${[...new Set(mentions.map((m) => cite(index, m.article)))].join(', ')}; the fact table gives no role or other facts.`);
    evidence.push(...mentions);
  }
  return { text: lines.join('\n'), sources: sourcesOf(index, evidence) };
}
