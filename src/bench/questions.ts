// A fixed mix of questions for latency runs: when / who / what said / profile / unknown, in equal parts.
// From the planted facts of a generated corpus, or (for the seed articles, which have none) from the
// extracted table itself, so no article's names are written here.
import type { FactTable } from '../facts/schema.js';
import type { Planted } from './planted.js';
import { Rng } from './random.js';

export type QuestionKind = 'when' | 'who' | 'said' | 'profile' | 'unknown';
export const QUESTION_KINDS: readonly QuestionKind[] = ['when', 'who', 'said', 'profile', 'unknown'];

export interface BenchQuestion {
  kind: QuestionKind;
  question: string;
  /** For "when" questions: the articles that report this defection (a cited one should be among them). */
  expectArticles?: string[];
  /** For unknown people: the answer must cite nothing. */
  expectNoSource?: boolean;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const monthName = (ym: string) => `${MONTHS[Number(ym.slice(5, 7)) - 1]} ${ym.slice(0, 4)}`;

/** Names that no generated world and no news article is likely to hold (for "unknown" questions). */
function strangers(rng: Rng, n: number): string[] {
  const a = ['Quillon', 'Xandrel', 'Ophira', 'Wyxton', 'Yuldra', 'Zephrum', 'Ebbert', 'Ithamar'];
  const b = ['Thistlewood', 'Quorrington', 'Mabblethorpe', 'Fizzlewick', 'Snodgrove', 'Pemberquay'];
  return Array.from({ length: n }, () => `${rng.pick(a)} ${rng.pick(b)}`);
}

/** A surface a user might type: as written, lower case, or family name only. */
function spoken(rng: Rng, name: string): string {
  const r = rng.int(0, 2);
  if (r === 0) return name;
  if (r === 1) return name.toLowerCase();
  return name.split(' ').at(-1) ?? name;
}

export function questionsFromPlanted(planted: Planted, count = 200, seed = 'questions'): BenchQuestion[] {
  const rng = new Rng(seed);
  const per = Math.ceil(count / QUESTION_KINDS.length);
  const main = planted.defections.filter((d) => !d.inPassing);
  const byPerson = new Map<string, string[]>();
  for (const d of planted.defections) byPerson.set(d.person, [...(byPerson.get(d.person) ?? []), d.article]);
  const speakers = planted.quotes.filter((q) => q.speaker !== null);
  const out: BenchQuestion[] = [];
  for (let i = 0; i < per; i++) {
    if (main.length > 0) {
      const d = rng.pick(main);
      const name = rng.pick(planted.people.find((p) => p.id === d.person)?.spellings ?? [d.written]);
      out.push({ kind: 'when', question: `When did ${spoken(rng, name)} defect?`, expectArticles: byPerson.get(d.person) ?? [] });
      const dated = main.filter((x) => x.date);
      if (dated.length > 0) out.push({ kind: 'who', question: `Who defected in ${monthName(rng.pick(dated).date!.value.slice(0, 7))}?` });
    }
    if (speakers.length > 0) out.push({ kind: 'said', question: `What did ${spoken(rng, rng.pick(speakers).written)} say?` });
    const p = rng.pick(planted.people);
    out.push({ kind: 'profile', question: `Who is ${spoken(rng, rng.pick(p.spellings))}?` });
    out.push({ kind: 'unknown', question: `When did ${strangers(rng, 1)[0]!} defect?`, expectNoSource: true });
  }
  return out;
}

export function questionsFromTable(table: FactTable, count = 200, seed = 'questions'): BenchQuestion[] {
  const rng = new Rng(seed);
  const per = Math.ceil(count / QUESTION_KINDS.length);
  const name = (id: string | null) => table.people.find((p) => p.id === id)?.name;
  const defections = table.events.filter((e) => e.kind === 'defection' && e.person);
  const months = [...new Set(defections.map((e) => e.date?.value?.slice(0, 7)).filter((v): v is string => !!v && v.length === 7))];
  const speakers = [...new Set(table.quotes.map((q) => q.speakerName).filter((s): s is string => !!s))];
  const out: BenchQuestion[] = [];
  for (let i = 0; i < per; i++) {
    if (defections.length > 0) {
      const e = rng.pick(defections);
      out.push({ kind: 'when', question: `When did ${spoken(rng, name(e.person) ?? e.subject)} defect?`, expectArticles: defections.filter((x) => x.person === e.person).map((x) => x.evidence.article) });
    }
    if (months.length > 0) out.push({ kind: 'who', question: `Who defected in ${monthName(rng.pick(months))}?` });
    if (speakers.length > 0) out.push({ kind: 'said', question: `What did ${spoken(rng, rng.pick(speakers))} say?` });
    if (table.people.length > 0) out.push({ kind: 'profile', question: `Who is ${spoken(rng, rng.pick(table.people).name)}?` });
    out.push({ kind: 'unknown', question: `When did ${strangers(rng, 1)[0]!} defect?`, expectNoSource: true });
  }
  return out;
}

/** Prefixes users type into autocomplete: 1 to 6 letters of a name, sometimes a later word or a typo. */
export function autocompletePrefixes(names: readonly string[], count = 500, seed = 'autocomplete'): string[] {
  const rng = new Rng(seed);
  if (names.length === 0) return [];
  return Array.from({ length: count }, () => {
    const name = rng.pick(names);
    const word = rng.chance(0.3) ? (name.split(' ').at(-1) ?? name) : name;
    let prefix = word.slice(0, rng.int(1, 6));
    if (rng.chance(0.15) && prefix.length > 3) prefix = prefix.slice(0, -2) + prefix.at(-1) + prefix.at(-2);
    return rng.chance(0.5) ? prefix.toLowerCase() : prefix;
  });
}
