// Defections grouped per person (several articles report the same defection), with the date each
// source gives, role, destination and helpers, sorted by date with undated ones last.
import type { DateValue, Event, Person, Source } from '../facts/schema.js';
import { cite, recase, sourcesOf, type AnswerIndex } from './build.js';
import { dateKey, dateWithin, formatDate, formatDatePhrase, isReportDate, isResolved } from './dates.js';
import { normalize } from './text.js';

export interface TimelineEntry {
  event: Event;
  person: Person | null;
  line: string;
  sources: Source[];
}

export interface DefectionGroup {
  person: Person | null;
  subject: string;
  events: Event[];
  /** Flight events of the same person, for where they went. */
  flights: Event[];
  /** The dates the sources give, most precise first; several when sources disagree. */
  dates: Array<{ date: DateValue; articles: string[] }>;
  role: string | null;
  places: string[];
  helpedBy: string[];
  announcedVia: string[];
}

const PRECISION_RANK: Record<string, number> = { day: 3, month: 2, year: 1, relative: 0 };

function uniq(values: Iterable<string>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const v of values) {
    const k = normalize(v);
    if (k === '' || seen.has(k)) continue;
    seen.add(k);
    out.push(v.trim());
  }
  return out;
}

/** Distinct resolved dates: the most precise ones, plus coarser ones that contradict them. */
export function groupDates(events: Event[]): Array<{ date: DateValue; articles: string[] }> {
  const dated = events.filter((e) => e.date && e.date.value !== null);
  const byValue = new Map<string, { date: DateValue; articles: string[] }>();
  const rank = (e: Event): number => (PRECISION_RANK[e.date?.precision ?? ''] ?? 0) * 2 + (e.date && !isReportDate(e.date) ? 1 : 0);
  for (const e of dated.sort((a, b) => rank(b) - rank(a))) {
    const d = e.date;
    if (!d?.value) continue;
    const consistent = [...byValue.keys()].find((v) => v === d.value || v.startsWith(`${d.value}-`));
    const key = consistent ?? d.value;
    const cur = byValue.get(key);
    if (cur) {
      if (!cur.articles.includes(e.evidence.article)) cur.articles.push(e.evidence.article);
    } else byValue.set(key, { date: d, articles: [e.evidence.article] });
  }
  const out = [...byValue.values()];
  if (out.length === 0) {
    // Only relative words ("on Wednesday") that could not be resolved: keep them as written.
    for (const e of events) {
      if (!e.date) continue;
      const cur = out.find((o) => normalize(o.date.text) === normalize(e.date?.text ?? ''));
      if (cur) {
        if (!cur.articles.includes(e.evidence.article)) cur.articles.push(e.evidence.article);
      } else out.push({ date: e.date, articles: [e.evidence.article] });
    }
  }
  return out;
}

const cache = new WeakMap<AnswerIndex, DefectionGroup[]>();

/** Defection groups of a table, computed once per index. */
export function defectionGroups(index: AnswerIndex): DefectionGroup[] {
  let groups = cache.get(index);
  if (!groups) cache.set(index, (groups = computeGroups(index)));
  return groups;
}

function computeGroups(index: AnswerIndex): DefectionGroup[] {
  const groups = new Map<string, Event[]>();
  for (const e of index.table.events) {
    if (e.kind !== 'defection') continue;
    const key = e.person ? `p:${e.person}` : `s:${normalize(e.subject)}`;
    const list = groups.get(key);
    if (list) list.push(e);
    else groups.set(key, [e]);
  }
  const out: DefectionGroup[] = [];
  for (const events of groups.values()) {
    const first = events[0];
    if (!first) continue;
    const person = first.person ? (index.names.people.get(first.person) ?? null) : null;
    const flights = person ? (index.eventsByPerson.get(person.id) ?? []).filter((e) => e.kind === 'flight') : [];
    const roles = uniq(events.map((e) => e.role ?? ''));
    out.push({
      person,
      subject: first.subject,
      events,
      flights,
      dates: groupDates(events),
      role: roles[0] ?? null,
      places: uniq([...events, ...flights].map((e) => e.place ?? '')),
      helpedBy: uniq(events.flatMap((e) => e.helpedBy)),
      announcedVia: uniq(events.map((e) => e.announcedVia ?? '')),
    });
  }
  out.sort((a, b) => {
    const ka = dateKey(a.dates[0]?.date ?? null);
    const kb = dateKey(b.dates[0]?.date ?? null);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  return out;
}

/** "6 August 2012" or "11 July 2012 according to 002 (Al Jazeera); 12 July 2012 according to 003 (agencies)". */
export function datesText(index: AnswerIndex, group: DefectionGroup, phrase: boolean): string | null {
  const fmt = (d: DateValue): string => (phrase ? formatDatePhrase(d) : formatDate(d));
  if (group.dates.length === 0) return null;
  if (group.dates.length === 1) {
    const only = group.dates[0];
    if (!only) return null;
    const s = fmt(only.date);
    if (isResolved(only.date)) return s;
    return `"${s}" (${only.articles.map((a) => cite(index, a)).join(', ')}; not resolved to a date)`;
  }
  return group.dates.map((d) => `${fmt(d.date)} according to ${d.articles.map((a) => cite(index, a)).join(', ')}`).join('; ');
}

function groupName(g: DefectionGroup): string {
  return g.person?.name ?? g.subject;
}

export function groupSources(index: AnswerIndex, g: DefectionGroup): Source[] {
  const withPlace = g.flights.filter((f) => f.place);
  return sourcesOf(index, [...g.events, ...withPlace].map((e) => e.evidence));
}

function timelineLine(index: AnswerIndex, g: DefectionGroup): string {
  const parts = [groupName(g)];
  if (g.role && (g.person || !normalize(g.subject).includes(normalize(g.role)))) parts.push(recase(index, g.role));
  parts.push(datesText(index, g, false) ?? 'date not given');
  let line = parts.join(', ');
  const extra: string[] = [];
  if (g.places.length > 0) extra.push(`to ${g.places.join(' / ')}`);
  if (g.helpedBy.length > 0) extra.push(`helped by ${g.helpedBy.join(', ')}`);
  if (extra.length > 0) line += ` (${extra.join('; ')})`;
  return line;
}

function groupInRange(g: DefectionGroup, from: string, to: string): boolean {
  return g.dates.some((d) => dateWithin(d.date, from, to));
}

export function defectionTimeline(index: AnswerIndex, range?: { from?: string; to?: string }): TimelineEntry[] {
  const from = range?.from ?? null;
  const to = range?.to ?? null;
  const out: TimelineEntry[] = [];
  for (const g of defectionGroups(index)) {
    if ((from !== null || to !== null) && !groupInRange(g, from ?? '0000-01-01', to ?? '9999-12-31')) continue;
    const event = g.events.find((e) => e.date?.value === g.dates[0]?.date.value) ?? g.events[0];
    if (!event) continue;
    out.push({ event, person: g.person, line: timelineLine(index, g), sources: groupSources(index, g) });
  }
  return out;
}

/** Entries whose date falls in a month of any year (for "who defected in July" without a year). */
export function defectionsInMonth(index: AnswerIndex, month: number): TimelineEntry[] {
  const mm = String(month).padStart(2, '0');
  const groups = defectionGroups(index);
  return defectionTimeline(index).filter((t) => {
    const g = groups.find((x) => x.events.includes(t.event));
    return g?.dates.some((d) => (d.date.precision === 'day' || d.date.precision === 'month') && d.date.value?.slice(5, 7) === mm) ?? false;
  });
}
