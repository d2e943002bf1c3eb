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

export function buildBm25(table: FactTable): Bm25Index {
  const docs: SentenceRef[] = [];
  const postings = new Map<string, Map<number, number>>();
  const lengths: number[] = [];
  for (const a of table.articles) {
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
  const scores = new Map<number, { score: number; weight: number; matched: number }>();
  for (const t of terms) {
    const p = index.postings.get(t);
    if (!p) continue;
    const w = weights.get(t) ?? 0;
    for (const [doc, tf] of p) {
      const len = index.lengths[doc] ?? 0;
      const s = (w * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * len) / (index.avgLength || 1)));
      const cur = scores.get(doc) ?? { score: 0, weight: 0, matched: 0 };
      cur.score += s;
      cur.weight += w;
      cur.matched += 1;
      scores.set(doc, cur);
    }
  }
  const hits: FallbackHit[] = [];
  for (const [doc, s] of scores) {
    const ref = index.docs[doc];
    if (!ref) continue;
    const coverage = totalWeight > 0 ? s.weight / totalWeight : 0;
    if (coverage < MIN_COVERAGE || s.matched < MIN_MATCHED) continue;
    hits.push({ doc: ref, score: s.score, coverage, matched: s.matched });
  }
  // A sentence holding more of the question outranks a shorter one holding less; BM25 orders the rest.
  hits.sort((a, b) => b.coverage - a.coverage || b.score - a.score);
  const top = hits[0];
  if (!top) return [];
  return hits.filter((h) => h.coverage >= top.coverage - 0.05 && h.score >= top.score * 0.8).slice(0, limit);
}
