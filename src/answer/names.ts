// Person resolution: a user's reference (id, any spelling, lower case, typo, or a role such as
// "the ambassador to zenda") -> one person, or null plus "did you mean" suggestions.
// Order of trust: id, exact alias, all-tokens alias match, role, then per-token typo match with a
// threshold. A name whose words are not all known (e.g. an unknown first name) is never matched.
import type { FactTable, Person } from '../facts/schema.js';
import { fuzzySearch } from './fuzzySearch.js';
import { TokenIndex } from './spelling.js';
import { normalize, PARTICLES, STOP, TITLES, tokens } from './text.js';

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
  /** The title's head noun: "minister" in "deputy oil minister", "ambassador" in "ambassador to zenda". */
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
  /** The same, most prominent people first (autocomplete order). This and the lists below: built on first use. */
  readonly aliasesByProminence: AliasEntry[];
  /** Core (title- and particle-free) alias form -> person ids. */
  exact: Map<string, Set<string>>;
  /** Name token -> person ids having it in some alias. */
  tokenPeople: Map<string, Set<string>>;
  /** Person id -> all its name tokens. */
  personTokens: Map<string, string[]>;
  /** Position of each person id in personTokens: the order equally good typo matches keep. */
  personOrder: Map<string, number>;
  /** Name token -> the people personTokens gives it, and the tokens by spelling (built on first use). */
  readonly spelling: { tokenPeople: Map<string, string[]>; tokens: TokenIndex };
  roles: RoleEntry[];
  /** Every token of every role title. */
  roleVocab: Set<string>;
  /** Role entries by each of their tokens. */
  rolesByToken: Map<string, RoleEntry[]>;
  /** How much the table says about a person; breaks ties between equally good matches. */
  prominence: Map<string, number>;
  /** Aliases sorted by normalised spelling, and (word, alias) pairs sorted by word: prefix search by bisection. */
  readonly sortedNorms: AliasEntry[];
  readonly sortedWords: Array<{ word: string; alias: AliasEntry }>;
  /** Position of each alias in aliasesByProminence. */
  readonly aliasRank: Map<AliasEntry, number>;
  /** Aliases by the first two letters of each of their words: the candidate blocks for fuzzy search. */
  readonly aliasBlocks: Map<string, AliasEntry[]>;
  speakers: Set<string>;
}

/** Words dropped from a role before comparing ("the Ruritanian ambassador to Zenda" ~ "ambassador to zenda"). */
const ROLE_NOISE = new Set(['former', 'formerly', 'then', 'current', 'currently', 'late', 'now', 'serving', 'ex']);

/** The name tokens that identify a person: no titles, no particles, no stop words. */
export function coreTokens(text: string): string[] {
  return tokens(text).filter(isCore);
}

function isCore(t: string): boolean {
  return !TITLES.has(t) && !PARTICLES.has(t) && !STOP.has(t);
}

function roleTokens(text: string): string[] {
  return tokens(text).filter((t) => !STOP.has(t) && !ROLE_NOISE.has(t));
}

export function buildNameIndex(table: FactTable): NameIndex {
  const people = new Map<string, Person>();
  const aliases: AliasEntry[] = [];
  const exact = new Map<string, Set<string>>();
  const tokenPeople = new Map<string, Set<string>>();
  const personTokens = new Map<string, string[]>();
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
      const words = norm.split(' ');
      aliases.push({ name, norm, words, personId: p.id });
      const core = norm === '' ? [] : words.filter(isCore);
      if (core.length > 0) add(exact, core.join(' '), p.id);
      for (const t of core) {
        toks.add(t);
        add(tokenPeople, t, p.id);
      }
    }
    personTokens.set(p.id, [...toks]);
    prominence.set(
      p.id,
      p.articles.length * 2 + p.roles.length + p.attributes.length + (eventCount.get(p.id) ?? 0) * 2 + (quoteCount.get(p.id) ?? 0),
    );
  }

  // Titles repeat across people ("minister"): each distinct title is split once.
  const titles = new Map<string, { tokens: string[]; head: string }>();
  const title = (text: string): { tokens: string[]; head: string } => {
    let t = titles.get(text);
    if (!t) titles.set(text, (t = { tokens: roleTokens(text), head: roleHead(text) }));
    return t;
  };
  const roles: RoleEntry[] = [];
  for (const p of table.people) {
    for (const r of p.roles) {
      const t = title(r.title);
      if (t.tokens.length > 0) roles.push({ tokens: t.tokens, head: t.head, personId: p.id, former: r.former, weight: 1 });
    }
  }
  for (const e of table.events) {
    if (!e.person || !e.role || !people.has(e.person)) continue;
    const t = title(e.role);
    if (t.tokens.length > 0) roles.push({ tokens: t.tokens, head: t.head, personId: e.person, former: false, weight: 1 });
  }

  const roleVocab = new Set<string>();
  const rolesByToken = new Map<string, RoleEntry[]>();
  for (const r of roles) {
    for (const t of new Set(r.tokens)) {
      roleVocab.add(t);
      const list = rolesByToken.get(t);
      if (list) list.push(r);
      else rolesByToken.set(t, [r]);
    }
  }
  const personOrder = new Map<string, number>();
  for (const id of personTokens.keys()) personOrder.set(id, personOrder.size);
  // Autocomplete's sorted lists and the spelling index are built on first use, not at start-up.
  let spelling: NameIndex['spelling'] | null = null;
  let ranked: RankedAliases | null = null;
  const rank = (): RankedAliases => (ranked ??= rankAliases(aliases, prominence));
  return {
    people, aliases, exact, tokenPeople, personTokens, personOrder, roles, roleVocab, rolesByToken, prominence, speakers,
    get aliasesByProminence() {
      return rank().aliasesByProminence;
    },
    get sortedNorms() {
      return rank().sortedNorms;
    },
    get sortedWords() {
      return rank().sortedWords;
    },
    get aliasRank() {
      return rank().aliasRank;
    },
    get aliasBlocks() {
      return rank().aliasBlocks;
    },
    get spelling() {
      spelling ??= spellingIndex(personTokens);
      return spelling;
    },
  };
}

type RankedAliases = Pick<NameIndex, 'aliasesByProminence' | 'sortedNorms' | 'sortedWords' | 'aliasRank' | 'aliasBlocks'>;

/** The default collation, as String.prototype.localeCompare uses it, made once. */
const COLLATOR = new Intl.Collator();

function rankAliases(aliases: AliasEntry[], prominence: Map<string, number>): RankedAliases {
  const aliasesByProminence = [...aliases].sort(
    (a, b) =>
      (prominence.get(b.personId) ?? 0) - (prominence.get(a.personId) ?? 0) ||
      COLLATOR.compare(a.personId, b.personId) ||
      COLLATOR.compare(a.name, b.name),
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
  return { aliasesByProminence, sortedNorms, sortedWords, aliasRank, aliasBlocks };
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

/** Name token -> the people personTokens gives it, and the spelling index over those tokens. */
function spellingIndex(personTokens: Map<string, string[]>): NameIndex['spelling'] {
  const tokenPeople = new Map<string, string[]>();
  for (const [id, toks] of personTokens) {
    for (const t of toks) {
      const list = tokenPeople.get(t);
      if (list) list.push(id);
      else tokenPeople.set(t, [id]);
    }
  }
  return { tokenPeople, tokens: new TokenIndex(tokenPeople.keys()) };
}

/** Typed word -> each person's best score for it; kept per index, as one question tries a word in several spans. */
const wordScores = new WeakMap<NameIndex, Map<string, Map<string, number>>>();
const MAX_CACHED_WORDS = 5000;

function personScores(idx: NameIndex, typed: string): Map<string, number> {
  let cache = wordScores.get(idx);
  if (!cache) wordScores.set(idx, (cache = new Map()));
  let scores = cache.get(typed);
  if (scores) return scores;
  scores = new Map<string, number>();
  const { tokenPeople, tokens } = idx.spelling;
  for (const { known, score } of tokens.matches(typed)) {
    for (const id of tokenPeople.get(known.token) ?? []) if (score > (scores.get(id) ?? 0)) scores.set(id, score);
  }
  if (cache.size >= MAX_CACHED_WORDS) cache.clear();
  cache.set(typed, scores);
  return scores;
}

/**
 * The length of the shortest name word of a person that starts with the same letter as `typed` and is at most
 * two letters longer or shorter, or -1: a misspelling rarely changes the first letter or the length by more.
 */
function blockLength(idx: NameIndex, id: string, typed: string): number {
  let best = -1;
  for (const k of idx.personTokens.get(id) ?? []) {
    if (k.charAt(0) !== typed.charAt(0) || Math.abs(k.length - typed.length) > 2) continue;
    if (best < 0 || k.length < best) best = k.length;
  }
  return best;
}

function fuzzy(idx: NameIndex, core: string[]): Resolution {
  if (!core.some((t) => t.length >= 4)) return { person: null, suggestions: [], kind: null };
  // A person scores when each typed word has a close name word of theirs (the spelling index finds those) and a
  // name word of about its length starting with the same letter (blockLength).
  const perWord = core.map((t) => personScores(idx, t));
  const scored: Array<{ id: string; score: number; block: number; order: number }> = [];
  for (const id of perWord[0]?.keys() ?? []) {
    let total = 0;
    let ok = true;
    for (const [i, t] of core.entries()) {
      const best = perWord[i]?.get(id) ?? 0;
      if (best === 0 || blockLength(idx, id, t) < 0) {
        ok = false;
        break;
      }
      total += best;
    }
    if (ok) scored.push({ id, score: total / core.length, block: blockLength(idx, id, core[0] ?? ''), order: idx.personOrder.get(id) ?? 0 });
  }
  // Equal scores and prominence: the people with the shorter such first word first, then in table order.
  scored.sort(
    (a, b) =>
      b.score - a.score || (idx.prominence.get(b.id) ?? 0) - (idx.prominence.get(a.id) ?? 0) || a.block - b.block || a.order - b.order,
  );
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
  // fuse.js's search, without a fuse.js collection per query (see fuzzySearch.ts).
  return fuzzySearch([...seen], (a) => a.norm, q, limit);
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

/** Role resolution: "the prime minister", "ambassador to zenda", "deputy oil minister". */
export function resolveRole(idx: NameIndex, query: string): Resolution {
  // Unknown words before the first role word are modifiers ("Ruritania's", "the Ruritanian"); after it they
  // matter ("ambassador to Norland" must not become "ambassador").
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

/** The items whose key starts with `prefix`, from a list sorted by key; null when there are too many to sort. */
function prefixRange<T>(sorted: T[], key: (x: T) => string, prefix: string): T[] | null {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(sorted[mid]!) < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: T[] = [];
  for (let i = lo; i < sorted.length && key(sorted[i]!).startsWith(prefix); i++) {
    // Past this many matches, walking the aliases by rank finds the first ones sooner than sorting them all.
    if (out.length >= MAX_SORTED_MATCHES) return null;
    out.push(sorted[i]!);
  }
  return out;
}

/** Most prefix matches autocomplete sorts by rank; a more common prefix walks the ranked aliases instead. */
const MAX_SORTED_MATCHES = 300;

/**
 * The aliases with a prefix match, in rank order, given to `push` until it reports the list full: the matches
 * found by bisection and sorted when they are few; for a common prefix ("m"), the aliases by rank, tested.
 */
function pushByRank(
  idx: NameIndex,
  matches: AliasEntry[] | null,
  test: (e: AliasEntry) => boolean,
  push: (e: AliasEntry) => void,
  full: () => boolean,
): void {
  if (matches) {
    for (const e of matches.sort((a, b) => (idx.aliasRank.get(a) ?? 0) - (idx.aliasRank.get(b) ?? 0))) push(e);
    return;
  }
  for (const e of idx.aliasesByProminence) {
    if (full()) return;
    if (test(e)) push(e);
  }
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
  const full = (): boolean => out.length >= limit;
  pushByRank(idx, prefixRange(idx.sortedNorms, (a) => a.norm, q), (e) => e.norm.startsWith(q), push, full);
  if (out.length >= limit) return out;
  const words = prefixRange(idx.sortedWords, (w) => w.word, q);
  pushByRank(idx, words && words.map((w) => w.alias), (e) => e.words.some((w) => w.startsWith(q)), push, full);
  if (out.length >= limit) return out;
  // Inside a word ("sseini" in "Husseini"): a scan, so only for three letters or more, and only over the
  // most prominent names; fuzzy matching below covers the rest.
  if (q.length >= 3) {
    for (let i = 0; i < byProminence.length && i < MAX_SUBSTRING_SCAN; i++) {
      const e = byProminence[i]!;
      if (out.length >= limit) return out;
      if (e.norm.includes(q)) push(e);
    }
  }
  if (out.length < limit && q.length >= 2) {
    for (const r of fuzzyAliases(idx, q.slice(0, 64), 50)) push(r.item);
  }
  return out;
}
