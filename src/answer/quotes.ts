// Quotes by a speaker, optionally about a topic or to an addressee, ranked by word overlap.
import type { Quote, Source } from '../facts/schema.js';
import { toSource, type AnswerIndex } from './build.js';
import { contentStems } from './text.js';

export interface ScoredQuote {
  quote: Quote;
  score: number;
}

/** Overlap of the topic's content words with a quote: addressee counts triple, the quote's own words once. */
export function scoreQuote(quote: Quote, topic: string): number {
  const want = new Set(contentStems(topic));
  if (want.size === 0) return 0;
  const addressee = new Set(contentStems(quote.addressee ?? ''));
  const text = new Set(contentStems(quote.text));
  // The sentence around the quote often names the topic ("denounced Russia ..., saying ...").
  const sentence = new Set(contentStems(quote.evidence.text));
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

/** Quotes of anyone matching a topic (for "who said ..."), best first, only strong matches. */
export function quotesAbout(index: AnswerIndex, topic: string): ScoredQuote[] {
  const want = contentStems(topic).length;
  if (want < 2) return [];
  const scored = index.table.quotes
    .map((quote) => ({ quote, score: scoreQuote(quote, topic) }))
    .filter((s) => s.score >= Math.ceil(want * 0.6))
    .sort((a, b) => b.score - a.score);
  const top = scored[0];
  return top ? scored.filter((s) => s.score === top.score).slice(0, 3) : [];
}
