// Fallback evidence search: BM25 over every article sentence, built once per table. Used only when no
// structured fact answers a question, and only above a confidence threshold: most of the question's
// weight (idf) must be found in one sentence, with at least two distinct content words.
import type { FactTable } from '../facts/schema.js';
import { contentStems } from './text.js';

export interface SentenceRef {
  article: string;
  sentence: number;
  text: string;
}

export interface Bm25Index {
  docs: SentenceRef[];
  /** Term -> (doc index -> term frequency). */
  postings: Map<string, Map<number, number>>;
  lengths: number[];
  avgLength: number;
}

/** Words that make up the question's form rather than its topic; never evidence on their own. */
const QUESTION_WORDS = new Set(
  'say said tell told ask asked happen happened article articles report reported news question answer mention mentioned'
    .split(' ')
    .flatMap((w) => contentStems(w)),
);

/** The sentence index, yielding after each article (see Build in build.ts). */
export function* buildBm25Steps(table: FactTable): Generator<void, Bm25Index, void> {
  const docs: SentenceRef[] = [];
  const postings = new Map<string, Map<number, number>>();
  const lengths: number[] = [];
  for (const a of table.articles) {
    yield;
    for (const s of a.sentences) {
      const i = docs.length;
      docs.push({ article: a.id, sentence: s.index, text: s.text });
      const terms = contentStems(s.text);
      lengths.push(terms.length);
      for (const t of terms) {
        let p = postings.get(t);
        if (!p) postings.set(t, (p = new Map<number, number>()));
        p.set(i, (p.get(i) ?? 0) + 1);
      }
    }
  }
  const total = lengths.reduce((a, b) => a + b, 0);
  return { docs, postings, lengths, avgLength: docs.length ? total / docs.length : 0 };
}

export interface FallbackHit {
  doc: SentenceRef;
  score: number;
  /** Share of the question's idf weight this sentence contains (0..1). */
  coverage: number;
  matched: number;
}

const K1 = 1.2;
const B = 0.75;
export const MIN_COVERAGE = 0.6;
export const MIN_MATCHED = 2;

function idf(index: Bm25Index, term: string): number {
  const n = index.docs.length;
  const df = index.postings.get(term)?.size ?? 0;
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

interface Accumulators {
  score: Float64Array;
  weight: Float64Array;
  matched: Int32Array;
}

const accumulatorsOf = new WeakMap<Bm25Index, Accumulators>();

/** Zeroed per-sentence sums for one search (searches never overlap: they run to the end synchronously). */
function accumulators(index: Bm25Index): Accumulators {
  let acc = accumulatorsOf.get(index);
  // Sized to the sentences and to any document number a posting holds.
  const size = Math.max(index.docs.length, index.lengths.length);
  if (!acc || acc.matched.length < size) {
    acc = { score: new Float64Array(size), weight: new Float64Array(size), matched: new Int32Array(size) };
    accumulatorsOf.set(index, acc);
  }
  return acc;
}

/** Best sentences for a question, or [] when none passes the threshold. */
export function searchEvidence(index: Bm25Index, question: string, limit = 2): FallbackHit[] {
  const terms = [...new Set(contentStems(question.slice(0, 1000)))].filter((t) => !QUESTION_WORDS.has(t));
  if (terms.length === 0 || index.docs.length === 0) return [];
  const weights = new Map<string, number>();
  let totalWeight = 0;
  for (const t of terms) {
    const w = idf(index, t);
    weights.set(t, w);
    totalWeight += w;
  }
  // Per-sentence sums in arrays kept per index (a common word has tens of thousands of sentences), cleared
  // after use; `touched` keeps the order sentences were first reached in, as a map's insertion order would.
  const acc = accumulators(index);
  const touched: number[] = [];
  for (const t of terms) {
    const p = index.postings.get(t);
    if (!p) continue;
    const w = weights.get(t) ?? 0;
    for (const [doc, tf] of p) {
      const len = index.lengths[doc] ?? 0;
      const s = (w * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * len) / (index.avgLength || 1)));
      if (acc.matched[doc] === 0) touched.push(doc);
      acc.score[doc]! += s;
      acc.weight[doc]! += w;
      acc.matched[doc]! += 1;
    }
  }
  const hits: FallbackHit[] = [];
  for (const doc of touched) {
    const score = acc.score[doc]!;
    const weight = acc.weight[doc]!;
    const matched = acc.matched[doc]!;
    acc.score[doc] = 0;
    acc.weight[doc] = 0;
    acc.matched[doc] = 0;
    const ref = index.docs[doc];
    if (!ref) continue;
    const coverage = totalWeight > 0 ? weight / totalWeight : 0;
    if (coverage < MIN_COVERAGE || matched < MIN_MATCHED) continue;
    hits.push({ doc: ref, score, coverage, matched });
  }
  // A sentence holding more of the question outranks a shorter one holding less; BM25 orders the rest.
  hits.sort((a, b) => b.coverage - a.coverage || b.score - a.score);
  const top = hits[0];
  if (!top) return [];
  return hits.filter((h) => h.coverage >= top.coverage - 0.05 && h.score >= top.score * 0.8).slice(0, limit);
}
