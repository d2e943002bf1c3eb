// Dates in questions and answers: parse a user's date or range into inclusive ISO days, and write a
// fact's DateValue the way a reader expects ("6 August 2012", "July 2012", "2012", or the original words).
import type { DateValue } from '../facts/schema.js';

export const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
] as const;
const MONTH_NAMES = MONTHS.map((m) => m.charAt(0).toUpperCase() + m.slice(1));

/** Month number (1-12) of a month name or common abbreviation, or 0. */
export function monthNumber(word: string): number {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return 0;
  return MONTHS.findIndex((m) => m.startsWith(w)) + 1;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

interface Point {
  year: number | null;
  month: number | null;
  day: number | null;
}

function isValid(p: Point): boolean {
  if (p.year === null) return false;
  if (p.month !== null && (p.month < 1 || p.month > 12)) return false;
  if (p.day !== null) {
    if (p.month === null) return false;
    if (p.day < 1 || p.day > daysIn(p.year, p.month)) return false;
  }
  return true;
}

function first(p: Point): string {
  return `${p.year}-${pad(p.month ?? 1)}-${pad(p.day ?? 1)}`;
}

function last(p: Point): string {
  const year = p.year ?? 0;
  const month = p.month ?? 12;
  return `${year}-${pad(month)}-${pad(p.day ?? daysIn(year, month))}`;
}

const MONTH_RE = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const YEAR_RE = '((?:19|20)\\d{2})';

/** One date expression inside `text` (ISO day, ISO month, "6 August 2012", "August 6, 2012", "July 2012", "July", "2012"). */
function parsePoint(text: string): Point | null {
  const t = text.trim().toLowerCase();
  let m = new RegExp(`^${YEAR_RE}-(\\d{1,2})(?:-(\\d{1,2}))?$`).exec(t);
  if (m) return { year: Number(m[1]), month: Number(m[2]), day: m[3] ? Number(m[3]) : null };
  m = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_RE},?(?:\\s+${YEAR_RE})?$`).exec(t);
  if (m) return { year: m[3] ? Number(m[3]) : null, month: monthNumber(m[2] ?? ''), day: Number(m[1]) };
  m = new RegExp(`^${MONTH_RE}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+${YEAR_RE})?$`).exec(t);
  if (m) return { year: m[3] ? Number(m[3]) : null, month: monthNumber(m[1] ?? ''), day: Number(m[2]) };
  m = new RegExp(`^${MONTH_RE}(?:,?\\s+(?:of\\s+)?${YEAR_RE})?$`).exec(t);
  if (m) return { year: m[2] ? Number(m[2]) : null, month: monthNumber(m[1] ?? ''), day: null };
  m = new RegExp(`^${YEAR_RE}$`).exec(t);
  if (m) return { year: Number(m[1]), month: null, day: null };
  return null;
}

const POINT_RE = new RegExp(
  `(?<![a-z0-9])(?:${YEAR_RE}-\\d{1,2}(?:-\\d{1,2})?` +
    `|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_RE},?(?:\\s+${YEAR_RE})?` +
    `|${MONTH_RE}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+${YEAR_RE})?` +
    `|${MONTH_RE}(?:,?\\s+(?:of\\s+)?${YEAR_RE})?` +
    `|${YEAR_RE})(?![a-z0-9])`,
  'gi',
);

export interface DateMention {
  /** Inclusive ISO bounds; `from`/`to` may be open ("0000-01-01" / "9999-12-31"). */
  from: string;
  to: string;
  /** The words matched in the text, to remove them from the question. */
  span: string;
}

/**
 * Find a date or date range in free text ("in July 2012", "between March and August 2012",
 * "march 2012 to july 2012", "since June 2012", "before 2013"). A month without any year in the text
 * takes `defaultYear` when given, else the mention is dropped.
 */
export function findDateRange(text: string, defaultYear?: number): DateMention | null {
  const found: Array<{ p: Point; index: number; end: number }> = [];
  for (const m of text.matchAll(POINT_RE)) {
    const raw = m[0];
    // "may" is a verb far more often than a month: accept it only next to a day or year.
    if (/^may$/i.test(raw.trim())) continue;
    const p = parsePoint(raw.replace(/\s+/g, ' '));
    if (!p) continue;
    found.push({ p, index: m.index ?? 0, end: (m.index ?? 0) + raw.length });
  }
  if (found.length === 0) return null;
  // Borrow the year from a later point ("between March and August 2012").
  let laterYear: number | null = null;
  for (let i = found.length - 1; i >= 0; i--) {
    const f = found[i];
    if (!f) continue;
    if (f.p.year === null && laterYear !== null) f.p.year = laterYear;
    if (f.p.year !== null) laterYear = f.p.year;
  }
  for (const f of found) if (f.p.year === null && defaultYear !== undefined) f.p.year = defaultYear;
  const valid = found.filter((f) => isValid(f.p));
  const a = valid[0];
  if (!a) return null;
  const b = valid.length > 1 ? valid[1] : undefined;
  const lower = text.toLowerCase();
  const before = lower.slice(Math.max(0, a.index - 12), a.index);
  if (b) {
    const between = lower.slice(a.end, b.index);
    if (/^\s*(?:-|–|—|to|till|until|through|thru|and)\s*$/.test(between)) {
      const lo = first(a.p);
      const hi = last(b.p);
      const span = text.slice(Math.max(0, a.index - (/(between|from)\s+$/.exec(before)?.[0].length ?? 0)), b.end);
      return lo <= hi ? { from: lo, to: hi, span } : { from: first(b.p), to: last(a.p), span };
    }
  }
  const kw = /(since|after|from|before|until|till|by)\s+$/.exec(before);
  const span = text.slice(a.index - (kw?.[0].length ?? 0), a.end);
  if (kw?.[1] === 'after') return { from: nextDay(last(a.p)), to: '9999-12-31', span };
  if (kw?.[1] === 'since' || kw?.[1] === 'from') return { from: first(a.p), to: '9999-12-31', span };
  if (kw?.[1] === 'before') return { from: '0000-01-01', to: prevDay(first(a.p)), span };
  if (kw?.[1] === 'until' || kw?.[1] === 'till' || kw?.[1] === 'by') return { from: '0000-01-01', to: last(a.p), span };
  return { from: first(a.p), to: last(a.p), span };
}

function shiftDay(iso: string, delta: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + delta);
  return d.toISOString().slice(0, 10);
}
const nextDay = (iso: string): string => shiftDay(iso, 1);
const prevDay = (iso: string): string => shiftDay(iso, -1);

/**
 * "2012", "July 2012", "2012-07", "2012-07-11", "march 2012 to july 2012", "between March and August 2012"
 * -> inclusive ISO days. Null when the text holds no complete date (a month needs a year).
 */
export function parseDateRange(text: string): { from: string; to: string } | null {
  if (typeof text !== 'string' || text.length > 200) return null;
  const r = findDateRange(text);
  return r ? { from: r.from, to: r.to } : null;
}

/** Human description of a range for answer text: "July 2012", "2012", "March 2012 to August 2012". */
export function describeRange(from: string, to: string): string {
  const open = (s: string): boolean => s.startsWith('0000') || s.startsWith('9999');
  if (open(from) && open(to)) return 'any date';
  if (open(from)) return `up to ${describeDay(to)}`;
  if (open(to)) return `since ${describeDay(from)}`;
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  if (fy === undefined || fm === undefined || fd === undefined || ty === undefined || tm === undefined || td === undefined) {
    return `${from} to ${to}`;
  }
  const fullMonths = fd === 1 && td === daysIn(ty, tm);
  if (fullMonths && fm === 1 && tm === 12) return fy === ty ? String(fy) : `${fy} to ${ty}`;
  if (fullMonths) {
    const a = `${MONTH_NAMES[fm - 1]} ${fy}`;
    const b = `${MONTH_NAMES[tm - 1]} ${ty}`;
    return a === b ? a : `${a} to ${b}`;
  }
  return from === to ? describeDay(from) : `${describeDay(from)} to ${describeDay(to)}`;
}

function describeDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined || m < 1 || m > 12) return iso;
  return `${d} ${MONTH_NAMES[m - 1]} ${y}`;
}

/** A qualifier that says how the date was obtained rather than when: the article's own date. */
export function isReportDate(date: DateValue): boolean {
  return date.qualifier === 'reported';
}

/**
 * "6 August 2012" / "July 2012" / "2012"; qualifiers kept ("late August 2011"); a bound without a day
 * ("earlier" in an article of 11 July 2012 -> "before 11 July 2012"); otherwise the original words.
 */
export function formatDate(date: DateValue): string {
  let base: string | null = null;
  const v = date.value;
  if (v !== null) {
    const parts = v.split('-').map(Number);
    const [y, m, d] = parts;
    if (date.precision === 'day' && y !== undefined && m !== undefined && d !== undefined && m >= 1 && m <= 12) {
      base = `${d} ${MONTH_NAMES[m - 1]} ${y}`;
    } else if (date.precision === 'month' && y !== undefined && m !== undefined && m >= 1 && m <= 12) {
      base = `${MONTH_NAMES[m - 1]} ${y}`;
    } else if (date.precision === 'year' && y !== undefined) {
      base = String(y);
    }
  }
  if (base === null) {
    if (date.qualifier === 'before' && date.to && !date.from) return `by ${describeDay(date.to)}`;
    if (date.from && date.to && date.from !== date.to) return `between ${describeDay(date.from)} and ${describeDay(date.to)}`;
    return date.text.trim();
  }
  const q = date.qualifier?.trim();
  if (q && !isReportDate(date) && !new RegExp(`\\b${q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(base)) return `${q} ${base}`;
  return base;
}

/** Whether the date means something on a calendar (resolved, or bounded). */
export function isResolved(date: DateValue): boolean {
  return date.value !== null || formatDate(date) !== date.text.trim();
}

/** "on 6 August 2012", "in July 2012", "in 2012", "by 11 July 2012 (the date of the report)", or the original words. */
export function formatDatePhrase(date: DateValue): string {
  const s = formatDate(date);
  if (date.value === null) return s;
  if (isReportDate(date)) return `by ${s} (the date of the report)`;
  if (date.precision === 'day') return `on ${s}`;
  return `in ${s}`;
}

/** Sort key: ISO start of the date, undated last. */
export function dateKey(date: DateValue | null): string {
  if (!date) return '~';
  return date.from ?? date.value ?? '~';
}

/** Whether a fact's date lies wholly inside an inclusive ISO range. */
export function dateWithin(date: DateValue | null, from: string, to: string): boolean {
  if (!date || date.from === null || date.to === null) return false;
  return date.from >= from && date.to <= to;
}
