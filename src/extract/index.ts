// The extraction pipeline: articles -> fact table. Stages run in this visible order:
// load -> clean+split (per article) -> people (corpus pass) -> merge names -> context -> quotes -> roles
// -> events (with dates) -> assemble people. compromise is reached only through ./nlp.ts.
import type { Event, FactTable, Person, Quote, Warning } from '../facts/schema.js';
import { prepareArticle } from './articles.js';
import { ArticleCache } from './cache.js';
import { defaultWorkers, prepareInWorkers } from './pool.js';
import { deserialise, serialise, type PreparedArticle } from './prepared.js';
import { analyseArticle, type ArticleContext } from './context.js';
import type { ArticleDoc } from './doc.js';
import { extractEvents, roleFromNP, type EventFact, type RoleLookup } from './events.js';
import { readSeeds, type RawArticle, type SeedsFolder } from './load.js';
import { clusterEntities, slug } from './merge.js';
import { findPeople, type Mention } from './people.js';
import { extractQuotes, type QuoteFact } from './quotes.js';
import { extractRolesAndAttributes, type EntityFacts } from './roles.js';
import { EXTRACTOR_VERSION } from './version.js';

export { EXTRACTOR_VERSION };

export type Progress = (done: number, total: number) => void;

export interface ExtractOptions {
  onProgress?: Progress;
  /** Folder of the per-article cache; no cache when absent. */
  cacheDir?: string;
  /** Worker threads for preparing articles; 1 prepares on this thread. Default: cores, when many articles changed. */
  workers?: number;
  /** Prepared articles kept in memory by a long-running process, by cache key; read and refreshed here. */
  memory?: Map<string, ArticleDoc>;
}

/** Articles to prepare before worker threads pay for their start-up (about a second each). */
const WORKER_THRESHOLD = 300;

export interface ExtractStats {
  articles: number;
  fromCache: number;
  prepared: number;
  workers: number;
}

export async function extractFromDir(dir: string, onProgress?: Progress, options: Omit<ExtractOptions, 'onProgress'> = {}): Promise<FactTable> {
  return (await extractFromDirWithStats(dir, { ...options, ...(onProgress ? { onProgress } : {}) })).table;
}

export async function extractFromDirWithStats(dir: string, options: ExtractOptions = {}): Promise<{ table: FactTable; stats: ExtractStats }> {
  return extractSeeds(await readSeeds(dir), options);
}

/** Extraction of a folder already read with `readSeeds` (a caller that also fingerprints it reads it once). */
export async function extractSeeds(seeds: SeedsFolder, options: ExtractOptions = {}): Promise<{ table: FactTable; stats: ExtractStats }> {
  const { docs, stats } = await prepareAll(seeds.articles, options);
  return { table: extractPrepared(docs, seeds.warnings), stats };
}

/** Stage 1-2 for every article: from the cache when unchanged, else cleaned and split (on workers when many). */
export async function prepareAll(raws: RawArticle[], options: ExtractOptions = {}): Promise<{ docs: ArticleDoc[]; stats: ExtractStats }> {
  const cache = options.cacheDir ? new ArticleCache(options.cacheDir) : null;
  const keyOf = (r: RawArticle) => ArticleCache.keyOf(r);
  const memory = options.memory;
  const inMemory = raws.map((r) => memory?.get(keyOf(r)) ?? null);
  const prepared: Array<PreparedArticle | null> = await Promise.all(raws.map((r, i) => (inMemory[i] || !cache ? null : cache.get(r))));
  const missing = raws.map((r, i) => ({ r, i })).filter(({ i }) => !prepared[i] && !inMemory[i]);
  let done = raws.length - missing.length;
  const tick = (n: number) => {
    done += n;
    options.onProgress?.(done, raws.length);
  };
  const workers = options.workers ?? (missing.length >= WORKER_THRESHOLD ? defaultWorkers() : 1);
  const fresh = workers > 1 && missing.length > 1
    ? await prepareInWorkers(missing.map(({ r }) => r), workers, tick)
    : missing.map(({ r }) => {
        const p = serialise(prepareArticle(r));
        tick(1);
        return p;
      });
  missing.forEach(({ i }, k) => {
    prepared[i] = fresh[k]!;
  });
  if (cache) await Promise.all(missing.map(({ r }, k) => cache.put(r, fresh[k]!)));
  const docs = raws.map((r, i) => inMemory[i] ?? deserialise(prepared[i]!));
  if (memory) {
    memory.clear();
    raws.forEach((r, i) => memory.set(keyOf(r), docs[i]!));
  }
  return {
    docs,
    stats: { articles: raws.length, fromCache: raws.length - missing.length, prepared: missing.length, workers: workers > 1 && missing.length > 1 ? workers : 1 },
  };
}

export function extractArticles(raw: RawArticle[], warnings: Warning[] = [], onProgress?: Progress): FactTable {
  const docs = raw.map((article, i) => {
    const doc = prepareArticle(article);
    onProgress?.(i + 1, raw.length);
    return doc;
  });
  return extractPrepared(docs, warnings);
}

/** Stages 3 onwards, across the corpus: people, merge, context, quotes, roles, events, assembly. */
export function extractPrepared(docs: ArticleDoc[], warnings: Warning[] = []): FactTable {
  for (const doc of docs) {
    if (doc.sentences.length === 0) warnings.push({ article: doc.id, message: 'no article text left after removing page furniture' });
  }
  const found = findPeople(docs);
  const allMentions = [...found.values()].flat();
  const canonical = clusterEntities(allMentions);
  for (const m of allMentions) m.entity = canonical.get(m.entity) ?? m.entity;
  const contexts = docs.map((doc) => analyseArticle(doc, found.get(doc.id) ?? []));
  const quotes = contexts.map((ctx) => extractQuotes(ctx));
  const facts: EntityFacts = { roles: [], attributes: [] };
  contexts.forEach((ctx, i) => {
    const f = extractRolesAndAttributes(ctx);
    facts.roles.push(...f.roles, ...rolesFromQuotes(quotes[i]!));
    facts.attributes.push(...f.attributes);
  });
  const lookup = roleLookup(facts);
  contexts.forEach((ctx, i) => attributeByRole(ctx, quotes[i]!, lookup));
  const events = contexts.flatMap((ctx, i) => extractEvents(ctx, facts, quotes[i]!, lookup));
  return assemble(docs, allMentions, facts, quotes.flat(), events, warnings);
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
  // Roles indexed by their last word, so a lookup scans only titles that can match.
  const byHead = new Map<string, EntityFacts['roles']>();
  for (const r of facts.roles) {
    const head = r.title.split(' ').at(-1)!;
    byHead.set(head, [...(byHead.get(head) ?? []), r]);
  }
  const holders = (title: string, article?: string) => {
    const head = title.split(' ').filter((w) => !/^(to|of|in|for)$/.test(w));
    const candidates = byHead.get(title.split(' ').at(-1)!) ?? [];
    const match = candidates.filter((r) => (article === undefined || r.evidence.article === article) && (r.title === title || (r.title.endsWith(title) && head.length >= 2) || (title.endsWith(r.title) && r.title.split(' ').length >= 2)));
    return [...new Set(match.map((r) => r.entity))];
  };
  return (title, article) => {
    const local = holders(title, article);
    if (local.length === 1) return local[0]!;
    if (local.length > 1) return null;
    const all = holders(title);
    return all.length === 1 ? all[0]! : null;
  };
}

function assemble(docs: ArticleDoc[], mentions: Mention[], facts: EntityFacts, quotes: QuoteFact[], events: EventFact[], warnings: Warning[]): FactTable {
  const entities = [...new Set(mentions.map((m) => m.entity))];
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const e of entities) {
    let id = slug(e);
    while (taken.has(id)) id += '-2';
    taken.add(id);
    ids.set(e, id);
  }
  const group = <T extends { entity: string }>(items: T[]) => {
    const out = new Map<string, T[]>();
    for (const item of items) out.set(item.entity, [...(out.get(item.entity) ?? []), item]);
    return out;
  };
  const mentionsOf = group(mentions);
  const rolesOf = group(facts.roles);
  const attributesOf = group(facts.attributes);
  const docById = new Map(docs.map((d) => [d.id, d]));
  const people: Person[] = entities.map((entity) => {
    const own = mentionsOf.get(entity) ?? [];
    const aliases = [...new Set([entity, ...own.map((m) => m.surface), ...own.map((m) => m.form)])];
    const firstPerArticle = new Map<string, Mention>();
    for (const m of own) if (!firstPerArticle.has(m.article)) firstPerArticle.set(m.article, m);
    const mentionEvidence = [...firstPerArticle.values()].map((m) => {
      const sentence = docById.get(m.article)!.sentences[m.sentence]!;
      return { article: m.article, sentence: m.sentence, start: m.start, end: m.end, text: sentence.text };
    });
    return {
      id: ids.get(entity)!,
      name: entity,
      aliases,
      roles: (rolesOf.get(entity) ?? []).map(({ entity: _e, ...r }) => r),
      attributes: (attributesOf.get(entity) ?? []).map(({ entity: _e, ...a }) => a),
      articles: [...firstPerArticle.keys()],
      mentions: mentionEvidence,
    };
  });
  const eventRows: Event[] = events.map((e, i) => ({
    id: `e${i + 1}`,
    kind: e.kind,
    person: e.entity ? ids.get(e.entity) ?? null : null,
    subject: e.subject,
    role: e.role,
    date: e.date,
    place: e.place,
    announcedVia: e.announcedVia,
    helpedBy: e.helpedBy,
    evidence: e.evidence,
  }));
  const quoteRows: Quote[] = quotes.map((q, i) => ({
    id: `q${i + 1}`,
    text: q.text,
    speaker: q.entity ? ids.get(q.entity) ?? null : null,
    speakerName: q.entity ?? q.speakerName,
    addressee: q.addressee,
    via: q.via,
    evidence: q.evidence,
  }));
  return {
    schema: 1,
    extractorVersion: EXTRACTOR_VERSION,
    generatedAt: new Date().toISOString(),
    articles: docs.map((d) => ({
      id: d.id,
      file: d.file,
      outlet: d.outlet,
      published: d.published,
      title: d.title,
      ...(d.url ? { url: d.url } : {}),
      text: d.clean.text,
      sentences: d.sentences.map(({ tokens: _t, heading: _h, ...s }) => s),
      hash: d.hash,
    })),
    people,
    events: eventRows,
    quotes: quoteRows,
    warnings,
  };
}
