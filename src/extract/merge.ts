// Stage: merge. One person per real person across articles: spellings that differ by a doubled letter,
// a trailing vowel, "al-" or a typo ("Husseini" / "Huseiny", "Omar Zein" / "Omar al-Zein") are
// clustered with fuse.js, but different given names with one surname stay apart ("Jan Horak" and "Milan Horak").
import Fuse from 'fuse.js';
import { appendTo, getOrMake } from './collections.js';
import type { Mention } from './people.js';
import { runSteps, type Steps } from './steps.js';

/** Keys already worked out: a refresh asks again for every name of the corpus. Cleared when it grows large. */
const keyMemo = new Map<string, string>();

/** Spelling-insensitive key: lower case, no accents, no "al-", doubled letters folded, final vowel dropped. */
export function nameKey(name: string): string {
  let key = keyMemo.get(name);
  if (key === undefined) {
    if (keyMemo.size >= 500_000) keyMemo.clear();
    key = computeNameKey(name);
    keyMemo.set(name, key);
  }
  return key;
}

function computeNameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[\s-]+/)
    .filter((w) => w && !/^(al|el|bin|ibn|abu|ul|ad|as|ash|at|az)$/.test(w))
    .map((w) => w.replace(/(.)\1+/g, '$1').replace(/(?<=..)[aeiouy]$/, '').replace(/ou/g, 'u').replace(/ee/g, 'i'))
    .join(' ');
}

const given = (key: string) => (key.includes(' ') ? key.slice(0, key.indexOf(' ')) : null);
const family = (key: string) => key.slice(key.lastIndexOf(' ') + 1);

/** A spelling variant: fuse.js scores it at most this (errors per letter of the part), within this many letters. */
const MAX_SCORE = 0.25;
const MAX_LENGTH_DIFFERENCE = 2;

const letterPairs = (part: string): Set<string> => {
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < part.length; i++) pairs.add(part.slice(i, i + 2));
  return pairs;
};

/** Letter counts of a part, reused between calls (cleared after each). */
const letterCounts = new Int32Array(0x10000);

/** How many letters of `part` (counted with repeats) `other` lacks: each is an error any match must make. */
function lettersMissing(part: string, other: string): number {
  for (let i = 0; i < other.length; i++) letterCounts[other.charCodeAt(i)]!++;
  let missing = 0;
  for (let i = 0; i < part.length; i++) if (--letterCounts[part.charCodeAt(i)]! < 0) missing++;
  for (let i = 0; i < part.length; i++) letterCounts[part.charCodeAt(i)] = 0;
  for (let i = 0; i < other.length; i++) letterCounts[other.charCodeAt(i)] = 0;
  return missing;
}

const FUSE_OPTIONS = { includeScore: true, threshold: 0.3, ignoreLocation: true };

/** The parts among `items` that fuse.js finds within MAX_SCORE of `part`. */
function spelledAlike(part: string, items: string[]): string[] {
  if (items.length === 0) return [];
  return new Fuse(items, FUSE_OPTIONS).search(part).filter((r) => (r.score ?? 1) <= MAX_SCORE).map((r) => r.item);
}

/** Errors fuse.js may find between `part` and another part for the pair to count as alike. */
const allowedErrors = (part: string) => Math.floor(part.length * MAX_SCORE);

/** Parts by first letter and length: the only ones a part is compared with. */
function byShape(parts: Iterable<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of parts) appendTo(out, `${p[0] ?? ''}${p.length}`, p);
  return out;
}

/** Parts of the same first letter within MAX_LENGTH_DIFFERENCE letters of `part`. */
function sameShape(shapes: Map<string, string[]>, part: string): string[] {
  const out: string[] = [];
  for (let length = part.length - MAX_LENGTH_DIFFERENCE; length <= part.length + MAX_LENGTH_DIFFERENCE; length++) out.push(...(shapes.get(`${part[0] ?? ''}${length}`) ?? []));
  return out;
}

/**
 * For every name part, the parts spelled alike (fuse.js within MAX_SCORE), among parts of the same first letter
 * (a spelling variant rarely changes it). fuse.js scores a pair on its own, so only possible pairs are scored:
 * a part within k = MAX_SCORE x its length errors of another keeps all but 2k of its distinct letter pairs
 * (each error breaks at most two) and lacks at most k of its letters, so parts failing either are skipped
 * without changing the result. That keeps the cost near linear in the corpus, not quadratic in each block.
 */
export function neighbours(parts: string[]): Map<string, Set<string>> {
  return runSteps(neighbourSteps(parts));
}

/** neighbours() as steps: one per name part. */
export function* neighbourSteps(parts: string[]): Steps<Map<string, Set<string>>> {
  const unique = [...new Set(parts)];
  const pairsOf = unique.map(letterPairs);
  // Posting lists by first letter, length and letter pair.
  const withPair = new Map<string, number[]>();
  unique.forEach((p, i) => {
    for (const pair of pairsOf[i]!) appendTo(withPair, `${p[0] ?? ''}${p.length}${pair}`, i);
  });
  const shapes = byShape(unique);
  const shared = new Int32Array(unique.length);
  const out = new Map<string, Set<string>>();
  for (const [i, p] of unique.entries()) {
    const initial = p[0] ?? '';
    const errors = allowedErrors(p);
    const need = pairsOf[i]!.size - 2 * errors;
    let candidates: string[];
    if (need <= 0) candidates = sameShape(shapes, p);
    else {
      candidates = [];
      for (let length = p.length - MAX_LENGTH_DIFFERENCE; length <= p.length + MAX_LENGTH_DIFFERENCE; length++) {
        const touched: number[] = [];
        for (const pair of pairsOf[i]!) {
          for (const j of withPair.get(`${initial}${length}${pair}`) ?? []) {
            if (shared[j] === 0) touched.push(j);
            shared[j]!++;
          }
        }
        for (const j of touched) {
          if (shared[j]! >= need) candidates.push(unique[j]!);
          shared[j] = 0;
        }
      }
    }
    const items = candidates.filter((q) => q !== p && lettersMissing(p, q) <= errors);
    out.set(p, new Set([p, ...spelledAlike(p, items)]));
    yield;
  }
  return out;
}

/**
 * The same as neighbours(parts), reusing the answer for an earlier set of parts: only pairs with a new part
 * are scored, so a refresh that adds a few names costs a few comparisons, not the whole corpus again.
 */
export function updateNeighbours(parts: string[], previous: ReadonlyMap<string, ReadonlySet<string>>): Map<string, Set<string>> {
  const current = new Set(parts);
  const added = [...current].filter((p) => !previous.has(p));
  const isAdded = new Set(added);
  const removed = new Set([...previous.keys()].filter((p) => !current.has(p)));
  // A previous set is shared while it does not change, and copied before it does: the previous state stays as
  // it was (for a refresh that fails), and a set that is the previous one is known to be unchanged (which
  // clustering relies on to redo only the names a change can reach).
  const out = new Map<string, ReadonlySet<string>>();
  const copied = new Set<string>();
  for (const p of current) {
    const before = previous.get(p);
    if (!before) continue;
    if (removed.size > 0 && [...before].some((q) => removed.has(q))) {
      out.set(p, new Set([...before].filter((q) => !removed.has(q))));
      copied.add(p);
    } else out.set(p, before);
  }
  const grow = (p: string, q: string) => {
    const set = out.get(p)!;
    if (copied.has(p)) (set as Set<string>).add(q);
    else {
      copied.add(p);
      out.set(p, new Set([...set, q]));
    }
  };
  if (added.length > 0) {
    const shapes = byShape(current);
    for (const n of added) {
      const near = new Set([n]);
      for (const q of sameShape(shapes, n)) {
        if (q === n) continue;
        // n's side: is q within n's errors? q's side (an older part): is n within q's?
        if (lettersMissing(n, q) <= allowedErrors(n) && spelledAlike(n, [q]).length > 0) near.add(q);
        // (A pair of new parts is scored from both sides as each is reached.)
        if (!isAdded.has(q) && lettersMissing(q, n) <= allowedErrors(q) && spelledAlike(q, [n]).length > 0) grow(q, n);
      }
      out.set(n, near);
    }
  }
  return out as Map<string, Set<string>>;
}

/** The name parts (spelling keys split into words) of a set of entity names. */
export function namePartsOf(names: Iterable<string>): string[] {
  const parts = new Set<string>();
  for (const name of new Set(names)) for (const part of nameKey(name).split(' ')) parts.add(part);
  return [...parts];
}

/** Mention counts by entity name, in the order of each name's first mention. */
export function mentionCounts(mentions: readonly Mention[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of mentions) counts.set(m.entity, (counts.get(m.entity) ?? 0) + 1);
  return counts;
}

/**
 * Maps every entity name to its canonical name. Full names cluster when surname and given name match
 * (fuzzily); a surname-only entity joins the cluster of a full name with that surname. `near` is the spelling
 * neighbours of the names' parts: neighbours(namePartsOf(names)), or its update.
 */
export function clusterEntities(mentions: Mention[], near: ReadonlyMap<string, ReadonlySet<string>>): Map<string, string> {
  return runSteps(clusterNamesSteps(mentionCounts(mentions), near));
}

/** A clustering, with what the next one reuses: the names (in order of first mention), their counts, and `near`. */
export interface Clusters {
  counts: ReadonlyMap<string, number>;
  near: ReadonlyMap<string, ReadonlySet<string>>;
  canonical: ReadonlyMap<string, string>;
}

/**
 * clusterEntities() for names with their mention counts (mentionCounts), as steps, reusing `previous`: only
 * the blocks of names a change can reach are clustered again, the others keep their canonical names.
 *
 * A block is the names whose surnames (last part of the spelling key) are connected through spelling
 * neighbours, either way. Everything clustering reads of a name stays inside its block: the full names it
 * joins have a surname alike its own, a lone surname's candidates too, and the order and counts it compares
 * are of the block's names. So clustering a block alone gives what clustering everything gives, and a
 * block whose names, counts, order and neighbour sets are as they were keeps its previous answer.
 */
export function* clusterSteps(counts: ReadonlyMap<string, number>, near: ReadonlyMap<string, ReadonlySet<string>>, previous: Clusters | null = null): Steps<Clusters> {
  const names = [...counts.keys()];
  const redo = previous ? namesToRedo(names, counts, near, previous) : null;
  if (!redo) return { counts, near, canonical: yield* clusterNamesSteps(counts, near) };
  const fresh = yield* clusterNamesSteps(new Map(redo.map((n) => [n, counts.get(n)!])), near);
  const canonical = new Map<string, string>();
  for (const n of names) canonical.set(n, fresh.get(n) ?? previous!.canonical.get(n)!);
  return { counts, near, canonical };
}

const familyPart = (name: string) => family(nameKey(name));

/**
 * The names (in order) whose blocks changed since `previous`, or null when all must be clustered again
 * (names that stay swapped their order of first mention).
 */
function namesToRedo(names: string[], counts: ReadonlyMap<string, number>, near: ReadonlyMap<string, ReadonlySet<string>>, previous: Clusters): string[] | null {
  // Where a block may have changed: the surnames of names added, removed or re-counted; parts whose
  // neighbours changed (a set not shared with the previous answer: it gained a new part, whose names are
  // new, or lost a part gone, whose names are removed); and the old neighbours of parts gone, which the
  // search below cannot reach through them. A name whose given name gained or lost a neighbour is not
  // seeded itself: the pairs that changed are with a new or removed name, which is.
  const seeds = new Set<string>();
  const families = names.map(familyPart);
  // The names that stay, checked against their previous order as they go (previous names skipped over are gone).
  const before = [...previous.counts.keys()];
  let j = 0;
  for (const [i, n] of names.entries()) {
    const was = previous.counts.get(n);
    if (was === undefined) {
      seeds.add(families[i]!);
      continue;
    }
    while (!counts.has(before[j]!)) seeds.add(familyPart(before[j++]!));
    if (before[j++] !== n) return null;
    if (was !== counts.get(n)) seeds.add(families[i]!);
  }
  for (; j < before.length; j++) seeds.add(familyPart(before[j]!));
  near.forEach((set, p) => {
    if (set !== previous.near.get(p)) seeds.add(p);
  });
  previous.near.forEach((old, p) => {
    if (!near.has(p)) old.forEach((q) => seeds.add(q));
  });
  if (seeds.size === 0) return [];
  // The blocks of those parts: surnames connected through neighbour sets, either way. A part that is no
  // one's surname (a given name only) joins no blocks, so the search goes on only through surnames (and
  // through the seeds, which may be surnames that are gone).
  const surnames = new Set(families);
  const reverse = new Map<string, string[]>();
  near.forEach((set, p) => {
    if (set.size > 1) set.forEach((q) => q !== p && appendTo(reverse, q, p));
  });
  const block = new Set(seeds);
  const queue = [...seeds];
  const visit = (q: string) => {
    if (block.has(q)) return;
    block.add(q);
    queue.push(q);
  };
  while (queue.length > 0) {
    const p = queue.pop()!;
    if (!surnames.has(p) && !seeds.has(p)) continue;
    near.get(p)?.forEach(visit);
    reverse.get(p)?.forEach(visit);
  }
  return names.filter((_, i) => block.has(families[i]!));
}

/** Every name's canonical name, from the names with their counts (in order of first mention), as steps: one per 64 names in each pass. */
function* clusterNamesSteps(counts: ReadonlyMap<string, number>, near: ReadonlyMap<string, ReadonlySet<string>>): Steps<Map<string, string>> {
  const names = [...counts.keys()];
  const keys = new Map(names.map((n) => [n, nameKey(n)]));
  const alike = (a: string, b: string) => a === b || (near.get(a)?.has(b) ?? false);
  const parent = new Map(names.map((n) => [n, n]));
  const find = (n: string): string => {
    let p = parent.get(n)!;
    while (p !== parent.get(p)) p = parent.get(p)!;
    return p;
  };
  const full = names.filter((n) => keys.get(n)!.includes(' '));
  const fullByFamily = new Map<string, string[]>();
  for (const f of full) appendTo(fullByFamily, family(keys.get(f)!), f);
  // Sorted, so the clusters do not depend on the order in which the spelling neighbours were found.
  const familyLike = new Map<string, string[]>();
  const withFamilyLike = (part: string) =>
    getOrMake(familyLike, part, () => {
      const alikeParts = near.get(part);
      const found: string[] = [];
      for (const p of alikeParts && alikeParts.size > 1 ? [...alikeParts].sort() : [part]) {
        const names = fullByFamily.get(p);
        if (names) for (const n of names) found.push(n);
      }
      return found;
    });
  const givenOf = new Map(full.map((f) => [f, given(keys.get(f)!)!]));
  let step = 0;
  for (const a of full) {
    if ((++step & 63) === 0) yield;
    const ka = keys.get(a)!;
    for (const b of withFamilyLike(family(ka))) {
      if (b === a) continue;
      if (alike(givenOf.get(a)!, givenOf.get(b)!)) parent.set(find(b), find(a));
    }
  }
  for (const n of names) {
    const k = keys.get(n)!;
    if (k.includes(' ')) continue;
    if ((++step & 63) === 0) yield;
    // A lone surname joins the most-mentioned full-name cluster with that surname.
    const roots = [...new Set(withFamilyLike(k).map(find))];
    const best = roots.sort((x, y) => (counts.get(y) ?? 0) - (counts.get(x) ?? 0))[0];
    if (best) parent.set(find(n), best);
  }
  // Canonical name of a cluster: its most-mentioned full form, longest on ties.
  const members = new Map<string, string[]>();
  for (const n of names) appendTo(members, find(n), n);
  const canonical = new Map<string, string>();
  for (const group of members.values()) {
    const best = [...group].sort((a, b) => Number(b.includes(' ')) - Number(a.includes(' ')) || (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || b.length - a.length)[0]!;
    for (const n of group) canonical.set(n, best);
  }
  return canonical;
}

/** Slugs already worked out (a refresh asks again for every person), cleared when it grows large. */
const slugMemo = new Map<string, string>();

export function slug(name: string): string {
  return getOrMake(slugMemo, name, () => {
    if (slugMemo.size >= 500_000) slugMemo.clear();
    return computeSlug(name);
  });
}

function computeSlug(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/['’]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'person';
}
