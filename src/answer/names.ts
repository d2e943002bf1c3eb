// Person resolution: a user's reference (id, any spelling, lower case, typo, or a role such as
// "the ambassador to iraq") -> one person, or null plus "did you mean" suggestions.
// Order of trust: id, exact alias, all-tokens alias match, role, then per-token typo match with a
// threshold. A name whose words are not all known (e.g. an unknown first name) is never matched.
import Fuse from 'fuse.js';
import type { FactTable, Person } from '../facts/schema.js';
import { nameTokenSimilarity, normalize, PARTICLES, skeleton, STOP, TITLES, tokens } from './text.js';

export interface AliasEntry {
  /** The spelling as seen. */
  name: string;
  /** Normalised spelling, for prefix/substring matching. */
  norm: string;
  /** The words of `norm`, split once. */
  words: string[];
  personId: string;
}

interface RoleEntry {
  tokens: string[];
  /** The title's head noun: "minister" in "deputy oil minister", "ambassador" in "ambassador to iraq". */
  head: string;
  personId: string;
  former: boolean;
  weight: number;
}

function roleHead(title: string): string {
  const words = tokens(title);
  const cut = words.findIndex((w) => ['of', 'to', 'in', 'for', 'at', 'on'].includes(w));
  const before = cut > 0 ? words.slice(0, cut) : words;
  return before[before.length - 1] ?? '';
}

export interface NameIndex {
  people: Map<string, Person>;
  aliases: AliasEntry[];
  /** The same, most prominent people first (autocomplete order). */
  aliasesByProminence: AliasEntry[];
  /** Core (title- and particle-free) alias form -> person ids. */
  exact: Map<string, Set<string>>;
  /** Name token -> person ids having it in some alias. */
  tokenPeople: Map<string, Set<string>>;
  /** Person id -> all its name tokens with their spelling skeletons. */
  personTokens: Map<string, Array<{ token: string; skeleton: string; letters: number }>>;
  roles: RoleEntry[];
  /** Every token of every role title. */
  roleVocab: Set<string>;
  /** Role entries by each of their tokens. */
  rolesByToken: Map<string, RoleEntry[]>;
  /** Person ids by the first letter and length of each of their name tokens ("h5" for "hijab"). */
  peopleByInitial: Map<string, Set<string>>;
  /** How much the table says about a person; breaks ties between equally good matches. */
  prominence: Map<string, number>;
  /** Aliases sorted by normalised spelling, and (word, alias) pairs sorted by word: prefix search by bisection. */
  sortedNorms: AliasEntry[];
  sortedWords: Array<{ word: string; alias: AliasEntry }>;
  /** Position of each alias in aliasesByProminence. */
  aliasRank: Map<AliasEntry, number>;
  /** Aliases by the first two letters of each of their words: the candidate blocks for fuzzy search. */
  aliasBlocks: Map<string, AliasEntry[]>;
  speakers: Set<string>;
}

/** Words dropped from a role before comparing ("the Ruritanian ambassador to Zenda" ~ "ambassador to zenda"). */
const ROLE_NOISE = new Set(['former', 'formerly', 'then', 'current', 'currently', 'late', 'now', 'serving', 'ex']);

/** The name tokens that identify a person: no titles, no particles, no stop words. */
export function coreTokens(text: string): string[] {
  return tokens(text).filter((t) => !TITLES.has(t) && !PARTICLES.has(t) && !STOP.has(t));
}

function roleTokens(text: string): string[] {
  return tokens(text).filter((t) => !STOP.has(t) && !ROLE_NOISE.has(t));
}

export function buildNameIndex(table: FactTable): NameIndex {
  const people = new Map<string, Person>();
  const aliases: AliasEntry[] = [];
  const exact = new Map<string, Set<string>>();
  const tokenPeople = new Map<string, Set<string>>();
  const personTokens = new Map<string, Array<{ token: string; skeleton: string; letters: number }>>();
  const prominence = new Map<string, number>();
  const speakers = new Set<string>();
  for (const q of table.quotes) if (q.speaker) speakers.add(q.speaker);
  const eventCount = new Map<string, number>();
  for (const e of table.events) if (e.person) eventCount.set(e.person, (eventCount.get(e.person) ?? 0) + 1);
  const quoteCount = new Map<string, number>();
  for (const q of table.quotes) if (q.speaker) quoteCount.set(q.speaker, (quoteCount.get(q.speaker) ?? 0) + 1);

  const add = <K, V>(m: Map<K, Set<V>>, k: K, v: V): void => {
    let s = m.get(k);
    if (!s) m.set(k, (s = new Set<V>()));
    s.add(v);
  };

  for (const p of table.people) {
    people.set(p.id, p);
    const spellings = new Set<string>([p.name, ...p.aliases]);
    const toks = new Set<string>();
    for (const s of spellings) {
      const name = s.trim();
      if (name === '') continue;
      const norm = normalize(name);
      aliases.push({ name, norm, words: norm.split(' '), personId: p.id });
      const core = coreTokens(name);
      if (core.length > 0) add(exact, core.join(' '), p.id);
      for (const t of core) {
        toks.add(t);
        add(tokenPeople, t, p.id);
      }
    }
    personTokens.set(p.id, [...toks].map((token) => ({ token, skeleton: skeleton(token), letters: letterSet(skeleton(token)) })));
    prominence.set(
      p.id,
      p.articles.length * 2 + p.roles.length + p.attributes.length + (eventCount.get(p.id) ?? 0) * 2 + (quoteCount.get(p.id) ?? 0),
    );
  }

  const roles: RoleEntry[] = [];
  for (const p of table.people) {
    for (const r of p.roles) {
      const t = roleTokens(r.title);
      if (t.length > 0) roles.push({ tokens: t, head: roleHead(r.title), personId: p.id, former: r.former, weight: 1 });
    }
  }
  for (const e of table.events) {
    if (!e.person || !e.role || !people.has(e.person)) continue;
    const t = roleTokens(e.role);
    if (t.length > 0) roles.push({ tokens: t, head: roleHead(e.role), personId: e.person, former: false, weight: 1 });
  }


  const roleVocab = new Set<string>();
  const rolesByToken = new Map<string, RoleEntry[]>();
  for (const r of roles) {
    for (const t of new Set(r.tokens)) {
      roleVocab.add(t);
      rolesByToken.set(t, [...(rolesByToken.get(t) ?? []), r]);
    }
  }
  // People by first letter and length of each name word: the candidates a misspelt name is compared with.
  const peopleByInitial = new Map<string, Set<string>>();
  for (const [id, toks] of personTokens) for (const { token } of toks) add(peopleByInitial, `${token.charAt(0)}${token.length}`, id);
  const aliasesByProminence = [...aliases].sort(
    (a, b) =>
      (prominence.get(b.personId) ?? 0) - (prominence.get(a.personId) ?? 0) ||
      a.personId.localeCompare(b.personId) ||
      a.name.localeCompare(b.name),
  );
  // Blocks are filled in prominence order, so the first entries of a block are its best candidates.
  const aliasBlocks = new Map<string, AliasEntry[]>();
  for (const a of aliasesByProminence) {
    for (const key of new Set(a.words.filter((w) => w.length >= 2).map((w) => w.slice(0, 2)))) {
      let block = aliasBlocks.get(key);
      if (!block) aliasBlocks.set(key, (block = []));
      block.push(a);
    }
  }
  const sortedNorms = [...aliases].sort((a, b) => (a.norm < b.norm ? -1 : a.norm > b.norm ? 1 : 0));
  const sortedWords = aliases.flatMap((alias) => alias.words.map((word) => ({ word, alias }))).sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
  const aliasRank = new Map(aliasesByProminence.map((a, i) => [a, i]));
  return { people, aliases, aliasesByProminence, sortedNorms, sortedWords, aliasRank, exact, tokenPeople, personTokens, roles, roleVocab, rolesByToken, peopleByInitial, prominence, aliasBlocks, speakers };
}

export type MatchKind = 'id' | 'exact' | 'tokens' | 'role' | 'fuzzy';

export interface Resolution {
  person: Person | null;
  suggestions: Person[];
  kind: MatchKind | null;
}

/** Pick the one clearly most prominent person among equally good candidates, or none. */
function pickClear(idx: NameIndex, ids: Iterable<string>): { chosen: string | null; all: string[] } {
  const all = [...ids].sort((a, b) => (idx.prominence.get(b) ?? 0) - (idx.prominence.get(a) ?? 0));
  if (all.length === 0) return { chosen: null, all };
  if (all.length === 1) return { chosen: all[0] ?? null, all };
  const top = idx.prominence.get(all[0] ?? '') ?? 0;
  const second = idx.prominence.get(all[1] ?? '') ?? 0;
  return { chosen: top >= 2 * second + 2 ? (all[0] ?? null) : null, all };
}

function toPeople(idx: NameIndex, ids: Iterable<string>): Person[] {
  const out: Person[] = [];
  for (const id of ids) {
    const p = idx.people.get(id);
    if (p && !out.includes(p)) out.push(p);
  }
  return out;
}

/** Name-only resolution (no roles): id, exact alias, all tokens, typo. */
export function resolveName(idx: NameIndex, query: string, allowFuzzy = true): Resolution {
  const raw = query.trim();
  if (raw === '') return { person: null, suggestions: [], kind: null };
  const byId = idx.people.get(raw) ?? idx.people.get(raw.toLowerCase());
  if (byId) return { person: byId, suggestions: [], kind: 'id' };
  const core = coreTokens(raw);
  if (core.length === 0) return { person: null, suggestions: [], kind: null };

  const exactIds = idx.exact.get(core.join(' '));
  if (exactIds && exactIds.size > 0) {
    const { chosen, all } = pickClear(idx, exactIds);
    if (chosen) return { person: idx.people.get(chosen) ?? null, suggestions: [], kind: 'exact' };
    // Equally good exact matches: prefer the one whose own canonical name is this spelling.
    const canon = all.filter((id) => coreTokens(idx.people.get(id)?.name ?? '').join(' ') === core.join(' '));
    if (canon.length === 1 && canon[0]) return { person: idx.people.get(canon[0]) ?? null, suggestions: [], kind: 'exact' };
    return { person: null, suggestions: toPeople(idx, all), kind: null };
  }

  // Every typed token is a known token of the same person.
  let cands: string[] | null = null;
  for (const t of core) {
    const ids: Set<string> = idx.tokenPeople.get(t) ?? new Set<string>();
    cands = cands === null ? [...ids] : cands.filter((id: string) => ids.has(id));
    if (cands.length === 0) break;
  }
  if (cands && cands.length > 0) {
    const { chosen, all } = pickClear(idx, cands);
    if (chosen) return { person: idx.people.get(chosen) ?? null, suggestions: [], kind: 'tokens' };
    return { person: null, suggestions: toPeople(idx, all), kind: null };
  }
  if (!allowFuzzy) return { person: null, suggestions: [], kind: null };
  return fuzzy(idx, core);
}

/** The set of letters a-z in a word, as bits: a cheap lower bound on how far two spellings are apart. */
function letterSet(word: string): number {
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

function fuzzy(idx: NameIndex, core: string[]): Resolution {
  if (!core.some((t) => t.length >= 4)) return { person: null, suggestions: [], kind: null };
  const scored: Array<{ id: string; score: number }> = [];
  const skeletons = core.map(skeleton);
  const letters = skeletons.map(letterSet);
  // Only people with a name word of about the same length starting with the same letter as each typed word:
  // a misspelling rarely changes the first letter or the length by more than two.
  let candidates: string[] | null = null;
  for (const t of core) {
    const block = new Set<string>();
    for (let len = t.length - 2; len <= t.length + 2; len++) for (const id of idx.peopleByInitial.get(`${t.charAt(0)}${len}`) ?? []) block.add(id);
    candidates = candidates === null ? [...block] : candidates.filter((id) => block.has(id));
  }
  for (const id of candidates ?? []) {
    const toks = idx.personTokens.get(id) ?? [];
    let total = 0;
    let ok = true;
    for (const [i, t] of core.entries()) {
      let best = 0;
      for (const k of toks) {
        // One edit changes at most two letters of the set, and similarity allows at most two edits.
        if (k.token !== t && bitCount(k.letters ^ letters[i]!) > 4) continue;
        const s = nameTokenSimilarity(t, k.token, skeletons[i], k.skeleton);
        if (s > best) best = s;
      }
      if (best === 0) {
        ok = false;
        break;
      }
      total += best;
    }
    if (ok) scored.push({ id, score: total / core.length });
  }
  scored.sort((a, b) => b.score - a.score || (idx.prominence.get(b.id) ?? 0) - (idx.prominence.get(a.id) ?? 0));
  const top = scored[0];
  const second = scored[1];
  if (top && (!second || top.score - second.score >= 0.05)) {
    return { person: idx.people.get(top.id) ?? null, suggestions: [], kind: 'fuzzy' };
  }
  if (top) return { person: null, suggestions: toPeople(idx, scored.slice(0, 5).map((s) => s.id)), kind: null };
  return { person: null, suggestions: [], kind: null };
}

/** Most aliases a fuzzy search compares, so its cost stays flat however large the table grows. */
const MAX_FUZZY_CANDIDATES = 150;
/** Most aliases the substring pass of autocomplete scans. */
const MAX_SUBSTRING_SCAN = 3000;

/**
 * fuse.js over a small candidate set: the aliases sharing a word that starts with the same two letters as a
 * word of the query (a misspelt name rarely changes its first letters), most prominent people first.
 */
function fuzzyAliases(idx: NameIndex, q: string, limit: number): Array<{ item: AliasEntry; score?: number }> {
  const seen = new Set<AliasEntry>();
  for (const key of new Set(q.split(' ').filter((w) => w.length >= 2).map((w) => w.slice(0, 2)))) {
    for (const a of (idx.aliasBlocks.get(key) ?? []).slice(0, MAX_FUZZY_CANDIDATES)) seen.add(a);
  }
  if (seen.size === 0) return [];
  const candidates = [...seen];
  const fuse = new Fuse(candidates, { keys: ['norm'], includeScore: true, threshold: 0.4, ignoreDiacritics: true });
  return fuse.search(q, { limit });
}

/** Close spellings for a "did you mean" list (fuse.js over the candidate block), best first. */
export function suggest(idx: NameIndex, raw: string, limit = 5): Person[] {
  const q = normalize(raw).slice(0, 64);
  if (q.length < 4) return [];
  const ids: string[] = [];
  for (const r of fuzzyAliases(idx, q, 20)) {
    if ((r.score ?? 1) > 0.3) continue;
    if (!ids.includes(r.item.personId)) ids.push(r.item.personId);
    if (ids.length >= limit) break;
  }
  return toPeople(idx, ids);
}

/** Role resolution: "the prime minister", "ambassador to iraq", "deputy oil minister". */
export function resolveRole(idx: NameIndex, query: string): Resolution {
  // Unknown words before the first role word are modifiers ("Syria's", "the Syrian"); after it they
  // matter ("ambassador to France" must not become "ambassador").
  const all = roleTokens(query);
  const firstKnown = all.findIndex((t) => idx.roleVocab.has(t));
  const q = firstKnown < 0 ? all : all.filter((t, i) => i >= firstKnown || idx.roleVocab.has(t));
  const wantsFormer = /\b(former|formerly|ex)\b/i.test(query);
  if (q.length === 0) return { person: null, suggestions: [], kind: null };
  // Every match needs every query word in the title (or the one word as its head): an unknown word ends it.
  if (q.some((t) => !idx.roleVocab.has(t))) return { person: null, suggestions: [], kind: null };
  const qs = new Set(q);
  const rarest = [...qs].sort((a, b) => (idx.rolesByToken.get(a)?.length ?? 0) - (idx.rolesByToken.get(b)?.length ?? 0))[0]!;
  const exactIds = new Map<string, number>();
  const partialIds = new Map<string, number>();
  const headIds = new Map<string, number>();
  for (const r of idx.rolesByToken.get(rarest) ?? []) {
    const rs = new Set(r.tokens);
    const bonus = r.former === wantsFormer ? 2 : 1;
    if (rs.size === qs.size && [...qs].every((t) => rs.has(t))) {
      exactIds.set(r.personId, (exactIds.get(r.personId) ?? 0) + bonus);
    } else if (qs.size >= 2 && qs.size / rs.size >= 0.6 && [...qs].every((t) => rs.has(t))) {
      partialIds.set(r.personId, (partialIds.get(r.personId) ?? 0) + bonus);
    } else if (qs.size === 1 && qs.has(r.head)) {
      // "the minister": a match only if one person holds such a title, else a "did you mean" list.
      headIds.set(r.personId, (headIds.get(r.personId) ?? 0) + bonus);
    }
  }
  for (const m of [exactIds, partialIds, headIds]) {
    if (m.size === 0) continue;
    if (m === headIds && m.size > 1) {
      const ids = [...m.keys()].sort((a, b) => (idx.prominence.get(b) ?? 0) - (idx.prominence.get(a) ?? 0));
      return { person: null, suggestions: toPeople(idx, ids.slice(0, 5)), kind: null };
    }
    const ranked = [...m.entries()].sort(
      (a, b) => b[1] - a[1] || (idx.prominence.get(b[0]) ?? 0) - (idx.prominence.get(a[0]) ?? 0),
    );
    const [first, second] = ranked;
    if (first && (!second || first[1] > second[1])) {
      return { person: idx.people.get(first[0]) ?? null, suggestions: [], kind: 'role' };
    }
    return { person: null, suggestions: toPeople(idx, ranked.slice(0, 5).map((r) => r[0])), kind: null };
  }
  return { person: null, suggestions: [], kind: null };
}

/** Full resolution of a reference: name first, then role, then typo-tolerant name. */
export function resolveReference(idx: NameIndex, query: string, withSuggestions = true): Resolution {
  const strict = resolveName(idx, query, false);
  if (strict.person) return strict;
  const role = resolveRole(idx, query);
  if (role.person) return role;
  if (strict.suggestions.length > 0) return strict;
  if (role.suggestions.length > 0) return role;
  const loose = resolveName(idx, query, true);
  if (loose.person || loose.suggestions.length > 0 || !withSuggestions) return loose;
  return { person: null, suggestions: suggest(idx, query), kind: null };
}

/** The items whose key starts with `prefix`, from a list sorted by key. */
function prefixRange<T>(sorted: T[], key: (x: T) => string, prefix: string): T[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(sorted[mid]!) < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: T[] = [];
  for (let i = lo; i < sorted.length && key(sorted[i]!).startsWith(prefix); i++) out.push(sorted[i]!);
  return out;
}

/** Autocomplete: prefix matches, then substring, then fuzzy; every spelling, value = person id. */
export function completeFrom(
  idx: NameIndex,
  partial: string,
  opts: { speakersOnly?: boolean; limit?: number } = {},
): Array<{ name: string; value: string }> {
  const limit = Math.max(0, Math.min(25, Math.floor(opts.limit ?? 25)));
  if (limit === 0) return [];
  const allowed = (id: string): boolean => !opts.speakersOnly || idx.speakers.has(id);
  const q = normalize(typeof partial === 'string' ? partial.slice(0, 200) : '');
  const out: Array<{ name: string; value: string }> = [];
  const seen = new Set<string>();
  const push = (e: AliasEntry): void => {
    if (out.length >= limit || !allowed(e.personId)) return;
    const person = idx.people.get(e.personId);
    let name = e.name;
    if (person && normalize(person.name) !== e.norm) name = `${e.name} (${person.name})`;
    if (name.length > 100) name = `${name.slice(0, 99)}…`;
    const key = `${e.personId}\u0000${e.norm}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ name, value: e.personId.slice(0, 100) });
  };
  const byProminence = idx.aliasesByProminence;
  if (q === '') {
    // Canonical names first, most prominent people first.
    for (const e of byProminence) {
      if (out.length >= limit) return out;
      const p = idx.people.get(e.personId);
      if (p && p.name === e.name) push(e);
    }
    for (const e of byProminence) {
      if (out.length >= limit) return out;
      push(e);
    }
    return out;
  }
  // Prefix matches by bisection of sorted lists, most prominent first: the cost follows the matches, not the table.
  const byRank = (xs: AliasEntry[]) => xs.sort((a, b) => (idx.aliasRank.get(a) ?? 0) - (idx.aliasRank.get(b) ?? 0));
  for (const e of byRank(prefixRange(idx.sortedNorms, (a) => a.norm, q))) push(e);
  if (out.length >= limit) return out;
  for (const e of byRank(prefixRange(idx.sortedWords, (w) => w.word, q).map((w) => w.alias))) push(e);
  if (out.length >= limit) return out;
  // Inside a word ("sseini" in "Husseini"): a scan, so only for three letters or more, and only over the
  // most prominent names; fuzzy matching below covers the rest.
  if (q.length >= 3) {
    for (const e of byProminence.slice(0, MAX_SUBSTRING_SCAN)) {
      if (out.length >= limit) return out;
      if (e.norm.includes(q)) push(e);
    }
  }
  if (out.length < limit && q.length >= 2) {
    for (const r of fuzzyAliases(idx, q.slice(0, 64), 50)) push(r.item);
  }
  return out;
}
