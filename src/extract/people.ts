// Stage 3: find person mentions. compromise tags many unfamiliar names only as proper nouns, so a name is a
// run of capitalised tokens accepted by context (honorific, role word, "X said", appositive), then a corpus
// pass learns every accepted name and recognises its surname alone everywhere ("Nouri", "Mr Nouri").
import {
  FEMALE_HONORIFICS, HONORIFICS, MALE_HONORIFICS, MONTHS, NAME_PARTICLES, NON_PERSON_HEADS, NOT_NAME_WORDS,
  OUTLET_NAMES, PLATFORMS, ROLE_HEADS, SECTS, SPEECH, WEEKDAYS,
} from './lexicon.js';
import { appendTo, getOrMake } from './collections.js';
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
  return new Map([...runSteps(resolvePeopleSteps(articles, null)).articles].map(([id, a]) => [id, a.mentions]));
}

/** A full name of the gazetteer: what every article that names it (with a cue) adds up to. */
interface NameEntry {
  count: number;
  late: boolean;
  /** The first title-given gender, in corpus order. */
  gender: Gender;
  /** Ids of the articles that name it, in corpus order. */
  namedIn: string[];
}

/** What one article adds to a full name of the gazetteer. */
interface Contribution {
  count: number;
  late: boolean;
  gender: Gender;
  /** Index of the first candidate that names it: with the article's place, where the name enters the gazetteer. */
  first: number;
}

/** One article's part of a resolution; replaced, never changed, when the article's mentions change. */
interface ResolvedArticle {
  id: string;
  candidates: readonly NameCandidate[];
  /**
   * Its place: increasing in corpus order. An article keeps it while it stays; one that comes gets a number
   * between its neighbours' (so the others' need not change).
   */
  seq: number;
  /** The full names it teaches the gazetteer. */
  teaches: ReadonlyMap<string, Contribution>;
  /** The surname keys of its names: every gazetteer entry its resolution reads is under one of these. */
  keys: readonly string[];
  /** Its mentions, entities before clustering. Never changed: a caller renaming entities copies them. */
  mentions: Mention[];
}

/** The gazetteer and every article's part, updated in place by the next resolution (copying them costs more). */
interface NameStore {
  /** While an update runs: a store left so (its update did not finish) is not updated from again. */
  updating: boolean;
  /** The corpus's outlet keys, sorted; null when two articles had one id (their mentions share one list). */
  outlets: string | null;
  /** In corpus order. */
  articles: Map<string, ResolvedArticle>;
  fullNames: Map<string, NameEntry>;
  /** Full names by surname key, in the order of their first mention (a tie in scores goes to the first). */
  bySurname: Map<string, string[]>;
  /** Ids of the articles with a name under each surname key. */
  readers: Map<string, Set<string>>;
}

/** A resolution of the corpus's names, and what the next one starts from. */
export interface Resolution {
  /** Each article's mentions, in corpus order. Read before resolving again: the next resolution updates it. */
  readonly articles: ReadonlyMap<string, { readonly mentions: Mention[] }>;
  readonly store: NameStore;
}

/** Beyond this many articles come or gone, and this share of the corpus, resolving everything again costs less. */
const UPDATE_LIMIT = { articles: 64, share: 0.25 };

/**
 * resolvePeople() as steps (one per 64 articles resolved), starting from `previous` when it can: the gazetteer
 * is updated with the names of the articles that came, went or changed, and only the articles with a name
 * under a surname key whose entries changed are resolved again. Gives what resolving from scratch gives.
 */
export function* resolvePeopleSteps(articles: readonly CandidateArticle[], previous: Resolution | null): Steps<Resolution> {
  // The corpus's own outlets (from the manifest) are never people: "told the Kelsk Courier".
  const outletSet = new Set(articles.map((d) => (d.outlet ? outletKey(d.outlet) : '')).filter((o) => !!o));
  const outlets = JSON.stringify([...outletSet].sort());
  const isNamed = (c: NameCandidate) => outletSet.size === 0 || !outletSet.has(c.outletKey);
  // An older resolution (its refresh failed after it) has the store as the latest one left it: it updates from that.
  const store = previous && !previous.store.updating && previous.store.outlets === outlets ? previous.store : null;
  const changes = store ? changesSince(articles, store) : null;
  if (!store || !changes) return yield* resolveAll(articles, outlets, isNamed, previous?.articles);
  // Marked before any step: should this update not finish, nothing updates from the store again.
  store.updating = true;
  yield* update(articles, store, changes, isNamed);
  store.updating = false;
  return { articles: store.articles, store };
}

interface Changes {
  /** Articles not in the store with these candidates, and their places. */
  come: Array<{ doc: CandidateArticle; seq: number }>;
  /** Parts of the store no article has any more (changed articles included). */
  gone: ResolvedArticle[];
}

/**
 * What came and went since the store was made, or null when it is not worth updating or cannot be: articles
 * that stayed are not in the order they were (the order of first mention would change), or ids repeat.
 */
function changesSince(articles: readonly CandidateArticle[], store: NameStore): Changes | null {
  const come: Changes['come'] = [];
  const gone: ResolvedArticle[] = [];
  const comeIds = new Set<string>();
  let kept = 0;
  let last = -Infinity;
  let pending: CandidateArticle[] = [];
  // Places for the articles come since the last one that stayed, between its place and `next`.
  const place = (next: number): boolean => {
    const from = last === -Infinity ? (next === Infinity ? 0 : next - pending.length - 1) : last;
    const step = next === Infinity ? 1 : (next - from) / (pending.length + 1);
    let before = from;
    for (const [j, doc] of pending.entries()) {
      const seq = from + step * (j + 1);
      // Out of floating-point room between two places: numbered again from scratch.
      if (!(seq > before && seq < next)) return false;
      come.push({ doc, seq });
      before = seq;
    }
    pending = [];
    return true;
  };
  for (const a of articles) {
    const part = store.articles.get(a.id);
    if (part && part.candidates === a.candidates && !comeIds.has(a.id)) {
      if (part.seq <= last || (pending.length > 0 && !place(part.seq))) return null;
      last = part.seq;
      kept++;
      continue;
    }
    if (comeIds.has(a.id) || (part && part.seq <= last)) return null;
    comeIds.add(a.id);
    if (part) gone.push(part);
    pending.push(a);
  }
  if (!place(Infinity)) return null;
  if (kept + gone.length < store.articles.size) {
    const ids = new Set(articles.map((a) => a.id));
    for (const part of store.articles.values()) if (!ids.has(part.id)) gone.push(part);
  }
  const changed = come.length + gone.length;
  return changed > UPDATE_LIMIT.articles && changed > UPDATE_LIMIT.share * articles.length ? null : { come, gone };
}

/** What an article teaches the gazetteer (its cued full names) and the surname keys of its names. */
function readArticle(doc: CandidateArticle, isNamed: (c: NameCandidate) => boolean): Pick<ResolvedArticle, 'teaches' | 'keys'> {
  const teaches = new Map<string, Contribution>();
  const keys = new Set<string>();
  doc.candidates.forEach((c, i) => {
    if (!isNamed(c)) return;
    keys.add(c.surnameKey);
    if (!c.cue || c.weak || c.words < 2) return;
    const entry = getOrMake(teaches, c.text, () => ({ count: 0, late: false, gender: null, first: i }));
    entry.count++;
    entry.late ||= c.late;
    entry.gender ??= c.gender;
  });
  return { teaches, keys: [...keys] };
}

/** The surname key a full name is filed under (that of the candidates naming it). */
const keyOf = (part: Pick<ResolvedArticle, 'candidates'>, c: Contribution): string => part.candidates[c.first]!.surnameKey;

/** Adds what an article teaches to a gazetteer entry (in corpus order: the first gender stays). */
function addTo(entry: NameEntry, c: Contribution): void {
  entry.count += c.count;
  entry.late ||= c.late;
  entry.gender ??= c.gender;
}

/** Everything resolved from scratch; an article's mentions equal to those in `before` are those. */
function* resolveAll(articles: readonly CandidateArticle[], outlets: string, isNamed: (c: NameCandidate) => boolean, before?: Resolution['articles']): Steps<Resolution> {
  const store: NameStore = { updating: false, outlets, articles: new Map(), fullNames: new Map(), bySurname: new Map(), readers: new Map() };
  const parts: Array<Omit<ResolvedArticle, 'mentions'>> = [];
  let step = 0;
  for (const [seq, doc] of articles.entries()) {
    if ((++step & 63) === 0) yield;
    const part = { id: doc.id, candidates: doc.candidates, seq, ...readArticle(doc, isNamed) };
    parts.push(part);
    for (const key of part.keys) getOrMake(store.readers, key, () => new Set()).add(doc.id);
    for (const [text, c] of part.teaches) {
      let entry = store.fullNames.get(text);
      if (!entry) {
        entry = { count: 0, late: false, gender: null, namedIn: [] };
        store.fullNames.set(text, entry);
        appendTo(store.bySurname, keyOf(part, c), text);
      }
      addTo(entry, c);
      entry.namedIn.push(doc.id);
    }
  }
  for (const part of parts) {
    if ((++step & 63) === 0) yield;
    const mentions = resolveArticle(part, store, isNamed);
    const twin = store.articles.get(part.id)?.mentions;
    const old = before?.get(part.id)?.mentions;
    store.articles.set(part.id, { ...part, mentions: twin ? [...twin, ...mentions] : old && sameMentions(old, mentions) ? old : mentions });
  }
  if (store.articles.size < articles.length) store.outlets = null;
  return { articles: store.articles, store };
}

/** The store updated for the articles that came and went. */
function* update(articles: readonly CandidateArticle[], store: NameStore, { come, gone }: Changes, isNamed: (c: NameCandidate) => boolean): Steps<void> {
  const goneIds = new Set(gone.map((g) => g.id));
  const comeIds = new Set(come.map((c) => c.doc.id));
  for (const g of gone) if (!comeIds.has(g.id)) store.articles.delete(g.id);
  const added = come.map(({ doc, seq }) => ({ id: doc.id, candidates: doc.candidates, seq, ...readArticle(doc, isNamed), mentions: [] }));
  for (const part of added) store.articles.set(part.id, part);

  // The gazetteer entries of the full names those articles teach, added up again from every article teaching them.
  const touched = new Map<string, string>(); // full name -> surname key
  for (const part of [...gone, ...added]) for (const [text, c] of part.teaches) touched.set(text, keyOf(part, c));
  const partOf = (id: string) => store.articles.get(id)!;
  const changedKeys = new Set<string>();
  // Keys where only a count or a late flag changed: that changes a choice only between two names or more.
  const rescored = new Set<string>();
  for (const [text, key] of touched) {
    const before = store.fullNames.get(text);
    const arriving = added.filter((p) => p.teaches.has(text));
    const namedIn = (before?.namedIn ?? []).filter((id) => !goneIds.has(id));
    for (const part of arriving) {
      const after = namedIn.findIndex((id) => partOf(id).seq > part.seq);
      namedIn.splice(after < 0 ? namedIn.length : after, 0, part.id);
    }
    if (namedIn.length === 0) {
      store.fullNames.delete(text);
      changedKeys.add(key);
      continue;
    }
    // Added up again in corpus order from the articles naming it, as resolving from scratch does.
    const entry: NameEntry = { count: 0, late: false, gender: null, namedIn };
    for (const id of namedIn) addTo(entry, partOf(id).teaches.get(text)!);
    store.fullNames.set(text, entry);
    if (!before || before.gender !== entry.gender) changedKeys.add(key);
    else if (before.count !== entry.count || before.late !== entry.late) rescored.add(key);
  }

  // The names under each touched surname key, in order of first mention (as resolving from scratch files them).
  const firstMention = (text: string): [number, number] => {
    const first = partOf(store.fullNames.get(text)!.namedIn[0]!);
    return [first.seq, first.teaches.get(text)!.first];
  };
  for (const key of new Set(touched.values())) {
    const before = store.bySurname.get(key) ?? [];
    const names = [...new Set([...before, ...[...touched].filter(([, k]) => k === key).map(([text]) => text)])]
      .filter((text) => store.fullNames.has(text))
      .map((text) => ({ text, first: firstMention(text) }))
      .sort((a, b) => a.first[0] - b.first[0] || a.first[1] - b.first[1])
      .map((n) => n.text);
    if (names.length === 0) store.bySurname.delete(key);
    else store.bySurname.set(key, names);
    if (names.length !== before.length || names.some((n, i) => n !== before[i]) || (rescored.has(key) && names.length >= 2)) changedKeys.add(key);
  }

  // Who has a name under which key.
  for (const g of gone) for (const key of g.keys) store.readers.get(key)!.delete(g.id);
  for (const part of added) for (const key of part.keys) getOrMake(store.readers, key, () => new Set()).add(part.id);
  for (const g of gone) for (const key of g.keys) if (store.readers.get(key)?.size === 0) store.readers.delete(key);

  // Resolved again: the articles that came, and those with a name under a changed key; the others keep their
  // mentions, and so do those resolved again to equal ones.
  const redo = new Set(comeIds);
  for (const key of changedKeys) for (const id of store.readers.get(key) ?? []) redo.add(id);
  let step = 0;
  for (const id of redo) {
    if ((++step & 63) === 0) yield;
    const part = partOf(id);
    const mentions = resolveArticle(part, store, isNamed);
    if (comeIds.has(id) || !sameMentions(part.mentions, mentions)) store.articles.set(id, { ...part, mentions });
  }

  // New ids were added at the end: put the parts in corpus order when they are not.
  let k = 0;
  let inOrder = store.articles.size === articles.length;
  for (const id of store.articles.keys()) if (!inOrder || id !== articles[k++]!.id) {
    inOrder = false;
    break;
  }
  if (!inOrder) store.articles = new Map(articles.map((a) => [a.id, partOf(a.id)]));
}

interface Gazetteer {
  fullNames: ReadonlyMap<string, NameEntry>;
  bySurname: ReadonlyMap<string, readonly string[]>;
}

/** One article's mentions given the gazetteer. Reads only the entries under the surname keys of its names. */
function resolveArticle(doc: { id: string; candidates: readonly NameCandidate[] }, { fullNames, bySurname }: Gazetteer, isNamed: (c: NameCandidate) => boolean): Mention[] {
  // The names the article itself mentions, worked out when a surname alone needs them.
  let names: Set<string> | null = null;
  const namedHere = () => (names ??= new Set(doc.candidates.filter(isNamed).map((c) => c.text)));
  const resolve = (c: NameCandidate): string | null => {
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
  const out: Mention[] = [];
  for (const c of doc.candidates) {
    if (!isNamed(c)) continue;
    const words = c.words;
    const known = resolve(c);
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
  return out;
}

/** Every field of a mention; the compiler insists a new field is listed here, so it is compared too. */
const MENTION_FIELDS = Object.keys({
  article: true, sentence: true, start: true, end: true, surface: true, honorific: true, form: true, entity: true, gender: true, late: true, tokenStart: true, tokenEnd: true,
} satisfies Record<keyof Mention, true>) as Array<keyof Mention>;

/** Mentions equal in every field (the same array is, at once). */
export function sameMentions(a: readonly Mention[], b: readonly Mention[]): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => MENTION_FIELDS.every((f) => x[f] === b[i]![f])));
}
