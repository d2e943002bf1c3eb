// Stage: merge. One person per real person across articles: spellings that differ by a doubled letter,
// a trailing vowel, "al-" or a typo ("Husseini" / "Huseiny", "Omar Zein" / "Omar al-Zein") are
// clustered with fuse.js, but different given names with one surname stay apart ("Jan Horak" and "Milan Horak").
import Fuse from 'fuse.js';
import type { Mention } from './people.js';

/** Spelling-insensitive key: lower case, no accents, no "al-", doubled letters folded, final vowel dropped. */
export function nameKey(name: string): string {
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

const given = (key: string) => (key.includes(' ') ? key.split(' ')[0]! : null);
const family = (key: string) => key.split(' ').at(-1)!;

/**
 * For every name part, the parts spelled alike. Parts are compared only within a block of the same first
 * letter (a spelling variant rarely changes it), so the cost grows with the corpus, not its square.
 */
function neighbours(parts: string[]): Map<string, Set<string>> {
  const blocks = new Map<string, string[]>();
  for (const p of parts) blocks.set(p[0] ?? '', [...(blocks.get(p[0] ?? '') ?? []), p]);
  const out = new Map<string, Set<string>>();
  for (const block of blocks.values()) {
    const fuse = new Fuse(block, { includeScore: true, threshold: 0.3, ignoreLocation: true });
    for (const p of block) {
      const near = new Set([p]);
      if (block.length > 1) for (const r of fuse.search(p)) if ((r.score ?? 1) <= 0.25 && Math.abs(r.item.length - p.length) <= 2) near.add(r.item);
      out.set(p, near);
    }
  }
  return out;
}

/**
 * Maps every entity name to its canonical name. Full names cluster when surname and given name match
 * (fuzzily); a surname-only entity joins the cluster of a full name with that surname.
 */
export function clusterEntities(mentions: Mention[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const m of mentions) counts.set(m.entity, (counts.get(m.entity) ?? 0) + 1);
  const names = [...counts.keys()];
  const keys = new Map(names.map((n) => [n, nameKey(n)]));
  const near = neighbours([...new Set([...keys.values()].flatMap((k) => k.split(' ')))]);
  const alike = (a: string, b: string) => a === b || (near.get(a)?.has(b) ?? false);
  const parent = new Map(names.map((n) => [n, n]));
  const find = (n: string): string => {
    let p = parent.get(n)!;
    while (p !== parent.get(p)) p = parent.get(p)!;
    return p;
  };
  const full = names.filter((n) => keys.get(n)!.includes(' '));
  const fullByFamily = new Map<string, string[]>();
  for (const f of full) fullByFamily.set(family(keys.get(f)!), [...(fullByFamily.get(family(keys.get(f)!)) ?? []), f]);
  const withFamilyLike = (part: string) => [...(near.get(part) ?? [part])].flatMap((p) => fullByFamily.get(p) ?? []);
  for (const a of full) {
    const ka = keys.get(a)!;
    for (const b of withFamilyLike(family(ka))) {
      if (b === a) continue;
      if (alike(given(ka)!, given(keys.get(b)!)!)) parent.set(find(b), find(a));
    }
  }
  for (const n of names) {
    const k = keys.get(n)!;
    if (k.includes(' ')) continue;
    // A lone surname joins the most-mentioned full-name cluster with that surname.
    const roots = [...new Set(withFamilyLike(k).map(find))];
    const best = roots.sort((x, y) => (counts.get(y) ?? 0) - (counts.get(x) ?? 0))[0];
    if (best) parent.set(find(n), best);
  }
  // Canonical name of a cluster: its most-mentioned full form, longest on ties.
  const members = new Map<string, string[]>();
  for (const n of names) members.set(find(n), [...(members.get(find(n)) ?? []), n]);
  const canonical = new Map<string, string>();
  for (const group of members.values()) {
    const best = [...group].sort((a, b) => Number(b.includes(' ')) - Number(a.includes(' ')) || (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || b.length - a.length)[0]!;
    for (const n of group) canonical.set(n, best);
  }
  return canonical;
}

export function slug(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/['’]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'person';
}
