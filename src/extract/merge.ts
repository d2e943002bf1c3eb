// Stage: merge. One person per real person across articles: spellings that differ by a doubled letter,
// a trailing vowel, "al-" or a typo ("Hussameddin" / "Husameddine", "Bashar Assad" / "Bashar al-Assad") are
// clustered with fuse.js, but different given names with one surname stay apart ("Hafez al-Assad").
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

function similar(a: string, b: string, fuse: Fuse<string>): boolean {
  if (a === b) return true;
  return fuse.search(a).some((r) => r.item === b && (r.score ?? 1) <= 0.25);
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
  const parts = [...new Set([...keys.values()].flatMap((k) => k.split(' ')))];
  const fuse = new Fuse(parts, { includeScore: true, threshold: 0.3, ignoreLocation: true });
  const parent = new Map(names.map((n) => [n, n]));
  const find = (n: string): string => {
    let p = parent.get(n)!;
    while (p !== parent.get(p)) p = parent.get(p)!;
    return p;
  };
  const full = names.filter((n) => keys.get(n)!.includes(' '));
  for (let i = 0; i < full.length; i++) {
    for (let j = i + 1; j < full.length; j++) {
      const a = keys.get(full[i]!)!;
      const b = keys.get(full[j]!)!;
      if (similar(family(a), family(b), fuse) && similar(given(a)!, given(b)!, fuse)) parent.set(find(full[j]!), find(full[i]!));
    }
  }
  for (const n of names) {
    const k = keys.get(n)!;
    if (k.includes(' ')) continue;
    // A lone surname joins the most-mentioned full-name cluster with that surname.
    const options = full.filter((f) => similar(family(keys.get(f)!), k, fuse));
    const roots = [...new Set(options.map(find))];
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
