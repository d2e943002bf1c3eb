// Spelling keys for typo-tolerant name search, so a misspelt or unknown name costs about the same at ten
// thousand articles as at ten. Two structures, both exact shortcuts (they never change a result):
// - TokenIndex: every known name word by its spelling skeleton, and by the skeleton's first letter and length,
//   so the words a typed word may be a typo of are found without comparing it with every person's words.
// - mayFuseMatch: a lower bound on how many edits fuse.js needs (Myers' bit-vector edit distance), so the
//   "did you mean" search runs fuse.js only on names it could return.
import { nameTokenSimilarity, skeleton } from './text.js';

/** The set of letters a-z in a word, as bits: a cheap lower bound on how far two spellings are apart. */
export function letterSet(word: string): number {
  let bits = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i) - 97;
    if (c >= 0 && c < 26) bits |= 1 << c;
  }
  return bits;
}

function bitCount(n: number): number {
  let count = 0;
  for (let v = n >>> 0; v; v &= v - 1) count++;
  return count;
}

export interface KnownToken {
  token: string;
  skeleton: string;
  letters: number;
}

export function knownToken(token: string): KnownToken {
  const s = skeleton(token);
  return { token, skeleton: s, letters: letterSet(s) };
}

/**
 * How well a typed name word matches a known one (0..1, 0 when it cannot be a typo of it). One edit changes
 * at most two letters of the letter set, and the similarity allows at most two edits: the set test is a
 * cheap first cut.
 */
export function tokenScore(typed: string, typedSkeleton: string, typedLetters: number, known: KnownToken): number {
  if (known.token !== typed && bitCount(known.letters ^ typedLetters) > 4) return 0;
  return nameTokenSimilarity(typed, known.token, typedSkeleton, known.skeleton);
}

/** Known name words, findable by the typed words they could be a typo of. */
export class TokenIndex {
  private readonly byToken = new Map<string, KnownToken>();
  private readonly bySkeleton = new Map<string, KnownToken[]>();
  /** Skeletons of four letters or more by first letter and length ("k6" for "karimi"). */
  private readonly byBucket = new Map<string, KnownToken[]>();

  constructor(tokens: Iterable<string>) {
    for (const token of tokens) {
      if (this.byToken.has(token)) continue;
      const k = knownToken(token);
      this.byToken.set(token, k);
      push(this.bySkeleton, k.skeleton, k);
      if (k.skeleton.length >= 4) push(this.byBucket, `${k.skeleton.charAt(0)}${k.skeleton.length}`, k);
    }
  }

  /**
   * Every known word whose tokenScore against `typed` is above 0, with that score. A non-zero score needs the
   * same word, the same skeleton, or skeletons of 4+ letters with the same first letter at most two edits
   * (so at most two letters of length) apart: only those buckets are compared.
   */
  matches(typed: string): Array<{ known: KnownToken; score: number }> {
    const s = skeleton(typed);
    const letters = letterSet(s);
    const seen = new Set<KnownToken>();
    const out: Array<{ known: KnownToken; score: number }> = [];
    const consider = (k: KnownToken | undefined): void => {
      if (!k || seen.has(k)) return;
      seen.add(k);
      const score = tokenScore(typed, s, letters, k);
      if (score > 0) out.push({ known: k, score });
    };
    consider(this.byToken.get(typed));
    for (const k of this.bySkeleton.get(s) ?? []) consider(k);
    if (s.length >= 4) {
      for (let len = Math.max(4, s.length - 2); len <= s.length + 2; len++) {
        for (const k of this.byBucket.get(`${s.charAt(0)}${len}`) ?? []) consider(k);
      }
    }
    return out;
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/**
 * The fewest edits (insert, delete, substitute) that turn `pattern` into some substring of `text`, by UTF-16
 * unit: Myers' bit-parallel algorithm, one pass over the text. `pattern` has 1 to 32 units.
 */
export function substringDistance(pattern: string, text: string): number {
  return compilePattern(pattern)(text, -1);
}

/** A pattern's bit masks, compiled once: text -> fewest edits to a substring, or more than `max` (it stops there). */
function compilePattern(pattern: string): (text: string, max: number) => number {
  const m = pattern.length;
  if (m === 0 || m > 32) throw new RangeError('substringDistance: the pattern must have 1 to 32 units');
  const ascii = new Int32Array(128);
  const other = new Map<number, number>();
  for (let i = 0; i < m; i++) {
    const c = pattern.charCodeAt(i);
    if (c < 128) ascii[c]! |= 1 << i;
    else other.set(c, (other.get(c) ?? 0) | (1 << i));
  }
  const high = 1 << (m - 1);
  return (text, max) => {
    let pv = -1;
    let mv = 0;
    let score = m;
    let best = m;
    for (let j = 0; j < text.length; j++) {
      const c = text.charCodeAt(j);
      const eq = c < 128 ? ascii[c]! : (other.get(c) ?? 0);
      const xv = eq | mv;
      const xh = (((eq & pv) + pv) ^ pv) | eq;
      let ph = mv | ~(xh | pv);
      let mh = pv & xh;
      if (ph & high) score++;
      else if (mh & high) score--;
      // A match may start anywhere in the text: no carry into the first row.
      ph <<= 1;
      mh <<= 1;
      pv = mh | ~(xv | ph);
      mv = ph & xv;
      if (score < best) {
        best = score;
        if (best <= max) return best;
      }
    }
    return best;
  };
}

/** The fuse.js threshold of the "did you mean" and autocomplete searches (a score of 0 is a perfect match). */
export const FUSE_THRESHOLD = 0.4;
/** fuse.js splits longer patterns into chunks of this many units. */
const FUSE_MAX_BITS = 32;
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * A test that is false only when fuse.js (default location and distance, this threshold) cannot match
 * `pattern` in a text: its bitap search reports a match with e errors only where some substring of the text
 * is e edits away, and scores it at least e / length, so a match needs a substring within threshold x length
 * edits (of some 32-unit chunk, for a longer pattern). Text fuse.js would fold (case, accents) is never
 * ruled out.
 */
export function fuseCut(pattern: string): (text: string) => boolean {
  // fuse.js returns every item for a blank query.
  if (pattern.trim() === '' || NON_ASCII.test(pattern)) return () => true;
  const p = pattern.toLowerCase();
  const chunks: string[] = [];
  if (p.length <= FUSE_MAX_BITS) chunks.push(p);
  else {
    const end = p.length - (p.length % FUSE_MAX_BITS);
    for (let i = 0; i < end; i += FUSE_MAX_BITS) chunks.push(p.slice(i, i + FUSE_MAX_BITS));
    if (p.length % FUSE_MAX_BITS) chunks.push(p.slice(p.length - FUSE_MAX_BITS));
  }
  const tests = chunks.map((c) => ({ distance: compilePattern(c), max: maxErrors(c.length) }));
  return (text) => {
    if (text === pattern || NON_ASCII.test(text)) return true;
    const t = text.toLowerCase();
    return tests.some(({ distance, max }) => distance(t, max) <= max);
  };
}

export function mayFuseMatch(pattern: string, text: string): boolean {
  return fuseCut(pattern)(text);
}

/** The most errors fuse.js accepts in a chunk of this length: its score is at least errors / length. */
function maxErrors(length: number): number {
  let k = 0;
  while (k + 1 < length && (k + 1) / length <= FUSE_THRESHOLD) k++;
  return k;
}
