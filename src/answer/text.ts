// Text helpers shared by the answer engine: normalisation, tokens, stop words, a light stemmer and a
// bounded edit distance. Generic English only; nothing here knows any article.

/** Lower case, accents stripped, curly quotes folded, possessive 's dropped, punctuation to spaces. */
export function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/'s\b/g, '')
    .replace(/'/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function tokens(text: string): string[] {
  const n = normalize(text);
  return n === '' ? [] : n.split(' ');
}

export const STOP = new Set(
  (
    'a an the of to in on at by for from with about into onto over under and or but nor so as than then that this these those ' +
    'is are was were be been being am do does did done doing has have had having will would shall should can could may might must ' +
    'i me my we us our you your he him his she her hers it its they them their there here ' +
    'what which who whom whose when where why how whether if not no yes any all some each every ' +
    'please tell me know let show give find just also ever really very much many more most ' +
    'one ones thing things something anything nothing someone anyone stuff way'
  ).split(' '),
);

/** Honorifics and ranks that precede a name and are not part of it. */
export const TITLES = new Set(
  (
    'mr mrs ms miss dr prof professor sir dame lord lady sheikh shaikh imam brig brigadier gen general lt col colonel maj major ' +
    'capt captain sgt cmdr admiral president premier engineer eng judge justice senator rep minister ' +
    'pm mp ambassador envoy deputy chief commander spokesman spokeswoman secretary governor mayor'
  ).split(' '),
);

/** Name particles that may or may not be written ("al-Haddad" / "Haddad"). */
export const PARTICLES = new Set('al el ad as ash at az ar an bin ben ibn abu bint de da di del della van von der le la'.split(' '));

/** Light suffix stripper, good enough to match "defected"/"defection"/"defect", "guns"/"gun". */
export function stem(token: string): string {
  let t = token;
  if (t.length <= 3) return t;
  for (const suf of ['ations', 'ation', 'ions', 'ion', 'ings', 'ing', 'ied', 'ies', 'ers', 'ed', 'es', 'er', 'ly', 's']) {
    if (t.endsWith(suf) && t.length - suf.length >= 3) {
      t = t.slice(0, t.length - suf.length);
      if (suf === 'ied' || suf === 'ies') t += 'y';
      break;
    }
  }
  if (t.length > 3 && t.endsWith('e')) t = t.slice(0, -1);
  // "defecting" -> "defect", "committed" -> "commit"
  if (t.length > 3 && t[t.length - 1] === t[t.length - 2]) t = t.slice(0, -1);
  return t;
}

/** Content tokens of a text: normalised, stop words removed, stemmed. */
export function contentStems(text: string): string[] {
  return tokens(text)
    .filter((t) => !STOP.has(t))
    .map(stem);
}

/**
 * A spelling skeleton for transliterated names: "Husseini" and "Huseiny" share "huseini".
 * Folds common vowel spellings and doubled letters.
 */
export function skeleton(token: string): string {
  let t = token
    .replace(/ou/g, 'u')
    .replace(/ee/g, 'i')
    .replace(/y/g, 'i')
    .replace(/ph/g, 'f')
    .replace(/q/g, 'k')
    .replace(/(.)\1+/g, '$1');
  if (t.length > 4 && t.endsWith('e')) t = t.slice(0, -1);
  return t;
}

/** Damerau-Levenshtein (optimal string alignment) distance, giving up (returning max+1) above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    let rowMin = Number.MAX_SAFE_INTEGER;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(
        (d[(i - 1) * cols + j] ?? 0) + 1,
        (d[i * cols + j - 1] ?? 0) + 1,
        (d[(i - 1) * cols + j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, (d[(i - 2) * cols + j - 2] ?? 0) + 1);
      }
      d[i * cols + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
  }
  return d[rows * cols - 1] ?? max + 1;
}

/**
 * Similarity (0..1) of a typed name token to a known one, 0 when too far apart to be a typo.
 * Short tokens must match closely; the first letter must agree.
 */
export function nameTokenSimilarity(typed: string, known: string, typedSkeleton?: string, knownSkeleton?: string): number {
  if (typed === known) return 1;
  const a = typedSkeleton ?? skeleton(typed);
  const b = knownSkeleton ?? skeleton(known);
  if (a === b) return 0.95;
  if (a.length < 4 || b.length < 4 || a[0] !== b[0]) return 0;
  const len = Math.max(a.length, b.length);
  const allowed = len <= 5 ? 1 : len <= 8 ? 1 : 2;
  const dist = editDistance(a, b, allowed);
  if (dist > allowed) return 0;
  return 0.9 - (0.25 * dist) / len;
}

/** Capitalise the first letter of a sentence-like string. */
export function capitalize(text: string): string {
  return text.length === 0 ? text : text.charAt(0).toUpperCase() + text.slice(1);
}
