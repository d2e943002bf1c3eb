// Stage: dates. Finds date expressions in a sentence and resolves them against the publication date.
// News reports the past, so a bare weekday or month means the latest one on or before publication
// (compromise-dates resolves them forwards, and misses "last night", "in late August", "this morning").
import type { DateValue } from '../facts/schema.js';
import { MONTHS, MONTH_ABBR, WEEKDAYS } from './lexicon.js';

export interface DateMention {
  start: number;
  end: number;
  date: DateValue;
}

const MONTH_RE = `(?:${MONTHS.join('|')}|(?:${MONTH_ABBR.join('|')})\\.?)`;
const WEEKDAY_RE = `(?:${WEEKDAYS.join('|')})`;
const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 };
const PREP = `(?:(?:on|in|since|until|till|by|from|during|of|before|after|early|earlier)\\s+)?`;
const QUAL = `(?:(early|mid|late|the end of|the start of|the beginning of|the middle of)[\\s-]+)?`;

interface Pattern {
  re: RegExp;
  resolve: (m: RegExpExecArray, published: Day | null) => Omit<DateValue, 'text'>;
}

interface Day {
  y: number;
  m: number; // 1-12
  d: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (day: Day) => `${day.y}-${pad(day.m)}-${pad(day.d)}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
function parseDay(s: string): Day | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : null;
}
function addDays(day: Day, n: number): Day {
  const t = new Date(Date.UTC(day.y, day.m - 1, day.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}
function monthIndex(word: string): number {
  const w = word.toLowerCase().replace(/\.$/, '').slice(0, 3);
  return MONTH_ABBR.indexOf(w) + 1;
}
function exactDay(day: Day, qualifier: string | null = null): Omit<DateValue, 'text'> {
  return { value: iso(day), precision: 'day', from: iso(day), to: iso(day), qualifier };
}
function monthValue(y: number, m: number, qualifier: string | null): Omit<DateValue, 'text'> {
  const last = daysIn(y, m);
  let from = 1;
  let to = last;
  if (qualifier === 'early' || qualifier === 'the start of' || qualifier === 'the beginning of') to = 10;
  else if (qualifier === 'mid' || qualifier === 'the middle of') [from, to] = [11, 20];
  else if (qualifier === 'late' || qualifier === 'the end of') from = 21;
  return { value: `${y}-${pad(m)}`, precision: 'month', from: `${y}-${pad(m)}-${pad(from)}`, to: `${y}-${pad(m)}-${pad(to)}`, qualifier };
}
const unresolved = (qualifier: string | null = null): Omit<DateValue, 'text'> => ({ value: null, precision: 'relative', from: null, to: null, qualifier });
/** The latest year in which `month` falls on or before the publication month. */
function pastYearOf(month: number, published: Day): number {
  return month <= published.m ? published.y : published.y - 1;
}

const PATTERNS: Pattern[] = [
  // 6 August 2012 / 6th of August, 2012 / August 6, 2012 / August 6
  {
    re: new RegExp(`\\b${PREP}(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_RE})(?:,?\\s+(\\d{4}))?\\b`, 'gi'),
    resolve: (m, p) => dayOf(Number(m[1]), monthIndex(m[2]!), m[3], p),
  },
  {
    re: new RegExp(`\\b${PREP}(${MONTH_RE})\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?(?![\\d.])`, 'gi'),
    resolve: (m, p) => dayOf(Number(m[2]), monthIndex(m[1]!), m[3], p),
  },
  // last March / this June / next April
  {
    re: new RegExp(`\\b(last|this|next)\\s+(${MONTH_RE})\\b`, 'gi'),
    resolve: (m, p) => {
      if (!p) return unresolved();
      const month = monthIndex(m[2]!);
      const which = m[1]!.toLowerCase();
      const year = which === 'last' ? (month < p.m ? p.y : p.y - 1) : which === 'next' ? (month > p.m ? p.y : p.y + 1) : p.y;
      return monthValue(year, month, null);
    },
  },
  // (in) (late) August (2009)
  {
    re: new RegExp(`\\b${PREP}${QUAL}(${MONTH_RE})(?:,?\\s+(\\d{4}))?\\b`, 'gi'),
    resolve: (m, p) => {
      const qualifier = m[1]?.toLowerCase() ?? null;
      const month = monthIndex(m[2]!);
      if (m[3]) return monthValue(Number(m[3]), month, qualifier);
      return p ? monthValue(pastYearOf(month, p), month, qualifier) : unresolved(qualifier);
    },
  },
  // (on) Wednesday (night)
  {
    re: new RegExp(`\\b(?:(?:on|since|by|until|late|early|last)\\s+)?(${WEEKDAY_RE})(?:\\s+(morning|afternoon|evening|night))?\\b`, 'gi'),
    resolve: (m, p) => {
      if (!p) return unresolved();
      const target = WEEKDAYS.indexOf(m[1]!.toLowerCase());
      const today = new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay();
      return exactDay(addDays(p, -((today - target + 7) % 7)));
    },
  },
  // last night / yesterday / today / this morning / from today / tonight
  {
    re: /\b(?:(?:from|until|since)\s+)?(last night|yesterday(?: (?:morning|afternoon|evening))?|today|tonight|this (?:morning|afternoon|evening|week)|earlier today)\b/gi,
    resolve: (m, p) => {
      if (!p) return unresolved();
      const w = m[1]!.toLowerCase();
      if (w === 'this week') return { value: null, precision: 'relative', from: iso(addDays(p, -6)), to: iso(p), qualifier: 'this week' };
      return exactDay(w.startsWith('yesterday') || w === 'last night' ? addDays(p, -1) : p);
    },
  },
  // last month / last year / last week
  {
    re: /\b(last|this|next) (month|year|week)\b/gi,
    resolve: (m, p) => {
      if (!p) return unresolved();
      const shift = m[1]!.toLowerCase() === 'last' ? -1 : m[1]!.toLowerCase() === 'next' ? 1 : 0;
      const unit = m[2]!.toLowerCase();
      if (unit === 'year') return { value: String(p.y + shift), precision: 'year', from: `${p.y + shift}-01-01`, to: `${p.y + shift}-12-31`, qualifier: null };
      if (unit === 'week') {
        const from = addDays(p, 7 * shift - 6);
        return { value: null, precision: 'relative', from: iso(from), to: iso(addDays(from, 6)), qualifier: `${m[1]!.toLowerCase()} week` };
      }
      const t = new Date(Date.UTC(p.y, p.m - 1 + shift, 1));
      return monthValue(t.getUTCFullYear(), t.getUTCMonth() + 1, null);
    },
  },
  // two weeks ago / 3 days ago
  {
    re: /\b(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (day|week|month|year)s? ago\b/gi,
    resolve: (m, p) => {
      if (!p) return unresolved();
      const n = NUMBER_WORDS[m[1]!.toLowerCase()] ?? Number(m[1]);
      const unit = m[2]!.toLowerCase();
      if (unit === 'day') return exactDay(addDays(p, -n));
      if (unit === 'week') return exactDay(addDays(p, -7 * n), 'about');
      if (unit === 'month') {
        const t = new Date(Date.UTC(p.y, p.m - 1 - n, 1));
        return monthValue(t.getUTCFullYear(), t.getUTCMonth() + 1, null);
      }
      return { value: String(p.y - n), precision: 'year', from: `${p.y - n}-01-01`, to: `${p.y - n}-12-31`, qualifier: null };
    },
  },
  // in 2009
  {
    re: /\b(?:(?:in|since|until|by|during|of)\s+)(\d{4})\b(?![-\d])/gi,
    resolve: (m) => ({ value: m[1]!, precision: 'year', from: `${m[1]}-01-01`, to: `${m[1]}-12-31`, qualifier: null }),
  },
];

function dayOf(d: number, month: number, year: string | undefined, p: Day | null): Omit<DateValue, 'text'> {
  if (month < 1 || d < 1 || d > 31) return unresolved();
  if (year) return exactDay({ y: Number(year), m: month, d: Math.min(d, daysIn(Number(year), month)) });
  if (!p) return unresolved();
  let y = p.y;
  if (month > p.m || (month === p.m && d > p.d)) y--;
  return exactDay({ y, m: month, d: Math.min(d, daysIn(y, month)) });
}

/**
 * Date expressions in `text` (offsets relative to it), resolved against `published` (YYYY-MM-DD or null:
 * then relative expressions stay relative). Overlapping matches keep the earliest, longest one.
 */
export function findDates(text: string, published: string | null): DateMention[] {
  const p = published ? parseDay(published) : null;
  const found: DateMention[] = [];
  for (const pattern of PATTERNS) {
    pattern.re.lastIndex = 0;
    for (let m = pattern.re.exec(text); m; m = pattern.re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end && end > f.start)) continue;
      // "May" the verb: only a month when a preposition, day or year is attached.
      if (/^may$/i.test(m[0].trim())) continue;
      found.push({ start, end, date: { text: m[0], ...pattern.resolve(m, p) } });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** A date that is only "on or before publication", for events reported without a date of their own. */
export function reportedBy(published: string): DateValue {
  return { text: `reported ${published}`, value: published, precision: 'day', from: published, to: published, qualifier: 'reported' };
}

/** "earlier", before publication, for events the article mentions as past without a date. */
export function before(published: string | null): DateValue {
  return { text: 'earlier', value: null, precision: 'relative', from: null, to: published, qualifier: 'before' };
}
