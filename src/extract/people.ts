// Stage 3: find person mentions. compromise tags many unfamiliar names only as proper nouns, so a name is a
// run of capitalised tokens accepted by context (honorific, role word, "X said", appositive), then a corpus
// pass learns every accepted name and recognises its surname alone everywhere ("Nouri", "Mr Nouri").
import {
  FEMALE_HONORIFICS, HONORIFICS, MALE_HONORIFICS, MONTHS, NAME_PARTICLES, NON_PERSON_HEADS, NOT_NAME_WORDS,
  OUTLET_NAMES, PLATFORMS, ROLE_HEADS, SECTS, SPEECH, WEEKDAYS,
} from './lexicon.js';
import { appendTo } from './collections.js';
import type { ArticleDoc } from './doc.js';
import { commonPluralNoun, type Token } from './nlp.js';
import type { SentenceDoc } from './split.js';
import { runSteps, type Steps } from './steps.js';

export type Gender = 'male' | 'female' | null;

export interface Mention {
  article: string;
  sentence: number;
  /** Offsets of the name itself (honorific excluded) in the cleaned text. */
  start: number;
  end: number;
  /** The name as written, possessive removed: "Karim al-Nouri", "Nouri". */
  surface: string;
  /** Honorific or title written before the name: "Mr", "Dr", "Brig. Gen.", "President". */
  honorific: string | null;
  /** The form with its honorific, as written: "Mr Nouri". */
  form: string;
  /** Canonical full name this mention resolves to (set by the corpus pass). */
  entity: string;
  gender: Gender;
  /** "the late president ..." */
  late: boolean;
  /** Index of the first token of the name in the sentence, and of the token after it. */
  tokenStart: number;
  tokenEnd: number;
}

interface Candidate {
  tokens: Token[];
  honorificTokens: Token[];
  sentence: SentenceDoc;
  tokenStart: number;
  tokenEnd: number;
  cue: boolean;
  late: boolean;
  /** Tagged only as place or adjective ("Hamade" read as an adjective): a name only if the gazetteer knows it. */
  weak: boolean;
}

/**
 * Head words that end a capitalised title before a name. Not "king" or "major": they end names too ("Martin
 * Luther King Jr", "John Major").
 */
const TITLE_ENDS = new Set([
  'minister', 'president', 'premier', 'ambassador', 'envoy', 'governor', 'mayor', 'secretary', 'spokesman', 'spokeswoman',
  'spokesperson', 'commander', 'chief', 'director', 'chairman', 'chairwoman', 'consul',
  'general', 'colonel', 'lieutenant', 'brigadier', 'captain', 'sergeant', 'admiral',
]);
const PLACE_PREPOSITIONS = new Set(['from', 'in', 'to', 'into', 'near', 'across', 'at', 'toward', 'towards', 'outside', 'inside']);
const PLACE_NOUNS = new Set(['province', 'city', 'town', 'village', 'region', 'district', 'capital', 'governorate', 'country', 'area', 'suburb', 'neighbourhood']);
const NON_NAMES = new Set([...OUTLET_NAMES, ...PLATFORMS, ...SECTS].map((s) => s.toLowerCase()));
const CALENDAR = new Set([...MONTHS, ...WEEKDAYS]);
const SECT_WORDS = new Set([...SECTS.map((s) => s.toLowerCase()), 'arab', 'arabs', 'sunnis', 'shiites', 'alawites', 'christians', 'kurds', 'druze']);

const isPossessive = (t: Token): boolean => /['’]s?$/.test(t.text) && /[sS]['’]$|['’]s$/.test(t.text);
const bare = (t: Token): string => t.text.replace(/['’]s$|['’]$/, '');
const isCapitalised = (t: Token): boolean => /^[A-Z\u00C0-\u00DE]/.test(t.text) && !(/^[A-Z]{2,5}$/.test(bare(t)));
const isParticle = (t: Token): boolean => NAME_PARTICLES.has(t.lower);
const honorificWord = (t: Token): boolean => HONORIFICS.has(t.lower.replace(/\.$/, '')) || t.tags.has('Honorific');
/** Punctuation between two tokens that ends a name. */
const breaksBetween = (a: Token, b: Token): boolean => /[,;:()"“”‘’!?–—]|\.\s/.test(a.post) || /[("“‘]/.test(b.pre) || isPossessive(a);

/** Strips surrounding quote marks/apostrophes a capitalised token may carry. */
function runsOf(sentence: SentenceDoc): Array<{ from: number; to: number }> {
  const runs: Array<{ from: number; to: number }> = [];
  const tokens = sentence.tokens;
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (!isCapitalised(t)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < tokens.length) {
      const prev = tokens[j - 1]!;
      const cur = tokens[j]!;
      if (breaksBetween(prev, cur)) break;
      if (isCapitalised(cur)) {
        j++;
        continue;
      }
      // A particle joins the run only when a capitalised token follows it ("al-Nouri", "al Zein").
      const next = tokens[j + 1];
      if (isParticle(cur) && next && isCapitalised(next) && !breaksBetween(cur, next)) {
        j += 2;
        continue;
      }
      break;
    }
    runs.push({ from: i, to: j });
    i = j;
  }
  return runs;
}

function candidatesOf(sentence: SentenceDoc): Candidate[] {
  const tokens = sentence.tokens;
  const out: Candidate[] = [];
  for (const run of runsOf(sentence)) {
    let from = run.from;
    const to = run.to;
    const honorificTokens: Token[] = [];
    // Leading function words and calendar words are not part of a name ("Unlike", "In", "August").
    while (from < to && (NOT_NAME_WORDS.has(tokens[from]!.lower) || CALENDAR.has(bare(tokens[from]!).toLowerCase()))) from++;
    // Titles before a name, including a capitalised role word at a sentence start ("Analyst Petra Lind").
    while (from < to - 1 && (honorificWord(tokens[from]!) || (to - from > 2 && ROLE_HEADS.has(tokens[from]!.lower)))) honorificTokens.push(tokens[from++]!);
    // A capitalised title with a portfolio, a nationality or a force in it ("Deputy Trade Minister X", "Zendan
    // President X", "Free Zendan Army Colonel X"): up to three words before a post's head word belong to the
    // title, and the name starts after it. "Staff" right after "of" ends one too ("Chief of Staff X").
    if (from < to - 1 && tokens[from]!.lower === 'staff' && tokens[from - 1]?.lower === 'of') honorificTokens.push(tokens[from++]!);
    const head = tokens.slice(from + 1, Math.min(from + 4, to - 1)).findIndex((t) => TITLE_ENDS.has(t.lower));
    if (head >= 0) {
      const nameFrom = from + 1 + head + 1;
      while (from < nameFrom) honorificTokens.push(tokens[from++]!);
    }
    // A lone title word ("President") with nothing after it is not a name.
    if (from >= to) continue;
    let nameTokens = tokens.slice(from, to);
    // The name ends at a possessive ("Anna Berg's plan").
    const possessiveAt = nameTokens.findIndex(isPossessive);
    if (possessiveAt >= 0) nameTokens = nameTokens.slice(0, possessiveAt + 1);
    const end = from + nameTokens.length;
    // A title with no name after it ("the Oil Minister", "Army Chief of Staff").
    if (TITLE_ENDS.has(bare(nameTokens[nameTokens.length - 1]!).toLowerCase())) continue;
    if (!acceptableName(nameTokens, tokens[end])) continue;
    // A lone plural common noun ("Diplomats say"), or a place: a person only as a name the corpus already knows
    // (a family name can also be a plural noun).
    const weak = placeOrAdjectiveOnly(nameTokens) || (nameTokens.length === 1 && commonPluralNoun(nameTokens[0]!));
    const before = tokens[from - 1 - honorificTokens.length];
    const before2 = tokens[from - 2 - honorificTokens.length];
    const after = tokens[end];
    const lastName = nameTokens[nameTokens.length - 1]!;
    // Place contexts: "from Ras al-Ain", "province of X", "the Old Port district".
    if (honorificTokens.length === 0) {
      if (before && PLACE_PREPOSITIONS.has(before.lower)) continue;
      if (before?.lower === 'of' && before2 && PLACE_NOUNS.has(before2.lower)) continue;
      if (after && !isPossessive(lastName) && (NON_PERSON_HEADS.has(after.lower) || PLACE_NOUNS.has(after.lower)) && !/[,]/.test(lastName.post)) continue;
    }
    const honorific = honorificTokens.length > 0;
    const roleBefore = !!before && ROLE_HEADS.has(before.lower) && !/[,.]/.test(before.post);
    const appositiveRole = /,/.test(lastName.post) && !!after && ['a', 'an', 'the', 'who'].includes(after.lower)
      && tokens.slice(end + 1, end + 6).some((t) => ROLE_HEADS.has(t.lower) || /-year-old$|^(father|mother|son|daughter|wife|husband|member)$/.test(t.lower));
    const speech = (!!after && SPEECH.has(after.lower) && !/,/.test(lastName.post)) || (!!before && SPEECH.has(before.lower));
    const personTagged = nameTokens.some((t) => t.tags.has('Person') && !t.tags.has('Place')) && nameTokens.every((t) => !t.tags.has('Place') || t.tags.has('Person'));
    const multi = nameTokens.filter((t) => !isParticle(t)).length >= 2;
    const late = before?.lower === 'late' || (before2?.lower === 'late' && !!before && ROLE_HEADS.has(before.lower));
    const cue = honorific || roleBefore || speech || appositiveRole || (multi && personTagged);
    out.push({ tokens: nameTokens, honorificTokens, sentence, tokenStart: from, tokenEnd: end, cue: cue || multi, late, weak });
  }
  return out;
}

/** Rejects runs that are organisations, places, outlets, sects or dates. */
/** All tokens tagged place, country or adjective ("Norland", "New York", sometimes an unknown surname). */
function placeOrAdjectiveOnly(nameTokens: Token[]): boolean {
  return nameTokens.every((t) => (t.tags.has('Place') || t.tags.has('Country') || t.tags.has('City') || t.tags.has('Adjective') || t.tags.has('Demonym')) && !t.tags.has('FirstName'));
}

function acceptableName(nameTokens: Token[], after: Token | undefined): boolean {
  const words = nameTokens.map((t) => bare(t).toLowerCase());
  const last = words[words.length - 1]!;
  if (NON_PERSON_HEADS.has(last)) return false;
  if (NON_NAMES.has(words.join(' '))) return false;
  if (nameTokens.some((t) => t.tags.has('Month') || t.tags.has('WeekDay') || /\d/.test(t.text))) return false;
  if (words.every((w) => NON_NAMES.has(w) || HONORIFICS.has(w))) return false;
  if (words.some((w) => SECT_WORDS.has(w))) return false;
  // A nationality on its own ("British officials") is not a person.
  if (nameTokens.length === 1 && /^[A-Z][a-z]+(?:ish|ian|ese|ean|ic)$/.test(bare(nameTokens[0]!))) return false;
  if (after && /^(district|sect|community|regime|government|forces|party|family|era|rule|administration|air|airbase|base|bridge|crossing|highway|road|mosque|stadium|prison|camp|dam)$/.test(after.lower) && !isPossessive(nameTokens[nameTokens.length - 1]!)) return false;
  return true;
}

const surnameOf = (name: string): string => {
  const parts = name.split(/[\s]+/);
  const last = parts[parts.length - 1] ?? name;
  return last.replace(/^(al|el|bin|ibn|abu)-/i, '');
};

function nameText(doc: ArticleDoc, tokens: Token[]): { start: number; end: number; text: string } {
  const first = tokens[0]!;
  const last = tokens[tokens.length - 1]!;
  const start = first.start;
  const end = last.start + bare(last).length;
  return { start, end, text: doc.clean.text.slice(start, end) };
}

function genderOf(c: Candidate): Gender {
  const h = c.honorificTokens.map((t) => t.lower.replace(/\.$/, ''));
  if (h.some((w) => FEMALE_HONORIFICS.has(w))) return 'female';
  if (h.some((w) => MALE_HONORIFICS.has(w))) return 'male';
  // First-name gender guesses are unreliable for names from other languages: only titles count.
  return null;
}

/** A possible name in one article, with everything the corpus pass needs (no tokens): local to the article. */
export interface NameCandidate {
  sentence: number;
  start: number;
  end: number;
  text: string;
  cue: boolean;
  weak: boolean;
  late: boolean;
  gender: Gender;
  honorific: string | null;
  /** The name with a courtesy title, as written ("Mr Nouri"), else the name. */
  form: string;
  tokenStart: number;
  tokenEnd: number;
  /** Worked out once here, not on every refresh: words in the name, its surname key, and its text as an outlet name would be. */
  words: number;
  surnameKey: string;
  outletKey: string;
}

/** Stage 3a, per article: every capitalised run that may be a name, with its cues. */
export function nameCandidates(doc: ArticleDoc): NameCandidate[] {
  const out: NameCandidate[] = [];
  for (const sentence of doc.sentences) {
    if (sentence.heading) continue;
    for (const c of candidatesOf(sentence)) {
      const text = nameText(doc, c.tokens);
      const honorific = c.honorificTokens.length > 0 ? doc.clean.text.slice(c.honorificTokens[0]!.start, c.honorificTokens[c.honorificTokens.length - 1]!.end) : null;
      // Keep the written form only with a personal title ("Mr Nouri", "Dr Haddad"), not "State Anna Berg".
      const courtesy = c.honorificTokens.length === 1 && /^(mr|mrs|ms|miss|dr|sir|dame|president|sheikh|prof)\.?$/i.test(c.honorificTokens[0]!.text);
      const formStart = courtesy ? c.honorificTokens[0]!.start : text.start;
      out.push({
        sentence: c.sentence.index,
        start: text.start,
        end: text.end,
        text: text.text,
        cue: c.cue,
        weak: c.weak,
        late: c.late,
        gender: genderOf(c),
        honorific,
        form: doc.clean.text.slice(formStart, text.end),
        tokenStart: c.tokenStart,
        tokenEnd: c.tokenEnd,
        words: text.text.split(/\s+/).length,
        surnameKey: surnameOf(text.text).toLowerCase(),
        outletKey: outletKey(text.text),
      });
    }
  }
  return out;
}

const outletKey = (name: string) => name.toLowerCase().replace(/^the\s+/, '');

/** What the corpus pass reads of an article: its id, outlet and name candidates. */
export interface CandidateArticle {
  id: string;
  outlet: string | null;
  candidates: NameCandidate[];
}

/**
 * Stage 3b, across the corpus: accepted names (with a cue) teach the corpus gazetteer, then uncued single
 * words that are a known surname or full name count too. Each mention gets `entity`, the fullest name it
 * refers to (a surname alone goes to the most-mentioned living bearer of that surname).
 */
export function resolvePeople(articles: CandidateArticle[]): Map<string, Mention[]> {
  return runSteps(resolvePeopleSteps(articles));
}

/** resolvePeople() as steps: one per 64 articles in each pass. */
export function* resolvePeopleSteps(articles: CandidateArticle[]): Steps<Map<string, Mention[]>> {
  // The corpus's own outlets (from the manifest) are never people: "told the Kelsk Courier".
  const outlets = new Set(articles.map((d) => (d.outlet ? outletKey(d.outlet) : '')).filter((o) => !!o));
  const isNamed = (c: NameCandidate) => outlets.size === 0 || !outlets.has(c.outletKey);
  // Gazetteer: full names (two or more words) with a cue, by surname.
  const fullNames = new Map<string, { count: number; late: boolean; gender: Gender }>();
  const bySurname = new Map<string, string[]>();
  let step = 0;
  for (const doc of articles) {
    if ((++step & 63) === 0) yield;
    for (const c of doc.candidates) {
      if (!c.cue || c.weak || c.words < 2 || !isNamed(c)) continue;
      let entry = fullNames.get(c.text);
      if (!entry) {
        entry = { count: 0, late: false, gender: null };
        fullNames.set(c.text, entry);
        appendTo(bySurname, c.surnameKey, c.text);
      }
      entry.count++;
      entry.late ||= c.late;
      entry.gender ??= c.gender;
    }
  }
  const resolve = (c: NameCandidate, namedHere: () => Set<string>): string | null => {
    const surface = c.text;
    if (fullNames.has(surface)) return surface;
    const options = bySurname.get(c.surnameKey);
    if (!options || options.length === 0) return null;
    // A living bearer named in this article first, then the most mentioned in the corpus; the late (deceased)
    // only when no one else bears the name. Corpus counts must not outvote the article itself.
    let best: string | null = null;
    let bestScore = -Infinity;
    for (const name of options) {
      const entry = fullNames.get(name)!;
      const score = (entry.late ? -1e9 : 0) + (namedHere().has(name) ? 1e6 : 0) + entry.count;
      if (score > bestScore) [best, bestScore] = [name, score];
    }
    return best;
  };
  const result = new Map<string, Mention[]>();
  for (const doc of articles) result.set(doc.id, []);
  for (const doc of articles) {
    if ((++step & 63) === 0) yield;
    // The names the article itself mentions, worked out when a surname alone needs them.
    let names: Set<string> | null = null;
    const namedHere = () => (names ??= new Set(doc.candidates.filter(isNamed).map((c) => c.text)));
    const out = result.get(doc.id)!;
    for (const c of doc.candidates) {
      if (!isNamed(c)) continue;
      const words = c.words;
      const known = resolve(c, namedHere);
      // A weak candidate (tagged place or adjective) is a person only as a name the corpus already knows.
      if (c.weak && !known) continue;
      const entity = known ?? (c.cue ? c.text : null);
      if (!entity) continue;
      // A single uncued word only counts when the gazetteer knows it.
      if (!c.cue && words < 2 && !known) continue;
      out.push({
        article: doc.id,
        sentence: c.sentence,
        start: c.start,
        end: c.end,
        surface: c.text,
        honorific: c.honorific,
        form: c.form,
        entity,
        gender: c.gender ?? fullNames.get(entity)?.gender ?? null,
        late: c.late,
        tokenStart: c.tokenStart,
        tokenEnd: c.tokenEnd,
      });
    }
  }
  return result;
}
