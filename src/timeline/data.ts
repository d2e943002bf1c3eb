// From the answer engine's defection timeline (defectionTimeline entries, each matched to its group of
// per-source dates) to the plain input the layout draws: one mark per person, every date the sources give.
import type { AnswerIndex } from '../answer/index.ts';
import { defectionTimeline } from '../answer/index.ts';
import { cite, recase } from '../answer/build.ts';
import { normalize } from '../answer/text.ts';
import { groupLookups } from '../answer/timeline.ts';
import type { DateValue, Source } from '../facts/schema.ts';
import { classifyRole, type PostKind } from './kinds.ts';

export interface MarkDate {
  date: DateValue;
  /** Articles giving this date, as cited in text: "002 (Al Jazeera)". */
  cites: string[];
}

export interface MarkInput {
  /** Stable key: person id or subject. */
  key: string;
  name: string;
  /** Role at the time, display casing; null when unknown or already in the name ("a top air force colonel"). */
  role: string | null;
  kind: PostKind;
  /** Every date the sources give (several when they disagree); empty when no source dates it. */
  dates: MarkDate[];
  sources: Source[];
}

export interface TimelineQuery {
  from?: string;
  to?: string;
  /** Person id: only that person's defection. */
  person?: string;
}

/** The marks for a query, in the engine's order (by date, undated last). */
export function timelineInput(index: AnswerIndex, query: TimelineQuery = {}): MarkInput[] {
  const range = { ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}) };
  // The group of each event, looked up once per table (a scan per entry was quadratic at scale).
  const { groupOf } = groupLookups(index);
  const out: MarkInput[] = [];
  for (const entry of defectionTimeline(index, range)) {
    const g = groupOf.get(entry.event);
    if (query.person && entry.person?.id !== query.person) continue;
    const name = g?.person?.name ?? g?.subject ?? entry.person?.name ?? entry.event.subject;
    const rawRole = g?.role ?? entry.event.role;
    const showRole = rawRole !== null && (entry.person !== null || !normalize(name).includes(normalize(rawRole)));
    const dates: MarkDate[] = (g?.dates ?? (entry.event.date ? [{ date: entry.event.date, articles: [entry.event.evidence.article] }] : [])).map((d) => ({
      date: d.date,
      cites: d.articles.map((a) => cite(index, a)),
    }));
    out.push({
      key: entry.person?.id ?? `subject:${normalize(entry.event.subject)}`,
      name,
      role: showRole && rawRole ? recase(index, rawRole) : null,
      kind: classifyRole(rawRole),
      dates,
      sources: entry.sources,
    });
  }
  return out;
}
