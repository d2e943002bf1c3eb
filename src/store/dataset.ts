// The served dataset: the fact table in use and its answer index, swapped atomically on refresh.
// Start-up loads the stored table without importing the NLP library; extraction (which does) is loaded
// lazily, only when the table is missing, broken, stale, or a moderator refreshes. Refreshes and article
// changes are serialised: a second one waits for the first, and questions keep being answered meanwhile
// from the current table. A refresh that fails for any reason leaves the served table as it was.
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { buildIndex, warmSteps, type AnswerIndex } from '../answer/index.js';
import type { FactTable, Warning } from '../facts/schema.js';
import type { Extraction, ExtractionState } from '../extract/index.js';
import { articleIdOf, checkPublished, decodeArticle, hashText, MAX_ARTICLE_BYTES, readSeeds, type SeedsFolder } from '../extract/load.js';
import { runSliced, type Steps } from '../extract/steps.js';
import { EXTRACTOR_VERSION } from '../extract/version.js';
import { diffTables, emptyDiff } from './diff.js';
import { fingerprintOf } from './fingerprint.js';
import { seedsChangedSince } from './staleness.js';
import { previousFileOf, readTable, removeStaleTemps, writeFileAtomic, writeTable } from './tableFile.js';

export interface RefreshReport {
  ok: boolean;
  /** Why the refresh was refused; the served table is unchanged when ok is false. */
  error?: string;
  durationMs: number;
  /** When the new table was being served (before it was stored); equal to durationMs when nothing changed. */
  servedMs: number;
  articles: { added: string[]; removed: string[]; changed: string[] };
  people: { added: string[]; removed: string[] };
  events: { added: string[]; removed: string[] };
  quotes: { added: number; removed: number };
  warnings: Warning[];
  articleId?: string;
  /** Of the articles extracted, how many were reused from the previous extraction without reading their text. */
  reused?: { articles: number; of: number };
}

export interface DatasetOptions {
  seedsDir: string;
  dataFile: string;
  log?: (msg: string) => void;
  /**
   * Build the rest of each served index in the background (default true, for a running bot). A one-shot
   * command that asks a question and exits passes false: what it needs is built when first used.
   */
  warm?: boolean;
  /**
   * After the index warm-up, also prepare what the next refresh starts from (the extraction state of the
   * served articles, from the per-article cache), in the background (default false; the bot turns it on).
   * Without it the first refresh after a start reads and links every article (seconds at 1,000 articles,
   * tens of seconds at 10,000); with it, that refresh costs what any later one does. It costs that work once
   * after start-up, and the memory of the state.
   */
  prepareRefresh?: boolean;
}

export interface NewArticle {
  fileName: string;
  bytes: Uint8Array;
  published?: string;
  outlet?: string;
}

/** A refusal with a reason meant for the moderator. */
export class DatasetError extends Error {}

const SAFE_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}\.txt$/;

/** Checks an uploaded article's name, size and encoding; returns the decoded text or throws DatasetError. */
export function validateNewArticle(input: NewArticle, maxBytes = MAX_ARTICLE_BYTES): string {
  const name = input.fileName;
  if (name !== path.basename(name) || name.includes('..') || !SAFE_FILE_NAME.test(name)) {
    throw new DatasetError(`"${name.slice(0, 100)}" is not a safe file name: use letters, digits, "-", "_" or "." and end in .txt, with no folders.`);
  }
  if (input.bytes.length === 0) throw new DatasetError('The file is empty.');
  if (input.bytes.length > maxBytes) throw new DatasetError(`The file is ${input.bytes.length} bytes; the limit is ${maxBytes}.`);
  const text = decodeArticle(input.bytes);
  if (text === null) throw new DatasetError('The file is not UTF-8 text (it looks binary or uses another encoding).');
  if (!/[A-Za-z\u00C0-\u024F]{3,}/.test(text)) throw new DatasetError('The file has no readable text.');
  if (input.published !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.published)) throw new DatasetError(`published must be a date like 2012-08-06, not "${input.published.slice(0, 40)}".`);
    const bad = checkPublished(input.published);
    if (bad) throw new DatasetError(`published ${bad}.`);
  }
  if (input.outlet !== undefined && (input.outlet.trim().length === 0 || input.outlet.length > 100)) throw new DatasetError('outlet must be 1 to 100 characters.');
  return text;
}

export class Dataset {
  readonly seedsDir: string;
  readonly dataFile: string;
  private current: { table: FactTable; index: AnswerIndex };
  private queue: Promise<unknown> = Promise.resolve();
  private running = 0;
  private readonly log: (msg: string) => void;
  /** What the last extraction left, so the next refresh redoes only what changed. */
  private extraction: ExtractionState | null = null;
  private warming: Promise<void> = Promise.resolve();
  private preparing: Promise<void> = Promise.resolve();
  private readonly warmsInBackground: boolean;
  /** The seeds folder as last read, so the next read skips unchanged files. */
  private seedsRead: SeedsFolder | undefined;

  private constructor(options: DatasetOptions, table: FactTable) {
    this.seedsDir = options.seedsDir;
    this.dataFile = options.dataFile;
    this.log = options.log ?? (() => undefined);
    this.warmsInBackground = options.warm ?? true;
    this.current = { table, index: buildIndex(table) };
    this.warm(this.current.index);
    if (options.prepareRefresh && this.warmsInBackground) this.preparing = this.warming.then(() => this.prepareInBackground());
  }

  /**
   * Loads the stored table; extracts from the seeds when it is missing, broken, from another extractor
   * version or older than the seeds. If extraction fails too, the last good table (the `.prev.json` kept
   * beside it) is served, and the log says so.
   */
  static async open(options: DatasetOptions): Promise<Dataset> {
    const log = options.log ?? (() => undefined);
    const stale = await removeStaleTemps(options.dataFile);
    if (stale.length > 0) log(`[dataset] removed ${stale.length} temporary file(s) left by an interrupted write: ${stale.join(', ')}`);
    let stored: FactTable | null = null;
    let why = '';
    // Checked on another thread while this one reads the table.
    const seedsChanged = seedsChangedSince(options.seedsDir, options.dataFile);
    seedsChanged.catch(() => undefined); // not awaited when the table cannot be read
    try {
      stored = await readTable(options.dataFile);
      if (stored.extractorVersion !== EXTRACTOR_VERSION) why = `it was made by extractor ${stored.extractorVersion}, this is ${EXTRACTOR_VERSION}`;
      else if (await seedsChanged) why = 'the seeds folder changed since it was written';
    } catch (error) {
      why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no stored table yet' : (error as Error).message;
    }
    if (stored && !why) return new Dataset(options, stored);
    log(`[dataset] extracting from ${options.seedsDir}: ${why}`);
    try {
      const seeds = await readSeeds(options.seedsDir);
      const { table, state } = await extractValid(options.seedsDir, options.dataFile, seeds, fingerprintOf(seeds));
      await writeTable(options.dataFile, table);
      const dataset = new Dataset(options, table);
      dataset.extraction = state;
      dataset.seedsRead = seeds;
      return dataset;
    } catch (error) {
      const fallback = stored ?? (await readTable(previousFileOf(options.dataFile)).catch(() => null));
      if (fallback) {
        log(`[dataset] extraction failed (${(error as Error).message}); serving the last good table from ${fallback.generatedAt}`);
        return new Dataset(options, fallback);
      }
      throw new Error(`No fact table to serve: extraction failed (${(error as Error).message}) and no earlier table exists.`);
    }
  }

  get table(): FactTable {
    return this.current.table;
  }

  get index(): AnswerIndex {
    return this.current.index;
  }

  get busy(): boolean {
    return this.running > 0;
  }

  /** Re-extracts from the seeds folder, validates, writes and swaps the table in. Never throws. */
  refresh(onProgress?: (done: number, total: number) => void): Promise<RefreshReport> {
    return this.exclusive(() => this.refreshNow(onProgress));
  }

  /** Saves a new article (validated) with its manifest entry, then refreshes; undone if the refresh fails. */
  addArticle(input: NewArticle): Promise<RefreshReport> {
    return this.exclusive(async () => {
      const started = performance.now();
      let text: string;
      try {
        text = validateNewArticle(input);
      } catch (error) {
        return refused(started, (error as Error).message);
      }
      const id = articleIdOf(input.fileName);
      const file = path.join(this.seedsDir, input.fileName);
      if (this.table.articles.some((a) => a.id === id) || (await exists(file))) return refused(started, `An article named ${input.fileName} already exists; remove it first.`);
      const twin = this.table.articles.find((a) => a.hash === hashText(text));
      if (twin) return refused(started, `This text is already in the dataset as ${twin.id}.`);
      const manifestFile = path.join(this.seedsDir, 'manifest.json');
      const manifestBefore = await readFile(manifestFile, 'utf8').catch(() => null);
      const manifest = parseManifest(manifestBefore);
      // The manifest needs a publication date; without one the article loads with a warning and its
      // relative dates stay relative.
      if (input.published) manifest[input.fileName] = { published: input.published, outlet: input.outlet?.trim() || 'unknown' };
      await writeFile(file, input.bytes);
      if (input.published) await writeFileAtomic(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
      const report = await this.refreshNow();
      if (!report.ok) {
        await rm(file, { force: true });
        if (manifestBefore !== null) await writeFileAtomic(manifestFile, manifestBefore);
        return report;
      }
      return { ...report, articleId: id };
    });
  }

  /** Removes an article and its manifest entry, then refreshes; restored if the refresh fails. */
  removeArticle(id: string): Promise<RefreshReport> {
    return this.exclusive(async () => {
      const started = performance.now();
      const article = this.table.articles.find((a) => a.id === id);
      if (!article || article.file !== path.basename(article.file)) return refused(started, `No article with id "${id.slice(0, 100)}".`);
      const file = path.join(this.seedsDir, article.file);
      const bytes = await readFile(file).catch(() => null);
      const manifestFile = path.join(this.seedsDir, 'manifest.json');
      const manifestBefore = await readFile(manifestFile, 'utf8').catch(() => null);
      const manifest = parseManifest(manifestBefore);
      await rm(file, { force: true });
      if (manifest[article.file]) {
        delete manifest[article.file];
        await writeFileAtomic(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
      }
      const report = await this.refreshNow();
      if (!report.ok) {
        if (bytes) await writeFile(file, bytes);
        if (manifestBefore !== null) await writeFileAtomic(manifestFile, manifestBefore);
      }
      return report;
    });
  }

  /** Re-reads the stored table (another shard refreshed it). Keeps the current table if the file is bad. */
  async reload(): Promise<void> {
    const table = await readTable(this.dataFile);
    this.serve(table, buildIndex(table));
  }

  private async refreshNow(onProgress?: (done: number, total: number) => void): Promise<RefreshReport> {
    const started = performance.now();
    try {
      // Nothing changed since the served table was made: no extraction, no rewrite.
      const seeds = await readSeeds(this.seedsDir, this.seedsRead);
      this.seedsRead = seeds;
      const fingerprint = fingerprintOf(seeds);
      if (fingerprint === this.current.table.sourceFingerprint) {
        this.log('[dataset] refresh: the seeds are unchanged');
        const durationMs = performance.now() - started;
        return { ok: true, durationMs, servedMs: durationMs, ...emptyDiff(), warnings: this.current.table.warnings };
      }
      // In slices, so questions are answered from the served table while it runs.
      const { table, state, stats } = await extractValid(this.seedsDir, this.dataFile, seeds, fingerprint, onProgress, this.extraction, WARM_SLICE_MS);
      const index = buildIndex(table);
      // Served first, then compared and stored (still inside this exclusive section, so the next refresh
      // waits for it): questions get the new table without waiting for the report or for a large file to be
      // written. If storing fails, the new table stays served, the report says so, and the next start
      // rebuilds it from the seeds.
      const before = this.current.table;
      this.serve(table, index);
      this.extraction = state;
      const servedMs = performance.now() - started;
      const diff = diffTables(before, table);
      const warnings = [...table.warnings];
      try {
        await writeTable(this.dataFile, table, WARM_SLICE_MS);
      } catch (error) {
        const why = `the new table is served but could not be stored (${(error as Error).message}); a restart rebuilds it from the seeds`;
        this.log(`[dataset] ${why}`);
        warnings.push({ article: null, message: why });
      }
      this.log(`[dataset] refreshed: ${table.articles.length} articles, ${table.people.length} people, ${table.events.length} events, ${table.quotes.length} quotes`);
      return { ok: true, durationMs: performance.now() - started, servedMs, ...diff, warnings, reused: { articles: stats.reused, of: stats.articles } };
    } catch (error) {
      this.log(`[dataset] refresh refused: ${(error as Error).message}`);
      return refused(started, (error as Error).message);
    }
  }

  /** Swaps a table in; the parts of its index built on first use are built in the background meanwhile. */
  private serve(table: FactTable, index: AnswerIndex): void {
    this.current = { table, index };
    this.warm(index);
  }

  /** Builds the rest of a served index in the background, until another one is served. */
  private warm(index: AnswerIndex): void {
    if (this.warmsInBackground) this.warming = warmInBackground(index, () => this.current.index === index, () => this.running > 0);
  }

  /** Resolves when the served index is fully built (or another table replaced it first). */
  whenWarm(): Promise<void> {
    return this.warming;
  }

  /** Resolves when what the next refresh starts from is prepared (at once without prepareRefresh). */
  whenPrepared(): Promise<void> {
    return this.preparing;
  }

  /**
   * Builds the extraction state of the seeds from the per-article cache, a few milliseconds at a time. It takes
   * its turn in the queue of changes, so a refresh asked meanwhile waits for it, then starts from it (which
   * takes no longer than starting without it). It does nothing when a refresh already made a state. Then it
   * prepares one invented article, so the first article added does not pay for compiling the NLP code.
   */
  private prepareInBackground(): Promise<void> {
    const job = this.queue.then(async () => {
      if (this.extraction) return;
      const started = performance.now();
      try {
        const seeds = await readSeeds(this.seedsDir, this.seedsRead);
        const { extractSeeds } = await import('../extract/index.js');
        const { state } = await extractSeeds(seeds, { cacheDir: cacheDirOf(this.dataFile), sliceMs: WARM_SLICE_MS, workers: 1 });
        if (this.extraction) return;
        this.extraction = state;
        this.seedsRead = seeds;
        (await import('../extract/articles.js')).warmUp();
        this.log(`[dataset] the next refresh is prepared (${Math.round(performance.now() - started)} ms in the background)`);
      } catch (error) {
        // Only the speed of the next refresh depends on it: that refresh starts from nothing instead.
        this.log(`[dataset] could not prepare the next refresh: ${(error as Error).message}`);
      }
    });
    this.queue = job;
    return job;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    this.running++;
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next.finally(() => {
      this.running--;
    });
  }
}

/** Milliseconds of index building per turn of the event loop during the background warm-up. */
const WARM_SLICE_MS = 8;

/** How long the warm-up waits while a refresh or article change runs (it would only slow it down). */
const WARM_PAUSE_MS = 50;

/**
 * Builds the parts of the answer index that are otherwise built on first use, in the background after a table
 * is served: a few milliseconds at a time, so questions asked meanwhile wait at most one slice. It pauses while
 * a change runs, and stops when another table is served.
 */
async function warmInBackground(index: AnswerIndex, stillServed: () => boolean, changing: () => boolean): Promise<void> {
  // Each turn of the event loop also waits out a change. The timers are not unref'd: an unref'd immediate does
  // not wake an idle event loop, so the warm-up would crawl at one slice per wake-up. They keep a process alive
  // only until the warm-up ends (seconds at 10,000 articles).
  const turn = async () => {
    await nextTurn();
    while (changing()) await sleep(WARM_PAUSE_MS);
  };
  await turn(); // nothing is built in the caller's turn (serving a table)
  await runSliced(whileTrue(warmSteps(index), stillServed), WARM_SLICE_MS, turn);
}

/** The steps, each taken only while `go` says yes. */
function* whileTrue(steps: Steps<void>, go: () => boolean): Steps<void> {
  while (go()) {
    if (steps.next().done) return;
    yield;
  }
}

function refused(started: number, error: string): RefreshReport {
  const durationMs = performance.now() - started;
  return { ok: false, error, durationMs, servedMs: durationMs, ...emptyDiff(), warnings: [] };
}

/** The per-article cache lives beside the table, so a refresh re-prepares only new or changed articles. */
export const cacheDirOf = (dataFile: string) => path.join(path.dirname(dataFile), 'cache');

/** Extracts the seeds the caller read once (and fingerprinted), recording that fingerprint in the table. */
async function extractValid(seedsDir: string, dataFile: string, seeds: SeedsFolder, fingerprint: string, onProgress?: (done: number, total: number) => void, previous?: ExtractionState | null, sliceMs?: number): Promise<Extraction> {
  // The NLP library is heavy to import: only here, never on the answering path.
  const { extractSeeds } = await import('../extract/index.js');
  const { table, state, stats } = await extractSeeds(seeds, { cacheDir: cacheDirOf(dataFile), ...(onProgress ? { onProgress } : {}), ...(previous ? { previous } : {}), ...(sliceMs === undefined ? {} : { sliceMs }) });
  const unusable = whyUnusable(table, seedsDir);
  if (unusable) throw new Error(unusable);
  return { table: { ...table, sourceFingerprint: fingerprint }, state, stats };
}

/**
 * Why a freshly extracted table must not replace the served one, or null when it may. An article with no
 * sentence left (only page furniture) is in the table with a warning, but is not valid on its own.
 */
export function whyUnusable(table: FactTable, seedsDir: string): string | null {
  if (table.articles.some((a) => a.sentences.length > 0)) return null;
  const why = table.warnings.map((w) => `${w.article ?? 'seeds'}: ${w.message}`).join('; ');
  return `no valid article in ${seedsDir}${why ? ` (${why})` : ''}`;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(() => true, () => false);
}

function parseManifest(text: string | null): Record<string, unknown> {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
