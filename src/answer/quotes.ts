// Quotes by a speaker, optionally about a topic or to an addressee, ranked by word overlap.
import type { Quote, Source } from '../facts/schema.js';
import { toSource, type AnswerIndex } from './build.js';
import { contentStems } from './text.js';

export interface ScoredQuote {
  quote: Quote;
  score: number;
}

interface QuoteStems {
  addressee: Set<string>;
  text: Set<string>;
  sentence: Set<string>;
}

function stemsOf(quote: Quote): QuoteStems {
  return {
    addressee: new Set(contentStems(quote.addressee ?? '')),
    text: new Set(contentStems(quote.text)),
    // The sentence around the quote often names the topic ("denounced Norland ..., saying ...").
    sentence: new Set(contentStems(quote.evidence.text)),
  };
}

/** Overlap of the topic's content words with a quote: addressee counts triple, the quote's own words once. */
export function scoreQuote(quote: Quote, topic: string): number {
  const want = new Set(contentStems(topic));
  if (want.size === 0) return 0;
  return scoreStems(want, stemsOf(quote));
}

function scoreStems(want: Set<string>, { addressee, text, sentence }: QuoteStems): number {
  let score = 0;
  let hit = 0;
  for (const t of want) {
    let found = false;
    if (addressee.has(t)) {
      score += 3;
      found = true;
    }
    if (text.has(t)) {
      score += 1;
      found = true;
    } else if (sentence.has(t)) {
      score += 0.5;
      found = true;
    }
    if (found) hit += 1;
  }
  // Most of the topic's words must be there ("the military" -> "military"; "his family" -> "family").
  return hit / want.size >= 0.5 ? score : 0;
}

function bySpeaker(index: AnswerIndex, personId: string): Quote[] {
  return index.quotesBySpeaker.get(personId) ?? [];
}

/** A speaker's quotes in article order; with `about`, only those matching it, best first. */
export function quotesBy(index: AnswerIndex, personId: string, about?: string): Array<{ quote: Quote; source: Source }> {
  const all = bySpeaker(index, personId);
  const topic = typeof about === 'string' ? about.slice(0, 300).trim() : '';
  const list =
    topic === ''
      ? all
      : all
          .map((quote) => ({ quote, score: scoreQuote(quote, topic) }))
          .filter((s) => s.score > 0)
          .sort((a, b) => b.score - a.score)
          // Weak matches (only the surrounding sentence names the topic) give way to strong ones.
          .filter((s, _i, all) => s.score >= (all[0]?.score ?? 0) / 2)
          .map((s) => s.quote);
  return list.map((quote) => ({ quote, source: toSource(index, quote.evidence) }));
}

/**
 * For each stem, the quotes holding it (position in the table x 8) with where it stands (+4 addressee, +2 the
 * quote, +1 the sentence around it): enough to score any topic without reading the quotes again.
 */
const quoteIndexes = new WeakMap<AnswerIndex, Map<string, number[]>>();

function quotesByStem(index: AnswerIndex): Map<string, number[]> {
  let byStem = quoteIndexes.get(index);
  if (!byStem) {
    byStem = new Map();
    for (const [i, quote] of index.table.quotes.entries()) {
      const { addressee, text, sentence } = stemsOf(quote);
      for (const t of new Set([...addressee, ...text, ...sentence])) {
        const code = i * 8 + (addressee.has(t) ? 4 : 0) + (text.has(t) ? 2 : 0) + (sentence.has(t) ? 1 : 0);
        const list = byStem.get(t);
        if (list) list.push(code);
        else byStem.set(t, [code]);
      }
    }
    quoteIndexes.set(index, byStem);
  }
  return byStem;
}

/** Quotes of anyone matching a topic (for "who said ..."), best first, only strong matches. */
export function quotesAbout(index: AnswerIndex, topic: string): ScoredQuote[] {
  const stems = contentStems(topic);
  const want = stems.length;
  if (want < 2) return [];
  // scoreQuote from the stem index: only quotes holding some word of the topic can score.
  const wanted = new Set(stems);
  const byStem = quotesByStem(index);
  const totals = new Map<number, { score: number; hit: number }>();
  for (const t of wanted) {
    for (const code of byStem.get(t) ?? []) {
      const i = Math.floor(code / 8);
      const where = code % 8;
      const cur = totals.get(i) ?? { score: 0, hit: 0 };
      if (where & 4) cur.score += 3;
      if (where & 2) cur.score += 1;
      else if (where & 1) cur.score += 0.5;
      cur.hit += 1;
      totals.set(i, cur);
    }
  }
  const scored = [...totals.keys()]
    .sort((a, b) => a - b)
    .map((i) => {
      const t = totals.get(i)!;
      return { quote: index.table.quotes[i]!, score: t.hit / wanted.size >= 0.5 ? t.score : 0 };
    })
    .filter((s) => s.score >= Math.ceil(want * 0.6))
    .sort((a, b) => b.score - a.score);
  const top = scored[0];
  return top ? scored.filter((s) => s.score === top.score).slice(0, 3) : [];
}
