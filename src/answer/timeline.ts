// Defections grouped per person (several articles report the same defection), with the date each
// source gives, role, destination and helpers, sorted by date with undated ones last.
import type { DateValue, Event, Person, Source } from '../facts/schema.js';
import { cite, recase, sourcesOf, type AnswerIndex } from './build.js';
import { dateKey, formatDate, formatDatePhrase, isReportDate, isResolved } from './dates.js';
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

/** Lookups over the defection groups of an index, built once on first use. */
interface GroupLookups {
  /** Each defection event's group. */
  groupOf: Map<Event, DefectionGroup>;
  /** Position of each group in defectionGroups(). */
  position: Map<DefectionGroup, number>;
  /** A person's groups, in defectionGroups() order. */
  byPerson: Map<string, DefectionGroup[]>;
  /** Every group date with both bounds, by start: what a date range is matched against. */
  starts: Array<{ from: string; to: string; group: number }>;
  /** Whether some date ends before it starts (then a range match may start after the range ends). */
  reversed: boolean;
  /** Timeline entries, computed per group on first use. */
  entries: Array<TimelineEntry | null | undefined>;
}

const lookupCache = new WeakMap<AnswerIndex, GroupLookups>();

export function groupLookups(index: AnswerIndex): GroupLookups {
  let l = lookupCache.get(index);
  if (l) return l;
  const groups = defectionGroups(index);
  l = { groupOf: new Map(), position: new Map(), byPerson: new Map(), starts: [], reversed: false, entries: [] };
  for (const [i, g] of groups.entries()) {
    l.position.set(g, i);
    for (const e of g.events) if (!l.groupOf.has(e)) l.groupOf.set(e, g);
    const id = g.person?.id;
    if (id !== undefined) {
      const list = l.byPerson.get(id);
      if (list) list.push(g);
      else l.byPerson.set(id, [g]);
    }
    for (const d of g.dates) {
      const { from, to } = d.date;
      if (typeof from !== 'string' || typeof to !== 'string') continue;
      l.starts.push({ from, to, group: i });
      if (to < from) l.reversed = true;
    }
  }
  l.starts.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.group - b.group));
  lookupCache.set(index, l);
  return l;
}

/** The defection groups of one person, in timeline order. */
export function groupsOfPerson(index: AnswerIndex, personId: string): DefectionGroup[] {
  return groupLookups(index).byPerson.get(personId) ?? [];
}

const datesTextCache = new WeakMap<DefectionGroup, Map<boolean, string | null>>();

/** "6 August 2012" or "11 July 2012 according to 002 (Al Jazeera); 12 July 2012 according to 003 (agencies)". */
export function datesText(index: AnswerIndex, group: DefectionGroup, phrase: boolean): string | null {
  // A group's dates never change under an index; a much-reported defection has hundreds of them.
  let cached = datesTextCache.get(group);
  if (!cached) datesTextCache.set(group, (cached = new Map()));
  const hit = cached.get(phrase);
  if (hit !== undefined) return hit;
  const text = computeDatesText(index, group, phrase);
  cached.set(phrase, text);
  return text;
}

function computeDatesText(index: AnswerIndex, group: DefectionGroup, phrase: boolean): string | null {
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

const groupSourcesCache = new WeakMap<DefectionGroup, Source[]>();

/** The sources of a group's events and of its flights with a destination (a fresh array each call). */
export function groupSources(index: AnswerIndex, g: DefectionGroup): Source[] {
  let sources = groupSourcesCache.get(g);
  if (!sources) {
    const withPlace = g.flights.filter((f) => f.place);
    sources = sourcesOf(index, [...g.events, ...withPlace].map((e) => e.evidence));
    groupSourcesCache.set(g, sources);
  }
  return [...sources];
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

/** The timeline entry of the group at `i` (null for a group without events), made once per group. */
function entryOf(index: AnswerIndex, i: number): TimelineEntry | null {
  const l = groupLookups(index);
  let entry = l.entries[i];
  if (entry === undefined) {
    const g = defectionGroups(index)[i];
    const event = g ? (g.events.find((e) => e.date?.value === g.dates[0]?.date.value) ?? g.events[0]) : undefined;
    entry = g && event ? { event, person: g.person, line: timelineLine(index, g), sources: groupSources(index, g) } : null;
    l.entries[i] = entry;
  }
  return entry;
}

/** An entry callers may change: its own object and sources array. */
function own(entry: TimelineEntry): TimelineEntry {
  return { ...entry, sources: [...entry.sources] };
}

/** Positions of the groups with a date inside [from, to], ascending: by bisection of the dates by start. */
function groupsInRange(index: AnswerIndex, from: string, to: string): number[] {
  const { starts, reversed } = groupLookups(index);
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]!.from < from) lo = mid + 1;
    else hi = mid;
  }
  const found = new Set<number>();
  for (let i = lo; i < starts.length; i++) {
    const s = starts[i]!;
    if (s.from > to && !reversed) break;
    if (s.to <= to) found.add(s.group);
  }
  return [...found].sort((a, b) => a - b);
}

export function defectionTimeline(index: AnswerIndex, range?: { from?: string; to?: string }): TimelineEntry[] {
  return sharedTimeline(index, range).map(own);
}

/** defectionTimeline() without the copies, for the engine's own read-only use. */
export function sharedTimeline(index: AnswerIndex, range?: { from?: string; to?: string }): TimelineEntry[] {
  const from = range?.from ?? null;
  const to = range?.to ?? null;
  const positions =
    from !== null || to !== null ? groupsInRange(index, from ?? '0000-01-01', to ?? '9999-12-31') : defectionGroups(index).map((_, i) => i);
  const out: TimelineEntry[] = [];
  for (const i of positions) {
    const entry = entryOf(index, i);
    if (entry) out.push(entry);
  }
  return out;
}

/** Entries whose date falls in a month of any year (for "who defected in July" without a year). */
export function defectionsInMonth(index: AnswerIndex, month: number): TimelineEntry[] {
  return sharedMonth(index, month).map(own);
}

/** defectionsInMonth() without the copies. */
export function sharedMonth(index: AnswerIndex, month: number): TimelineEntry[] {
  const mm = String(month).padStart(2, '0');
  const out: TimelineEntry[] = [];
  for (const [i, g] of defectionGroups(index).entries()) {
    if (!g.dates.some((d) => (d.date.precision === 'day' || d.date.precision === 'month') && d.date.value?.slice(5, 7) === mm)) continue;
    const entry = entryOf(index, i);
    if (entry) out.push(entry);
  }
  return out;
}
