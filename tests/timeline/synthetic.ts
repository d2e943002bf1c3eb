// Invented defections for layout tests: made-up names, generic roles, every kind of date (day, month,
// year, "earlier" bound, report date, unresolved words, sources that disagree). No seed facts.
import type { DateValue, Source } from '../../src/facts/schema.ts';
import { classifyRole } from '../../src/timeline/kinds.ts';
import type { MarkInput } from '../../src/timeline/data.ts';

export function day(iso: string, text = 'on Monday'): DateValue {
  return { text, value: iso, precision: 'day', from: iso, to: iso, qualifier: null };
}
export function month(ym: string, qualifier: string | null = null): DateValue {
  const [y, m] = ym.split('-').map(Number);
  const last = new Date(Date.UTC(y ?? 2000, m ?? 1, 0)).getUTCDate();
  return { text: `in ${ym}`, value: ym, precision: 'month', from: `${ym}-01`, to: `${ym}-${String(last).padStart(2, '0')}`, qualifier };
}
export function year(y: string): DateValue {
  return { text: `in ${y}`, value: y, precision: 'year', from: `${y}-01-01`, to: `${y}-12-31`, qualifier: null };
}
export function before(iso: string): DateValue {
  return { text: 'earlier', value: null, precision: 'relative', from: null, to: iso, qualifier: 'before' };
}
export function reported(iso: string): DateValue {
  return { text: `reported ${iso}`, value: iso, precision: 'day', from: iso, to: iso, qualifier: 'reported' };
}
export function unresolved(text = 'recently'): DateValue {
  return { text, value: null, precision: 'relative', from: null, to: null, qualifier: null };
}

export function source(article: string, sentence = 'An invented sentence.'): Source {
  return { article, outlet: 'Invented Wire', published: '2040-01-01', sentence };
}

export function mark(name: string, role: string | null, dates: DateValue[], cites: string[][] = dates.map((_, i) => [`a${i}`])): MarkInput {
  return {
    key: name.toLowerCase().replace(/\W+/g, '-'),
    name,
    role,
    kind: classifyRole(role),
    dates: dates.map((date, i) => ({ date, cites: cites[i] ?? ['a0'] })),
    sources: cites.flat().map((a) => source(a)),
  };
}

const FIRST = ['Arlen', 'Bexa', 'Corvin', 'Dalia', 'Emrik', 'Fenna', 'Goran', 'Halle', 'Ivo', 'Jessa', 'Kiran', 'Lune'];
const LAST = ['Varosh', 'Tellimark', 'Quorrin', 'Skadde', 'Mirovane', 'Pellith', 'Zandrou', 'Oskarev-Lindqvist'];
const ROLES = ['deputy trade minister', 'ambassador to Norvania', 'brigadier general', 'air force colonel', 'governor of the eastern province', 'consul general in Port Ilse', 'judge', 'television presenter', 'minister of culture', 'army captain', 'chargé d’affaires', null];

/** `n` invented defections spread over `months` months from 2040-01, every kind of date represented. */
export function syntheticMarks(n: number, months = 18): MarkInput[] {
  const out: MarkInput[] = [];
  for (let i = 0; i < n; i++) {
    const name = `${FIRST[i % FIRST.length]} ${LAST[(i * 5) % LAST.length]}${i >= FIRST.length ? ` ${i}` : ''}`;
    const m = (i * 7) % months;
    const y = 2040 + Math.floor(m / 12);
    const mm = String((m % 12) + 1).padStart(2, '0');
    const d = String(((i * 11) % 27) + 1).padStart(2, '0');
    const role = ROLES[i % ROLES.length] ?? null;
    let dates: DateValue[];
    switch (i % 9) {
      case 0:
      case 1:
      case 2:
        dates = [day(`${y}-${mm}-${d}`)];
        break;
      case 3:
        dates = [month(`${y}-${mm}`)];
        break;
      case 4:
        dates = [month(`${y}-${mm}`, 'late')];
        break;
      case 5:
        dates = [before(`${y}-${mm}-${d}`)];
        break;
      case 6:
        dates = [day(`${y}-${mm}-${d}`), day(`${y}-${mm}-${String(Number(d) + 1).padStart(2, '0')}`)];
        break;
      case 7:
        dates = [reported(`${y}-${mm}-${d}`)];
        break;
      default:
        dates = i % 2 === 0 ? [unresolved()] : [];
    }
    out.push(mark(name, role, dates));
  }
  return out;
}
