// Scores an extracted fact table against the facts the generator planted: precision and recall of
// defections (per article and person) and quotes (text and speaker), date accuracy, and denials counted.
import type { FactTable, Person } from '../facts/schema.js';
import type { Planted, PlantedQuote } from './planted.js';

export interface Rate {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

export interface Score {
  defections: Rate & {
    /** Recall of the article's own defection story (not those mentioned in passing). */
    mainRecall: number;
    /** Of the planted defections found, the share whose extracted date equals the planted one. */
    dateAccuracy: number;
    datedFound: number;
  };
  quotes: Rate & {
    /** Planted quotes whose text was extracted at all, whatever the speaker. */
    textRecall: number;
  };
  /** Denied defections that were extracted as defections (should be 0). */
  denialsCounted: number;
  denials: number;
  /** A few misses and false positives, for reading. */
  examples: { missedDefections: string[]; falseDefections: string[]; missedQuotes: string[]; wrongQuotes: string[] };
}

/** Lower case, straight quotes, no accents, single spaces, no trailing punctuation. */
export function normaliseText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s.,;:!?"']+$/, '')
    .replace(/^["'\s]+/, '');
}

const normName = (s: string) => normaliseText(s).replace(/^(mr|mrs|ms|dr|general|colonel|president|the)\s+/, '');

function rate(tp: number, fp: number, fn: number): Rate {
  return {
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
  };
}

/** Do the extracted person's forms include one of the planted full-name forms (any spelling)? */
function samePerson(person: Person | undefined, subject: string, forms: ReadonlySet<string>): boolean {
  const names = [subject, ...(person ? [person.name, ...person.aliases] : [])].map(normName);
  return names.some((n) => forms.has(n));
}

/** Quote texts match when equal after normalising, or one holds most of the other (a quote split in two). */
export function quoteTextMatches(extracted: string, planted: string): boolean {
  const e = normaliseText(extracted);
  const p = normaliseText(planted);
  if (e === p) return true;
  if (e.length < 8 || p.length < 8) return false;
  if (p.includes(e)) return e.length >= 0.5 * p.length;
  if (e.includes(p)) return p.length >= 0.6 * e.length;
  return false;
}

export function scoreTable(table: FactTable, planted: Planted): Score {
  const people = new Map(table.people.map((p) => [p.id, p]));
  const spellings = new Map(planted.people.map((p) => [p.id, new Set(p.spellings.map(normName))]));
  const formsOf = (id: string | null, written: string, canonical: string): Set<string> => {
    const forms = new Set(id ? (spellings.get(id) ?? []) : []);
    forms.add(normName(written));
    forms.add(normName(canonical));
    return forms;
  };

  // Defections: one unit per (article, person).
  const byArticle = new Map<string, typeof planted.defections>();
  for (const d of planted.defections) byArticle.set(d.article, [...(byArticle.get(d.article) ?? []), d]);
  const found = new Set<string>();
  let fp = 0;
  let datedFound = 0;
  let datedRight = 0;
  const falseDefections: string[] = [];
  const seenExtracted = new Set<string>();
  const deniedBy = new Map<string, typeof planted.denials>();
  for (const d of planted.denials) deniedBy.set(d.article, [...(deniedBy.get(d.article) ?? []), d]);
  const denialHits = new Set<string>();
  const inCorpus = new Set(planted.defections.map((d) => d.article).concat(planted.quotes.map((q) => q.article), planted.denials.map((d) => d.article)));
  for (const e of table.events) {
    if (e.kind !== 'defection' || !inCorpus.has(e.evidence.article)) continue;
    const key = `${e.evidence.article}|${e.person ?? `subject:${e.subject}`}`;
    if (seenExtracted.has(key)) continue;
    seenExtracted.add(key);
    const person = e.person ? people.get(e.person) : undefined;
    const match = (byArticle.get(e.evidence.article) ?? []).find((d) => samePerson(person, e.subject, formsOf(d.person, d.written, d.name)));
    for (const den of deniedBy.get(e.evidence.article) ?? []) {
      if (samePerson(person, e.subject, formsOf(den.person, den.written, den.name))) denialHits.add(`${den.article}|${den.person}`);
    }
    if (!match) {
      fp++;
      if (falseDefections.length < 8) falseDefections.push(`${e.evidence.article}: ${person?.name ?? e.subject} <- ${e.evidence.text.slice(0, 160)}`);
      continue;
    }
    const unit = `${match.article}|${match.person}`;
    if (found.has(unit)) continue;
    found.add(unit);
    if (match.date) {
      datedFound++;
      if (e.date?.value === match.date.value) datedRight++;
    }
  }
  const missed = planted.defections.filter((d) => !found.has(`${d.article}|${d.person}`));
  const defections = {
    ...rate(found.size, fp, missed.length),
    mainRecall: (() => {
      const main = planted.defections.filter((d) => !d.inPassing);
      return main.length === 0 ? 1 : main.filter((d) => found.has(`${d.article}|${d.person}`)).length / main.length;
    })(),
    dateAccuracy: datedFound === 0 ? 1 : datedRight / datedFound,
    datedFound,
  };

  // Quotes: an extracted quote is right when its text matches a planted quote of that article and the speaker.
  const quotesByArticle = new Map<string, PlantedQuote[]>();
  for (const q of planted.quotes) quotesByArticle.set(q.article, [...(quotesByArticle.get(q.article) ?? []), q]);
  const matchedQuotes = new Set<PlantedQuote>();
  const textFound = new Set<PlantedQuote>();
  let quoteFp = 0;
  let quoteTp = 0;
  const wrongQuotes: string[] = [];
  for (const q of table.quotes) {
    if (!inCorpus.has(q.evidence.article)) continue;
    const candidates = (quotesByArticle.get(q.evidence.article) ?? []).filter((p) => quoteTextMatches(q.text, p.text));
    for (const c of candidates) textFound.add(c);
    const person = q.speaker ? people.get(q.speaker) : undefined;
    // Matched one to one where the text allows: a planted quote with exactly these words first, then one not
    // matched yet. A lede's "a government that kills its own people" and the full line it comes from both match
    // the full line's text, and taking them in planted order left the full line unmatched.
    const rank = (c: PlantedQuote) => (normaliseText(c.text) === normaliseText(q.text) ? 0 : 2) + (matchedQuotes.has(c) ? 1 : 0);
    const right = [...candidates].sort((a, b) => rank(a) - rank(b)).find((c) => {
      if (c.speaker === null) {
        const want = normName(c.speakerName).replace(/^the\s+/, '');
        const got = normName(q.speakerName ?? '');
        return got.length > 0 && (want.includes(got) || got.includes(want));
      }
      return samePerson(person, q.speakerName ?? '', formsOf(c.speaker, c.written, c.speakerName));
    });
    if (right) {
      matchedQuotes.add(right);
      quoteTp++;
    } else {
      quoteFp++;
      if (wrongQuotes.length < 8) wrongQuotes.push(`${q.evidence.article}: [${q.speakerName ?? 'no speaker'}] ${q.text.slice(0, 100)}${candidates[0] ? ` (planted speaker: ${candidates[0].speakerName})` : ' (not planted)'}`);
    }
  }
  const missedQuotes = planted.quotes.filter((q) => !matchedQuotes.has(q));
  // Precision counts extracted quotes (a quote split in two is two right ones); recall counts planted ones.
  const quotes = {
    ...rate(matchedQuotes.size, quoteFp, missedQuotes.length),
    precision: quoteTp + quoteFp === 0 ? 1 : quoteTp / (quoteTp + quoteFp),
    textRecall: planted.quotes.length === 0 ? 1 : textFound.size / planted.quotes.length };

  return {
    defections,
    quotes,
    denialsCounted: denialHits.size,
    denials: planted.denials.length,
    examples: {
      missedDefections: missed.slice(0, 8).map((d) => `${d.article}: ${d.written} (${d.inPassing ? 'in passing' : 'main'})`),
      falseDefections,
      missedQuotes: missedQuotes.slice(0, 8).map((q) => `${q.article}: [${q.speakerName}] ${q.text.slice(0, 100)}`),
      wrongQuotes,
    },
  };
}
