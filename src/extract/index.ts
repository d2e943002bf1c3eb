// The extraction pipeline: articles -> fact table. Stages run in this visible order:
// load -> clean+split (per article) -> people (corpus pass) -> merge names -> context -> quotes -> roles
// -> events (with dates) -> assemble people. compromise is reached only through ./nlp.ts.
import type { Article, Event, FactTable, Person, Quote, Warning } from '../facts/schema.js';
import { prepareArticle } from './articles.js';
import { ArticleCache } from './cache.js';
import { defaultWorkers, prepareInWorkers } from './pool.js';
import { deserialise, serialise, type PreparedArticle } from './prepared.js';
import { analyseArticle, type ArticleContext } from './context.js';
import { articleMeta, type ArticleDoc } from './doc.js';
import { extractEvents, roleFromNP, type EventFact, type RoleLookup } from './events.js';
import { readSeeds, type RawArticle, type SeedsFolder } from './load.js';
import { clusterSteps, mentionCounts, namePartsOf, neighbourSteps, slug, updateNeighbours, type Clusters } from './merge.js';
import { nameCandidates, resolvePeopleSteps, sameMentions, type Mention, type NameCandidate, type Resolution } from './people.js';
import { extractQuotes, type QuoteFact } from './quotes.js';
import { appendTo, flatten, getOrMake, groupBy } from './collections.js';
import { extractRolesAndAttributes, indexRoles, type EntityFacts, type EntityRole, type RoleIndex } from './roles.js';
import { runMaybeSliced, runSteps, type Steps } from './steps.js';
import { EXTRACTOR_VERSION } from './version.js';

export { EXTRACTOR_VERSION };

export type Progress = (done: number, total: number) => void;

export interface ExtractOptions {
  onProgress?: Progress;
  /** Folder of the per-article cache; no cache when absent. */
  cacheDir?: string;
  /** Worker threads for preparing articles; 1 prepares on this thread. Default: cores, when many articles changed. */
  workers?: number;
  /** What the last extraction of a long-running process left (see ArticleFacts): only what changed is redone. */
  previous?: ExtractionState;
  /**
   * Work in the background: give the event loop a turn after each this many milliseconds, so questions asked
   * meanwhile wait at most about that long (the corpus-wide passes between articles are not divided).
   */
  sliceMs?: number;
}

const CACHE_READ_BATCH = 256;

/** Articles to prepare before worker threads pay for their start-up (about a second each). */
const WORKER_THRESHOLD = 300;

export interface ExtractStats {
  articles: number;
  /** Of the articles prepared for this run (those without facts in `previous`), how many came from the cache. */
  fromCache: number;
  prepared: number;
  workers: number;
  /** Articles whose facts from `previous` were reused without reading their text. */
  reused: number;
}

export interface Extraction {
  table: FactTable;
  stats: ExtractStats;
  /** Pass as `previous` to the next extraction. */
  state: ExtractionState;
}

export async function extractFromDir(dir: string, onProgress?: Progress, options: Omit<ExtractOptions, 'onProgress'> = {}): Promise<FactTable> {
  return (await extractFromDirWithStats(dir, { ...options, ...(onProgress ? { onProgress } : {}) })).table;
}

export async function extractFromDirWithStats(dir: string, options: ExtractOptions = {}): Promise<Extraction> {
  return extractSeeds(await readSeeds(dir), options);
}

/** Extraction of a folder already read with `readSeeds` (a caller that also fingerprints it reads it once). */
export async function extractSeeds(seeds: SeedsFolder, options: ExtractOptions = {}): Promise<Extraction> {
  const keys = seeds.articles.map((r) => ArticleCache.keyOf(r));
  // Articles the previous extraction does not know (new or changed) are prepared; the others are not read.
  const freshAt: number[] = [];
  keys.forEach((key, k) => {
    if (!options.previous?.articles.has(key)) freshAt.push(k);
  });
  const { docs, stats } = await prepareAll(freshAt.map((k) => seeds.articles[k]!), options, keys.length - freshAt.length);
  const docByKey = new Map(freshAt.map((k, j) => [keys[k]!, docs[j]!]));
  const rawByKey = new Map(seeds.articles.map((r, k) => [keys[k]!, r]));
  const cache = options.cacheDir ? new ArticleCache(options.cacheDir) : null;
  // An article whose facts must be read again although it did not change (a name it mentions now resolves
  // differently): its prepared text from the cache, or prepared again.
  const load = (key: string) => {
    const raw = rawByKey.get(key)!;
    const cached = cache?.getSync(raw);
    return cached ? deserialise(cached) : prepareArticle(raw);
  };
  const inputs = keys.map((key) => ({ key, ...(docByKey.has(key) ? { doc: docByKey.get(key)! } : {}) }));
  const steps = linkCorpusSteps(inputs, options.previous ?? null, seeds.warnings, load);
  const linked = await runMaybeSliced(steps, options.sliceMs);
  return { table: linked.table, state: linked.state, stats: { ...stats, articles: seeds.articles.length, reused: linked.stats.reused } };
}

/**
 * Stage 1-2 for articles: from the cache when unchanged, else cleaned and split (on workers when many).
 * Progress counts `alreadyDone` articles (reused by the caller) as done.
 */
export async function prepareAll(raws: RawArticle[], options: ExtractOptions = {}, alreadyDone = 0): Promise<{ docs: ArticleDoc[]; stats: Omit<ExtractStats, 'reused'> }> {
  const cache = options.cacheDir ? new ArticleCache(options.cacheDir) : null;
  // Read in batches: thousands of reads at once hold all their buffers together and answer in one burst.
  const prepared: Array<PreparedArticle | null> = [];
  for (let i = 0; i < raws.length; i += CACHE_READ_BATCH) prepared.push(...(await Promise.all(raws.slice(i, i + CACHE_READ_BATCH).map((r) => (cache ? cache.get(r) : null)))));
  const missing = raws.map((r, i) => ({ r, i })).filter(({ i }) => !prepared[i]);
  const total = alreadyDone + raws.length;
  let done = total - missing.length;
  const tick = (n: number) => {
    done += n;
    options.onProgress?.(done, total);
  };
  const workers = options.workers ?? (missing.length >= WORKER_THRESHOLD ? defaultWorkers() : 1);
  const fresh = workers > 1 && missing.length > 1
    ? await prepareInWorkers(missing.map(({ r }) => r), workers, tick)
    : await runMaybeSliced(prepareHere(missing.map(({ r }) => r), tick), options.sliceMs);
  missing.forEach(({ i }, k) => {
    prepared[i] = fresh[k]!;
  });
  if (cache) await Promise.all(missing.map(({ r }, k) => cache.put(r, fresh[k]!)));
  return {
    docs: await runMaybeSliced(deserialiseAll(prepared), options.sliceMs),
    stats: { articles: raws.length, fromCache: raws.length - missing.length, prepared: missing.length, workers: workers > 1 && missing.length > 1 ? workers : 1 },
  };
}

/** Articles prepared on this thread, as steps of one article. */
function* prepareHere(raws: RawArticle[], tick: (n: number) => void): Steps<PreparedArticle[]> {
  const out: PreparedArticle[] = [];
  for (const r of raws) {
    out.push(serialise(prepareArticle(r)));
    tick(1);
    yield;
  }
  return out;
}

function* deserialiseAll(prepared: Array<PreparedArticle | null>): Steps<ArticleDoc[]> {
  const out: ArticleDoc[] = [];
  for (const p of prepared) {
    out.push(deserialise(p!));
    yield;
  }
  return out;
}

export function extractArticles(raw: RawArticle[], warnings: Warning[] = [], onProgress?: Progress): FactTable {
  const docs = raw.map((article, i) => {
    // Through the prepared form, as every other path does: later stages see only the tags it keeps.
    const doc = deserialise(serialise(prepareArticle(article)));
    onProgress?.(i + 1, raw.length);
    return doc;
  });
  return extractPrepared(docs, warnings);
}

/** Stages 3 onwards, across the corpus: people, merge, context, quotes, roles, events, assembly. */
export function extractPrepared(docs: ArticleDoc[], warnings: Warning[] = []): FactTable {
  const inputs = docs.map((doc) => ({ key: doc.id, doc }));
  return linkCorpus(inputs, null, warnings, (key) => {
    throw new Error(`no prepared article for ${key}`);
  }).table;
}

/**
 * What one article contributed to the last table, kept by a long-running process between refreshes: its
 * table row and name candidates (from its text alone), the facts read from it given the names it mentions
 * (valid while those names resolve the same), and its quotes and events as linked to the rest of the
 * corpus, with the trace of every corpus-wide lookup that linking made (valid while each gives the same
 * answer). An unchanged article whose checks hold is reused without its text being read again.
 */
export interface ArticleFacts {
  row: Article;
  candidates: NameCandidate[];
  local: LocalFacts;
  linked: LinkedFacts;
}

interface LocalFacts {
  /** The article's resolved mentions: the local facts hold while these are unchanged. */
  mentions: Mention[];
  quotes: QuoteFact[];
  roles: EntityFacts['roles'];
  attributes: EntityFacts['attributes'];
}

interface LinkedFacts {
  trace: LinkTrace;
  quotes: QuoteFact[];
  events: EventFact[];
}

/** Corpus-wide lookups made while linking one article, with their answers. */
interface LinkTrace {
  holders: Array<[title: string, article: string, holder: string | null]>;
  rolesOfEntity: Array<[entity: string, roles: string]>;
  rolesOfArticle: Array<[article: string, roles: string]>;
}

/**
 * The state a refresh starts from: each article's facts by cache key, the clustering of names (with their
 * spelling neighbours), and the last table's rows with what they were made from.
 */
export interface ExtractionState {
  articles: ReadonlyMap<string, ArticleFacts>;
  /** The resolution of names (entities before clustering), which the next one updates. */
  resolution: Resolution;
  /**
   * Mentions with clustered entities, by the resolved mentions they were made from: the next refresh hands
   * out the same ones while they are still right (checked every time, so it is shared from state to state).
   */
  named: WeakMap<readonly Mention[], Mention[]>;
  clusters: Clusters;
  /** The corpus's roles, in corpus order (what the articles' link traces were checked against). */
  roles: readonly EntityRole[];
  assembled: Assembled;
}

interface PersonMadeFrom {
  row: Person;
  mentions: readonly Mention[];
  roles: readonly EntityRole[];
  attributes: EntityFacts['attributes'];
}

/**
 * Table rows and the facts each was made from (the same objects: facts of an article whose facts were reused
 * are the previous objects), so the next assembly reuses a row whose facts are the same objects.
 */
interface Assembled {
  people: ReadonlyMap<string, PersonMadeFrom>;
  events: { facts: readonly EventFact[]; rows: readonly Event[] };
  quotes: { facts: readonly QuoteFact[]; rows: readonly Quote[] };
}

export interface LinkStats {
  /** Articles whose facts were reused as they were. */
  reused: number;
  /** Articles read again (new, changed, or whose names or linked roles changed). */
  reread: number;
}

interface LinkInput {
  key: string;
  doc?: ArticleDoc;
}

/** What events read of a role: any change to these fields changes a trace. */
const roleDigest = (roles: readonly EntityRole[]): string => roles.map((r) => `${r.entity}\u0001${r.title}\u0001${r.former}\u0001${r.evidence.article}`).join('\u0002');

/** A role index and lookup that record every question asked of them. */
function recording(lookup: RoleLookup, roles: RoleIndex, digest: (r: readonly EntityRole[]) => string): { trace: LinkTrace; lookup: RoleLookup; roles: RoleIndex } {
  const trace: LinkTrace = { holders: [], rolesOfEntity: [], rolesOfArticle: [] };
  return {
    trace,
    lookup: (title, article) => {
      const holder = lookup(title, article);
      trace.holders.push([title, article, holder]);
      return holder;
    },
    roles: {
      ofArticle: (article) => {
        const found = roles.ofArticle(article);
        trace.rolesOfArticle.push([article, digest(found)]);
        return found;
      },
      ofEntity: (entity) => {
        const found = roles.ofEntity(entity);
        trace.rolesOfEntity.push([entity, digest(found)]);
        return found;
      },
    },
  };
}

/** The last word of a title: a role lookup reads only the roles whose title ends in the asked title's last word. */
const headOf = (title: string) => title.split(' ').at(-1)!;

/**
 * Where the corpus's roles changed since the previous refresh (roles added or gone, by object): a lookup
 * touching none of these gives the answer it gave. Null when roles that stayed changed their order. (An
 * article asks only for its own roles, which change only with its local facts, when it is read again anyway;
 * `articles` keeps the check complete should that change.)
 */
interface RoleChanges {
  heads: Set<string>;
  entities: Set<string>;
  articles: Set<string>;
}

function roleChanges(before: readonly EntityRole[], now: readonly EntityRole[]): RoleChanges | null {
  const wasThere = new Set(before);
  const isThere = new Set(now);
  if (!sameItems(now.filter((r) => wasThere.has(r)), before.filter((r) => isThere.has(r)))) return null;
  const changes: RoleChanges = { heads: new Set(), entities: new Set(), articles: new Set() };
  for (const r of [...now.filter((r) => !wasThere.has(r)), ...before.filter((r) => !isThere.has(r))]) {
    changes.heads.add(headOf(r.title));
    changes.entities.add(r.entity);
    changes.articles.add(r.evidence.article);
  }
  return changes;
}

/** Every lookup of a trace gives the answer it gave (asking again only those `changes` can reach). */
function traceHolds(trace: LinkTrace, lookup: RoleLookup, roles: RoleIndex, digest: (r: readonly EntityRole[]) => string, changes: RoleChanges | null): boolean {
  return trace.holders.every(([title, article, holder]) => (changes && !changes.heads.has(headOf(title))) || lookup(title, article) === holder)
    && trace.rolesOfEntity.every(([entity, d]) => (changes && !changes.entities.has(entity)) || digest(roles.ofEntity(entity)) === d)
    && trace.rolesOfArticle.every(([article, d]) => (changes && !changes.articles.has(article)) || digest(roles.ofArticle(article)) === d);
}

/**
 * An article's resolved mentions with their entities clustered: those made from them before while still
 * right, else the resolved ones themselves when clustering renames none, else copies (the resolved ones stay
 * as they are, for the next refresh). Handed-out mentions are never changed, so equal lists are often the same.
 */
function withCanonicalNames(resolved: Mention[], canonical: ReadonlyMap<string, string>, before: Mention[] | undefined): Mention[] {
  const right = (named: readonly Mention[]) => named.every((m, i) => m.entity === (canonical.get(resolved[i]!.entity) ?? resolved[i]!.entity));
  if (before && right(before)) return before;
  if (right(resolved)) return resolved;
  return resolved.map((m) => ({ ...m, entity: canonical.get(m.entity) ?? m.entity }));
}

function articleRow(d: ArticleDoc): Article {
  return { ...articleMeta(d), text: d.clean.text, sentences: d.sentences.map(({ tokens: _t, heading: _h, ...s }) => s) };
}

/**
 * Stages 3 onwards over the corpus, reusing what `previous` knows. Every article either comes with its
 * prepared text (`doc`) or has facts in `previous`; `load` fetches the text of one whose facts must be read
 * again. The result is the same table a run without `previous` gives (tests/extract/incremental.test.ts).
 */
export function linkCorpus(inputs: LinkInput[], previous: ExtractionState | null, warnings: Warning[], load: (key: string) => ArticleDoc): LinkResult {
  return runSteps(linkCorpusSteps(inputs, previous, warnings, load));
}

interface LinkResult {
  table: FactTable;
  state: ExtractionState;
  stats: LinkStats;
}

/** linkCorpus() as steps: one per article in the per-article stages, one per name part in the spelling search. */
export function* linkCorpusSteps(inputs: LinkInput[], previous: ExtractionState | null, warnings: Warning[], load: (key: string) => ArticleDoc): Steps<LinkResult> {
  const docs = new Map<string, ArticleDoc>();
  const docOf = (key: string) => getOrMake(docs, key, () => load(key));
  for (const i of inputs) if (i.doc) docs.set(i.key, i.doc);
  const before = inputs.map((i) => (i.doc ? undefined : previous?.articles.get(i.key)));
  const rows: Article[] = [];
  const candidates: NameCandidate[][] = [];
  for (const [k, i] of inputs.entries()) {
    const old = before[k];
    rows.push(old?.row ?? articleRow(docOf(i.key)));
    candidates.push(old?.candidates ?? nameCandidates(docOf(i.key)));
    if (!old) yield;
  }
  const allWarnings = [...warnings];
  for (const row of rows) if (row.sentences.length === 0) allWarnings.push({ article: row.id, message: 'no article text left after removing page furniture' });

  // People across the corpus, then one canonical name per person.
  const resolution = yield* resolvePeopleSteps(rows.map((row, k) => ({ id: row.id, outlet: row.outlet, candidates: candidates[k]! })), previous?.resolution ?? null);
  yield;
  const resolved = rows.map((row) => resolution.articles.get(row.id)!.mentions);
  const counts = mentionCounts(flatten(resolution.articles.values(), (a) => a.mentions));
  const parts = namePartsOf(counts.keys());
  const nameParts = previous ? updateNeighbours(parts, previous.clusters.near) : yield* neighbourSteps(parts);
  yield;
  const clusters = yield* clusterSteps(counts, nameParts, previous?.clusters ?? null);
  const named = previous?.named ?? new WeakMap<readonly Mention[], Mention[]>();
  const found = resolved.map((r) => {
    const before = named.get(r);
    const now = withCanonicalNames(r, clusters.canonical, before);
    if (now !== before) named.set(r, now);
    return now;
  });
  yield;

  // Facts read from each article given the names it mentions: reused while those are unchanged.
  const contexts = new Map<number, ArticleContext>();
  const contextOf = (k: number) => getOrMake(contexts, k, () => analyseArticle(docOf(inputs[k]!.key), found[k]!));
  const locals: LocalFacts[] = [];
  for (const k of inputs.keys()) {
    const mentions = found[k]!;
    const old = before[k]?.local;
    if (old && sameMentions(old.mentions, mentions)) {
      locals.push(old);
      continue;
    }
    const ctx = contextOf(k);
    const quotes = extractQuotes(ctx);
    const f = extractRolesAndAttributes(ctx);
    locals.push({ mentions, quotes, roles: [...f.roles, ...rolesFromQuotes(quotes)], attributes: f.attributes });
    yield;
  }
  const facts: EntityFacts = { roles: flatten(locals, (l) => l.roles), attributes: flatten(locals, (l) => l.attributes) };

  // Linking to the corpus's roles: reused while every lookup the article made gives the same answer.
  const lookup = roleLookup(facts);
  const roles = indexRoles(facts);
  const changes = previous ? roleChanges(previous.roles, facts.roles) : null;
  const digests = new WeakMap<readonly EntityRole[], string>();
  const digest = (r: readonly EntityRole[]) => getOrMake(digests, r, () => roleDigest(r));
  let reread = 0;
  const linked: LinkedFacts[] = [];
  for (const k of inputs.keys()) {
    const old = before[k];
    if (old && old.local === locals[k] && traceHolds(old.linked.trace, lookup, roles, digest, changes)) {
      linked.push(old.linked);
      continue;
    }
    reread++;
    const ctx = contextOf(k);
    const rec = recording(lookup, roles, digest);
    const quotes = locals[k]!.quotes.map((q) => ({ ...q }));
    attributeByRole(ctx, quotes, rec.lookup);
    linked.push({ trace: rec.trace, quotes, events: extractEvents(ctx, rec.roles, quotes, rec.lookup) });
    yield;
  }
  yield;

  // The mentions as the local facts hold them: equal to those just resolved, and the previous objects where
  // an article's local facts were reused (so a person's row can be reused).
  const mentions = flatten(locals, (l) => l.mentions);
  const { table, assembled } = yield* assembleSteps(rows, mentions, facts, flatten(linked, (l) => l.quotes), flatten(linked, (l) => l.events), allWarnings, previous?.assembled ?? null);
  const state: ExtractionState = {
    articles: new Map(inputs.map((i, k) => [i.key, { row: rows[k]!, candidates: candidates[k]!, local: locals[k]!, linked: linked[k]! }])),
    resolution,
    named,
    clusters,
    roles: facts.roles,
    assembled,
  };
  return { table, state, stats: { reused: inputs.length - reread, reread } };
}

/** "I announced my resignation as ambassador to Zenda": a role of the quote's speaker. */
function rolesFromQuotes(quotes: QuoteFact[]): EntityFacts['roles'] {
  const out: EntityFacts['roles'] = [];
  for (const q of quotes) {
    if (!q.entity) continue;
    const m = /\b(?:resignation|resigned|resigning|post|position|job|serving|served|appointed|named)\s+as\s+((?:the\s+)?(?:[A-Za-z-]+\s+){0,3}?(?:minister|ambassador|envoy|general|governor|chief|director|commander|president|secretary|spokesman|consul)(?:\s+(?:to|of)\s+[A-Z][\w-]*)?)/.exec(q.text);
    if (!m) continue;
    const start = q.evidence.start + m.index + m[0].length - m[1]!.length;
    const surface = m[1]!;
    const title = surface.replace(/^the\s+/i, '').replace(/^[A-Z][a-z]+(?:ian|ean|ese|ish|i)\s+/, '').toLowerCase();
    out.push({ entity: q.entity, title, surface, former: /resign/.test(m[0]), evidence: { ...q.evidence, start, end: start + surface.length } });
  }
  return out;
}

/** A quote whose sentence is led by a title ("Ruritania's ambassador to Zenda ... urged the army to '...'"): its holder. */
function attributeByRole(ctx: ArticleContext, quotes: QuoteFact[], lookup: RoleLookup): void {
  for (const q of quotes) {
    if (q.entity || q.speakerName) continue;
    const sentence = ctx.doc.sentences[q.evidence.sentence];
    const lead = sentence ? /^(?:[A-Z][\w’']*['’]s\s+)?([a-z][\w\s-]{2,60}?)\s+(?:has|have|had|was|is|said|says|urged|called|told|announced)\b/.exec(sentence.text) : null;
    const role = lead ? roleFromNP(lead[1]!) : null;
    const holder = role ? lookup(role, ctx.doc.id) : null;
    if (holder) q.entity = holder;
  }
}

function roleLookup(facts: EntityFacts): RoleLookup {
  // Roles indexed by their last word (and article), so a lookup scans only titles that can match; the
  // corpus-wide answer for a title is the same for every article, so it is worked out once.
  const byHead = new Map<string, EntityFacts['roles']>();
  const byHeadInArticle = new Map<string, EntityFacts['roles']>();
  for (const r of facts.roles) {
    const head = headOf(r.title);
    appendTo(byHead, head, r);
    appendTo(byHeadInArticle, `${head}\u0000${r.evidence.article}`, r);
  }
  const holders = (title: string, article?: string) => {
    const head = title.split(' ').filter((w) => !/^(to|of|in|for)$/.test(w));
    const last = headOf(title);
    const candidates = (article === undefined ? byHead.get(last) : byHeadInArticle.get(`${last}\u0000${article}`)) ?? [];
    const match = candidates.filter((r) => r.title === title || (r.title.endsWith(title) && head.length >= 2) || (title.endsWith(r.title) && r.title.split(' ').length >= 2));
    return [...new Set(match.map((r) => r.entity))];
  };
  const corpusWide = new Map<string, string | null>();
  return (title, article) => {
    const local = holders(title, article);
    if (local.length === 1) return local[0]!;
    if (local.length > 1) return null;
    let holder = corpusWide.get(title);
    if (holder === undefined) {
      const all = holders(title);
      holder = all.length === 1 ? all[0]! : null;
      corpusWide.set(title, holder);
    }
    return holder;
  };
}

/** The same objects in the same order. */
const sameItems = <T>(a: readonly T[], b: readonly T[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Rows made from facts, reusing the previous row at the same place when its fact is the same object and
 * `same` holds (what else the row reads is unchanged).
 */
function rowsOf<F, R>(facts: readonly F[], previous: { facts: readonly F[]; rows: readonly R[] } | undefined, make: (fact: F, i: number) => R, same: (row: R, fact: F) => boolean): R[] {
  return facts.map((fact, i) => {
    const before = previous?.rows[i];
    return before !== undefined && previous!.facts[i] === fact && same(before, fact) ? before : make(fact, i);
  });
}

/** The fact table from the linked facts, as steps: one per 64 people. A row whose facts are those of a row of `previous` is that row. */
function* assembleSteps(rows: Article[], mentions: Mention[], facts: EntityFacts, quotes: QuoteFact[], events: EventFact[], warnings: Warning[], previous: Assembled | null): Steps<{ table: FactTable; assembled: Assembled }> {
  const entitySet = new Set<string>();
  for (const m of mentions) entitySet.add(m.entity);
  const entities = [...entitySet];
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const e of entities) {
    let id = slug(e);
    while (taken.has(id)) id += '-2';
    taken.add(id);
    ids.set(e, id);
  }
  const mentionsOf = groupBy(mentions, (m) => m.entity);
  const rolesOf = groupBy(facts.roles, (r) => r.entity);
  const attributesOf = groupBy(facts.attributes, (a) => a.entity);
  const rowById = new Map(rows.map((r) => [r.id, r]));
  const people: Person[] = [];
  const madeFrom = new Map<string, PersonMadeFrom>();
  let step = 0;
  for (const entity of entities) {
    if ((++step & 63) === 0) yield;
    const own = mentionsOf.get(entity) ?? [];
    const roles = rolesOf.get(entity) ?? [];
    const attributes = attributesOf.get(entity) ?? [];
    const id = ids.get(entity)!;
    const before = previous?.people.get(entity);
    // The same mention objects are of the same (unchanged) articles, so their sentences are the same too.
    const reuse = before && before.row.id === id && sameItems(before.mentions, own) && sameItems(before.roles, roles) && sameItems(before.attributes, attributes);
    const row = reuse ? before.row : personRow(entity, id, own, roles, attributes, rowById);
    people.push(row);
    madeFrom.set(entity, { row, mentions: own, roles, attributes });
  }
  const personOf = (entity: string | null) => (entity ? ids.get(entity) ?? null : null);
  const eventRows = rowsOf(events, previous?.events, (e, i): Event => ({
    id: `e${i + 1}`,
    kind: e.kind,
    person: personOf(e.entity),
    subject: e.subject,
    role: e.role,
    date: e.date,
    place: e.place,
    announcedVia: e.announcedVia,
    helpedBy: e.helpedBy,
    evidence: e.evidence,
  }), (row, e) => row.person === personOf(e.entity));
  const quoteRows = rowsOf(quotes, previous?.quotes, (q, i): Quote => ({
    id: `q${i + 1}`,
    text: q.text,
    speaker: personOf(q.entity),
    speakerName: q.entity ?? q.speakerName,
    addressee: q.addressee,
    via: q.via,
    evidence: q.evidence,
  }), (row, q) => row.speaker === personOf(q.entity));
  const table: FactTable = {
    schema: 1,
    extractorVersion: EXTRACTOR_VERSION,
    generatedAt: new Date().toISOString(),
    articles: rows,
    people,
    events: eventRows,
    quotes: quoteRows,
    warnings,
  };
  return { table, assembled: { people: madeFrom, events: { facts: events, rows: eventRows }, quotes: { facts: quotes, rows: quoteRows } } };
}

function personRow(entity: string, id: string, own: Mention[], roles: EntityRole[], attributes: EntityFacts['attributes'], rowById: ReadonlyMap<string, Article>): Person {
  const aliases = [...new Set([entity, ...own.map((m) => m.surface), ...own.map((m) => m.form)])];
  const firstPerArticle = new Map<string, Mention>();
  for (const m of own) if (!firstPerArticle.has(m.article)) firstPerArticle.set(m.article, m);
  const mentionEvidence = [...firstPerArticle.values()].map((m) => {
    const sentence = rowById.get(m.article)!.sentences[m.sentence]!;
    return { article: m.article, sentence: m.sentence, start: m.start, end: m.end, text: sentence.text };
  });
  return {
    id,
    name: entity,
    aliases,
    roles: roles.map(({ entity: _e, ...r }) => r),
    attributes: attributes.map(({ entity: _e, ...a }) => a),
    articles: [...firstPerArticle.keys()],
    mentions: mentionEvidence,
  };
}
