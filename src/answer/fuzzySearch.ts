// fuse.js's fuzzy search as the engine configures it (one string field, threshold FUSE_THRESHOLD, default
// location, distance and field norm), without building a fuse.js collection per query: the names a query
// cannot match are cut first (fuseCut), and for plain-ASCII text the bitap search is fuse.js's own algorithm,
// ported line for line (src/search/bitap/search.ts of fuse.js 7). Anything else goes to fuse.js itself.
// Results are the same items, scores and order as `new Fuse(items, options).search(query, { limit })`.
import Fuse from 'fuse.js';
import { FUSE_THRESHOLD, fuseCut } from './spelling.js';

const MAX_BITS = 32;
const LOCATION = 0;
const DISTANCE = 100;
const NON_ASCII = /[^\x00-\x7f]/;

export interface FuzzyHit<T> {
  item: T;
  score: number;
}

/** fuse.js over `items` by `key(item)`: matches best first (ties in item order), at most `limit`. */
export function fuzzySearch<T>(items: readonly T[], key: (item: T) => string, query: string, limit: number): Array<FuzzyHit<T>> {
  const mayMatch = fuseCut(query);
  const candidates = items.filter((item) => mayMatch(key(item)));
  if (candidates.length === 0) return [];
  if (query.trim() === '' || NON_ASCII.test(query) || candidates.some((c) => NON_ASCII.test(key(c)))) {
    const fuse = new Fuse(candidates.map((item) => ({ item, text: key(item) })), { keys: ['text'], includeScore: true, threshold: FUSE_THRESHOLD, ignoreDiacritics: true });
    return fuse.search(query, { limit }).map((r) => ({ item: r.item.item, score: r.score ?? 0 }));
  }
  const searcher = asciiSearcher(query);
  const hits: Array<FuzzyHit<T> & { idx: number }> = [];
  candidates.forEach((item, idx) => {
    const text = key(item);
    if (text.trim() === '') return;
    const score = searcher(text);
    if (score !== null) hits.push({ item, score: Math.pow(score === 0 ? Number.EPSILON : score, fieldNorm(text)), idx });
  });
  hits.sort((a, b) => (a.score === b.score ? a.idx - b.idx : a.score < b.score ? -1 : 1));
  return (limit > -1 ? hits.slice(0, limit) : hits).map(({ item, score }) => ({ item, score }));
}

/** fuse.js's field norm: 1 / sqrt(number of words), to three decimals. */
function fieldNorm(value: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (!((c >= 9 && c <= 13) || c === 32 || c === 160)) {
      if (!inWord) {
        words++;
        inWord = true;
      }
    } else inWord = false;
  }
  if (words === 0) words = 1;
  return Math.round(1000 / Math.pow(words, 0.5)) / 1000;
}

type Alphabet = Record<string, number>;

function alphabetOf(pattern: string): Alphabet {
  const mask: Alphabet = {};
  for (let i = 0, len = pattern.length; i < len; i += 1) {
    const char = pattern.charAt(i);
    mask[char] = (mask[char] || 0) | (1 << (len - i - 1));
  }
  return mask;
}

/** BitapSearch.searchIn for an ASCII pattern: text -> the match score, or null when it does not match. */
function asciiSearcher(query: string): (text: string) => number | null {
  const pattern = query.toLowerCase();
  const chunks: Array<{ pattern: string; alphabet: Alphabet; startIndex: number }> = [];
  const add = (p: string, startIndex: number): void => {
    chunks.push({ pattern: p, alphabet: alphabetOf(p), startIndex });
  };
  const len = pattern.length;
  if (len > MAX_BITS) {
    let i = 0;
    const remainder = len % MAX_BITS;
    const end = len - remainder;
    while (i < end) {
      add(pattern.substr(i, MAX_BITS), i);
      i += MAX_BITS;
    }
    if (remainder) {
      const startIndex = len - MAX_BITS;
      add(pattern.substr(startIndex), startIndex);
    }
  } else add(pattern, 0);
  return (raw) => {
    const text = raw.toLowerCase();
    if (pattern === text) return text.length < 1 ? null : 0;
    let total = 0;
    let matched = false;
    for (const c of chunks) {
      const r = bitap(text, c.pattern, c.alphabet, LOCATION + c.startIndex);
      if (r.isMatch) matched = true;
      total += r.score;
    }
    return matched ? total / chunks.length : null;
  };
}

/** fuse.js's bitap search (no match indices, findAllMatches off, location penalty on). */
function bitap(text: string, pattern: string, patternAlphabet: Alphabet, location: number): { isMatch: boolean; score: number } {
  const patternLen = pattern.length;
  const textLen = text.length;
  const expectedLocation = Math.max(0, Math.min(location, textLen));
  let currentThreshold = FUSE_THRESHOLD;
  let bestLocation = expectedLocation;
  const calcScore = (errors: number, currentLocation: number): number => errors / patternLen + Math.abs(expectedLocation - currentLocation) / DISTANCE;
  let index;
  while ((index = text.indexOf(pattern, bestLocation)) > -1) {
    const score = calcScore(0, index);
    currentThreshold = Math.min(score, currentThreshold);
    bestLocation = index + patternLen;
  }
  bestLocation = -1;
  let lastBitArr: number[] = [];
  let finalScore = 1;
  let binMax = patternLen + textLen;
  const mask = 1 << (patternLen - 1);
  for (let i = 0; i < patternLen; i += 1) {
    let binMin = 0;
    let binMid = binMax;
    while (binMin < binMid) {
      if (calcScore(i, expectedLocation + binMid) <= currentThreshold) binMin = binMid;
      else binMax = binMid;
      binMid = Math.floor((binMax - binMin) / 2 + binMin);
    }
    binMax = binMid;
    let start = Math.max(1, expectedLocation - binMid + 1);
    const finish = Math.min(expectedLocation + binMid, textLen) + patternLen;
    const bitArr: number[] = Array<number>(finish + 2);
    bitArr[finish + 1] = (1 << i) - 1;
    for (let j = finish; j >= start; j -= 1) {
      const currentLocation = j - 1;
      const charMatch = patternAlphabet[text[currentLocation] as string] as number;
      bitArr[j] = (((bitArr[j + 1] as number) << 1) | 1) & charMatch;
      if (i) bitArr[j] = (bitArr[j] as number) | ((((lastBitArr[j + 1] as number) | (lastBitArr[j] as number)) << 1) | 1 | (lastBitArr[j + 1] as number));
      if ((bitArr[j] as number) & mask) {
        finalScore = calcScore(i, currentLocation);
        if (finalScore <= currentThreshold) {
          currentThreshold = finalScore;
          bestLocation = currentLocation;
          if (bestLocation <= expectedLocation) break;
          start = Math.max(1, 2 * expectedLocation - bestLocation);
        }
      }
    }
    if (calcScore(i + 1, expectedLocation) > currentThreshold) break;
    lastBitArr = bitArr;
  }
  return { isMatch: bestLocation >= 0, score: Math.max(0.001, finalScore) };
}
