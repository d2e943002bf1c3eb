// The answer index: every lookup the engine needs, built once per fact table.
import type { Article, Event, Evidence, FactTable, Person, Quote, Source } from '../facts/schema.js';
import { buildBm25Steps, type Bm25Index } from './fallback.js';
import { buildNameIndex, type NameIndex } from './names.js';
import { normalize, TITLES } from './text.js';

export interface AnswerIndex {
  readonly table: FactTable;
  readonly articles: Map<string, Article>;
  readonly names: NameIndex;
  readonly eventsByPerson: Map<string, Event[]>;
  readonly quotesBySpeaker: Map<string, Quote[]>;
  readonly bm25: Bm25Index;
  /** Lower-case word -> the casing it has mid-sentence in the articles ("zenda" -> "Zenda"). */
  readonly casing: Map<string, string>;
  /** Normalised words that occur anywhere in the articles. */
  readonly vocabulary: Set<string>;
  /** Each article's text normalised (" word word "), to tell whether a phrase occurs at all. */
  readonly normalizedTexts: string[];
  /** Normalised word -> indexes (into normalizedTexts) of the articles containing it. */
  readonly articlesByWord: Map<string, number[]>;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/**
 * The slow parts of the index are folds over the articles, written as generators that yield after each
 * article: a first question drains one at once, and the background warm-up (warmSteps) runs it a few
 * milliseconds at a time, so building never holds the event loop for seconds on a large table.
 */
export type Build<T> = Generator<void, T, void>;

/** A lazily built part: `get` finishes the build (wherever the warm-up left it); `build` is what warms it. */
class Lazy<T> {
  private value: T | undefined;
  private running: Build<T> | undefined;
  constructor(private readonly start: () => Build<T>) {}

  get(): T {
    if (this.value === undefined) {
      const build = this.steps();
      let r = build.next();
      while (!r.done) r = build.next();
    }
    return this.value!;
  }

  /** The build as steps, shared by every caller (a question may finish what the warm-up started). */
  *steps(): Build<T> {
    while (this.value === undefined) {
      const running = (this.running ??= this.start());
      const r = running.next();
      if (r.done) {
        this.value = r.value;
        this.running = undefined;
        break;
      }
      yield;
    }
    return this.value;
  }
}

function* buildCasing(table: FactTable): Build<Map<string, string>> {
  const counts = new Map<string, { upper: number; lower: number; form: string }>();
  for (const a of table.articles) {
    yield;
    for (const s of a.sentences) {
      const words = s.text.match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
      words.forEach((w, i) => {
        if (i === 0) return; // sentence-initial capitals say nothing
        const key = w.toLowerCase();
        const c = counts.get(key) ?? { upper: 0, lower: 0, form: w };
        if (/^\p{Lu}/u.test(w)) {
          c.upper += 1;
          c.form = w;
        } else c.lower += 1;
        counts.set(key, c);
      });
    }
  }
  const out = new Map<string, string>();
  for (const [k, c] of counts) if (c.upper > c.lower) out.set(k, c.form);
  return out;
}

/** The articles' words: what `vocabulary`, `normalizedTexts` and `articlesByWord` serve. */
interface Words {
  vocabulary: Set<string>;
  normalizedTexts: string[];
  articlesByWord: Map<string, number[]>;
}

function* buildWords(table: FactTable): Build<Words> {
  const vocabulary = new Set<string>();
  const normalizedTexts: string[] = [];
  const articlesByWord = new Map<string, number[]>();
  for (const [i, a] of table.articles.entries()) {
    yield;
    const text = normalize(a.text);
    normalizedTexts.push(` ${text} `);
    for (const w of new Set(text.split(' '))) {
      if (!w) continue;
      vocabulary.add(w);
      push(articlesByWord, w, i);
    }
  }
  return { vocabulary, normalizedTexts, articlesByWord };
}

/**
 * Start-up builds only the lookups by id (articles, events and quotes by person). Everything else (names,
 * casing, words, the sentence index) is built on first use, once: the bot is ready sooner at any table size,
 * and warmIndex() builds the rest ahead of the first question.
 */
export function buildIndex(table: FactTable): AnswerIndex {
  let names: NameIndex | null = null;
  const bm25 = new Lazy(() => buildBm25Steps(table));
  const casing = new Lazy(() => buildCasing(table));
  const words = new Lazy(() => buildWords(table));
  const articles = new Map<string, Article>();
  for (const a of table.articles) articles.set(a.id, a);
  const eventsByPerson = new Map<string, Event[]>();
  for (const e of table.events) if (e.person) push(eventsByPerson, e.person, e);
  const quotesBySpeaker = new Map<string, Quote[]>();
  for (const q of table.quotes) if (q.speaker) push(quotesBySpeaker, q.speaker, q);
  const text = (): Words => words.get();
  const index: AnswerIndex = {
    table,
    articles,
    get names(): NameIndex {
      names ??= buildNameIndex(table);
      return names;
    },
    eventsByPerson,
    quotesBySpeaker,
    get bm25(): Bm25Index {
      return bm25.get();
    },
    get casing(): Map<string, string> {
      return casing.get();
    },
    get vocabulary(): Set<string> {
      return text().vocabulary;
    },
    get normalizedTexts(): string[] {
      return text().normalizedTexts;
    },
    get articlesByWord(): Map<string, number[]> {
      return text().articlesByWord;
    },
  };
  warmers.set(index, function* () {
    const { names } = index;
    yield;
    void names.aliasesByProminence;
    yield;
    void names.spelling;
    yield;
    yield* casing.steps();
    yield* words.steps();
    yield* bm25.steps();
  });
  return index;
}

const warmers = new WeakMap<AnswerIndex, () => Generator<void, void, void>>();

/**
 * The parts of the index otherwise built on first use, as small steps (about one article each) for a
 * background warm-up that yields to questions between steps. Parts already built are skipped.
 */
export function warmSteps(index: AnswerIndex): Generator<void, void, void> {
  const warm = warmers.get(index);
  return warm ? warm() : (function* () {})();
}

/** Builds every part of the index at once (tests, scripts). */
export function warmIndex(index: AnswerIndex): void {
  for (const _ of warmSteps(index));
}

/** Whether the articles contain this phrase (normalised, whole words). */
export function mentioned(index: AnswerIndex, phrase: string): boolean {
  const n = normalize(phrase);
  if (n === '') return false;
  // Only the articles holding every word of the phrase are searched for it: rarest word first.
  const lists: number[][] = [];
  for (const w of new Set(n.split(' '))) {
    const has = index.articlesByWord.get(w);
    if (!has) return false;
    lists.push(has);
  }
  lists.sort((a, b) => a.length - b.length);
  let ids = lists[0] ?? [];
  for (const has of lists.slice(1)) {
    ids = ids.filter((i) => hasSorted(has, i));
    if (ids.length === 0) return false;
  }
  return ids.some((i) => index.normalizedTexts[i]!.includes(` ${n} `));
}

/** Whether an ascending list holds `x` (bisection). */
function hasSorted(list: number[], x: number): boolean {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return list[lo] === x;
}

export function toSource(index: AnswerIndex, evidence: Evidence): Source {
  const a = index.articles.get(evidence.article);
  return {
    article: evidence.article,
    outlet: a?.outlet ?? null,
    published: a?.published ?? null,
    sentence: evidence.text,
  };
}

/** Sources for several pieces of evidence, deduplicated by article and sentence, in first-seen order. */
export function sourcesOf(index: AnswerIndex, evidence: Iterable<Evidence>): Source[] {
  const seen = new Set<string>();
  const out: Source[] = [];
  for (const e of evidence) {
    const key = `${e.article}\u0000${e.sentence}\u0000${e.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(toSource(index, e));
  }
  return out;
}

/**
 * The distinct sources of a list (same article and sentence), in first-seen order. Looked up by the two strings
 * themselves: a joined key built per source had to be hashed afresh each time, which showed on lists with
 * hundreds of sources.
 */
export function dedupeSources(sources: Iterable<Source>): Source[] {
  const seen = new Map<string, Set<string>>();
  const out: Source[] = [];
  for (const s of sources) {
    let sentences = seen.get(s.article);
    if (!sentences) seen.set(s.article, (sentences = new Set()));
    if (sentences.has(s.sentence)) continue;
    sentences.add(s.sentence);
    out.push(s);
  }
  return out;
}

/** Restore proper-noun casing in a lower-case phrase ("ambassador to zenda" -> "ambassador to Zenda"). */
export function recase(index: AnswerIndex, phrase: string): string {
  // Titles stay lower case inside a role ("as general", not "as General"); names and places get capitals.
  return phrase.replace(/[\p{L}][\p{L}'’-]*/gu, (w) => (w === w.toLowerCase() && !TITLES.has(w) ? (index.casing.get(w) ?? w) : w));
}

/** A short label for an article id: "000" for "000_3b4f70ffe2a1464c" when that prefix is unique. */
const ID_PREFIX = /^([^_\s]+)_[0-9a-f]{6,}$/i;
/** How many article ids share each short prefix ("000" of "000_3b4f…"), counted once per index. */
const prefixCounts = new WeakMap<AnswerIndex, Map<string, number>>();

export function shortId(index: AnswerIndex, articleId: string): string {
  const m = ID_PREFIX.exec(articleId);
  if (!m?.[1]) return articleId;
  let counts = prefixCounts.get(index);
  if (!counts) {
    counts = new Map();
    for (const id of index.articles.keys()) {
      const p = ID_PREFIX.exec(id)?.[1] ?? id;
      counts.set(p, (counts.get(p) ?? 0) + 1);
    }
    prefixCounts.set(index, counts);
  }
  return (counts.get(m[1]) ?? 0) <= 1 ? m[1] : articleId;
}

/** "000 (AFP)" / "000" for text that names a source. */
export function cite(index: AnswerIndex, articleId: string): string {
  const outlet = index.articles.get(articleId)?.outlet;
  const id = shortId(index, articleId);
  return outlet ? `${id} (${outlet})` : id;
}

export function personName(index: AnswerIndex, id: string | null, fallback: string): string {
  if (!id) return fallback;
  const p: Person | undefined = index.names.people.get(id);
  return p?.name ?? fallback;
}
