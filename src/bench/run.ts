// The benchmark: for each corpus size (the seed articles, then generated corpora) it measures full extraction
// (one worker thread vs two), start-up to a loaded table in a fresh process (without the NLP library), answer
// and autocomplete latency, planted-fact precision/recall, the /ask round trip against a bare pong bot, and a
// refresh after adding one article. Used by scripts/bench.ts; every number lands in the returned results.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { answer, buildIndex, completeNames } from '../answer/index.js';
import { extractFromDirWithStats } from '../extract/index.js';
import { appendTo } from '../extract/collections.js';
import type { FactTable } from '../facts/schema.js';
import { cacheDirOf, Dataset } from '../store/dataset.js';
import { writeTable } from '../store/tableFile.js';
import { ensureBuilt } from '../../scripts/build.mjs';
import { generateCorpus, plantedFor, writeCorpus, type CorpusFile } from './generate.js';
import type { Planted } from './planted.js';
import { autocompletePrefixes, QUESTION_KINDS, questionsFromPlanted, questionsFromTable, type BenchQuestion, type QuestionKind } from './questions.js';
import { measureRoundTrip, type RoundTrip } from './roundtrip.js';
import { scoreTable, type Score } from './score.js';
import { timeWithWait } from './runQueue.js';
import { round, roundAll, summarize, type Summary } from './stats.js';

export type SizeSpec = 'seeds' | number;

export interface BenchOptions {
  sizes: SizeSpec[];
  /** Working folder for corpora and tables (git-ignored). */
  outDir: string;
  seed: string;
  /** /ask vs pong rounds per size. */
  rounds: number;
  /** Also extract on one worker (for the 1-vs-2 comparison); costly at 10,000 articles. */
  singleWorker: boolean;
  log: (line: string) => void;
}

export interface ExtractionRun {
  workers: number;
  ms: number;
  articlesPerSec: number;
  kBPerSec: number;
}

export interface StartupProbe {
  /** Process spawn -> table loaded and indexed, measured by the parent (includes node's start). */
  wallMs: number;
  /** Same, measured inside the child from its process start. */
  readyMs: number;
  /** Process start to the probe's first line: node, and checking that the build is current (the same for any table). */
  scriptStartMs: number;
  /** Importing the store + answer code from the build. */
  importMs: number;
  /** Dataset.open: read, parse, validate the table, build the answer index. */
  openMs: number;
  /** Measured again after open, in the same child: readTable (read + JSON.parse + zod) and buildIndex. */
  readTableMs: number;
  buildIndexMs: number;
  /** Dataset.open's log: non-empty when it found the stored table stale and tried to extract. */
  logs: string[];
  rssMB: number;
  heapUsedMB: number;
  /** RSS once every lazily built part of the index is built (what a running bot settles at). */
  rssWarmMB: number;
  /** The node flags the probe ran with (those of `npm start`). */
  nodeFlags: string[];
  /** A first probe, run with a guard that refuses to import the NLP library, loaded the table. */
  withoutNlp: boolean;
}

export interface SizeResult {
  label: string;
  /** 1-minute load average when this size started (the machine is shared). */
  loadAverage: number;
  articles: number;
  kB: number;
  extraction: ExtractionRun[];
  /** Two workers vs one: time(1) / time(2). */
  speedup: number | null;
  table: { people: number; events: number; defections: number; quotes: number; fileMB: number };
  startup: StartupProbe;
  inProcess: { openMs: number; buildIndexMs: number; /** Background build of the index's lazy parts after start-up. */ warmMs?: number; /** Then the background preparation of the next refresh (the extraction state, from the cache). */ prepareMs?: number };
  answer: {
    all: Summary;
    /** Five more passes after the first five: a bot that has been answering for a while. */
    steady?: Summary;
    /** The same answers split by whether the thread waited for a CPU while answering (null off Linux). */
    runQueue: { first: WaitSplit | null; next: WaitSplit | null };
    byKind: Partial<Record<QuestionKind, Summary>>; whenCitesPlantedArticle: number | null; unknownCitesNothing: number | null; questions: number };
  autocomplete: Summary & { maxChoices: number };
  quality: Omit<Score, 'examples'> | null;
  qualityExamples: Score['examples'] | null;
  roundTrip: RoundTrip;
  /**
   * The first refresh after start-up, once the bot prepared it in the background (inProcess.prepareMs). A
   * refresh asked before that waits for the preparation, then costs the same.
   */
  refreshAddOne: { ok: boolean; ms: number; servedMs: number; error?: string };
  /** The next one, from the state the first left: what a running bot pays. */
  refreshAddAnother: { ok: boolean; ms: number; servedMs: number; error?: string };
  refreshUnchanged: { ok: boolean; ms: number };
}

/**
 * Answers split by run-queue wait: on this shared 2-core machine the slowest answers are mostly ones during
 * which the thread was ready but had no CPU (src/bench/runQueue.ts), which no change to the answer code fixes.
 */
export interface WaitSplit {
  /** Answers during which the thread waited for a CPU at all. */
  waited: number;
  /** Answers slower than 2 ms, and how many of them waited for a CPU. */
  over2ms: number;
  over2msWaited: number;
  /** Latency of the answers that never waited: the answer code's own cost. */
  notWaited: Summary;
}

export function waitSplit(samples: ReadonlyArray<{ ms: number; waitedMs: number | null }>): WaitSplit | null {
  if (samples.length === 0 || samples.some((s) => s.waitedMs === null)) return null;
  const waited = samples.filter((s) => s.waitedMs! > 0);
  const over = samples.filter((s) => s.ms > 2);
  return {
    waited: waited.length,
    over2ms: over.length,
    over2msWaited: over.filter((s) => s.waitedMs! > 0).length,
    notWaited: roundAll(summarize(samples.filter((s) => s.waitedMs === 0).map((s) => s.ms))),
  };
}

export interface BenchResults {
  generatedAt: string;
  command: string;
  machine: { cpu: string; cores: number; memoryGB: number; node: string; platform: string; loadAverageAtStart: number[] };
  seed: string;
  sizes: SizeResult[];
}

const REPO = path.resolve(import.meta.dirname, '../..');

export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const cpus = os.cpus();
  const results: BenchResults = {
    generatedAt: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    machine: {
      cpu: cpus[0]?.model ?? 'unknown',
      cores: cpus.length,
      memoryGB: round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      loadAverageAtStart: os.loadavg().map(round),
    },
    seed: options.seed,
    sizes: [],
  };
  for (const size of options.sizes) results.sizes.push(await benchSize(size, options));
  return results;
}

async function benchSize(size: SizeSpec, options: BenchOptions): Promise<SizeResult> {
  const label = size === 'seeds' ? 'seeds' : `${size}`;
  const log = (s: string) => options.log(`[bench ${label}] ${s}`);
  const loadAverage = round(os.loadavg()[0] ?? NaN);
  const base = path.join(options.outDir, size === 'seeds' ? 'seeds' : `gen-${size}`);
  const seedsDir = path.join(base, 'seeds');
  const dataFile = path.join(base, 'facts.json');
  await rm(base, { recursive: true, force: true });
  await mkdir(seedsDir, { recursive: true });

  // The corpus, and two more articles held back for the refresh measurements.
  let planted: Planted | null = null;
  let extras: CorpusFile[];
  if (size === 'seeds') {
    for (const f of await readdir(path.join(REPO, 'seeds'))) {
      if (f.endsWith('.txt') || f === 'manifest.json') await cp(path.join(REPO, 'seeds', f), path.join(seedsDir, f));
    }
    extras = generateCorpus({ articles: 2, seed: options.seed }).files.map((one) => ({ ...one, file: `added_${one.file}` }));
  } else {
    log(`generating ${size} + 2 articles`);
    const corpus = generateCorpus({ articles: size + 2, seed: options.seed });
    const kept = corpus.files.slice(0, size);
    extras = corpus.files.slice(size);
    const ids = new Set(kept.map((f) => f.file.replace(/\.txt$/, '')));
    const manifest = Object.fromEntries(kept.map((f) => [f.file, corpus.manifest[f.file]!]));
    planted = plantedFor(corpus.planted, ids);
    await writeCorpus(seedsDir, { files: kept, manifest, planted }, { planted: false });
    await writeFile(path.join(base, 'planted.json'), JSON.stringify(planted) + '\n');
  }
  const files = (await readdir(seedsDir)).filter((f) => f.endsWith('.txt'));
  let bytes = 0;
  for (const f of files) bytes += (await stat(path.join(seedsDir, f))).size;
  const kB = bytes / 1024;

  // Full extraction: one worker thread vs two, each with a fresh per-article cache (the second one stays,
  // as the cache the served dataset refreshes from).
  const extraction: ExtractionRun[] = [];
  let table: FactTable | null = null;
  for (const workers of options.singleWorker ? [1, 2] : [2]) {
    await rm(cacheDirOf(dataFile), { recursive: true, force: true });
    log(`extracting ${files.length} articles (${kB.toFixed(0)} kB) on ${workers} worker(s)`);
    let lastPct = -1;
    const started = performance.now();
    const run = await extractFromDirWithStats(seedsDir, {
      workers,
      cacheDir: cacheDirOf(dataFile),
      onProgress: (done, total) => {
        const pct = Math.floor((done / total) * 10);
        if (pct !== lastPct && total >= 100) {
          lastPct = pct;
          log(`  ${done}/${total} prepared (${((performance.now() - started) / 1000).toFixed(0)} s)`);
        }
      },
    });
    const ms = performance.now() - started;
    extraction.push({ workers: run.stats.workers, ms: round(ms), articlesPerSec: round(files.length / (ms / 1000)), kBPerSec: round(kB / (ms / 1000)) });
    log(`  ${(ms / 1000).toFixed(1)} s, ${(files.length / (ms / 1000)).toFixed(1)} articles/s (workers used: ${run.stats.workers})`);
    table = run.table;
  }
  if (!table) throw new Error('no extraction ran');
  await writeTable(dataFile, table);
  const one = extraction.find((e) => e.workers === 1);
  const two = extraction.find((e) => e.workers === 2);
  const speedup = one && two ? round(one.ms / two.ms) : null;

  const score = planted ? scoreTable(table, planted) : null;
  if (score) log(`defections P ${score.defections.precision.toFixed(3)} R ${score.defections.recall.toFixed(3)}; quotes P ${score.quotes.precision.toFixed(3)} R ${score.quotes.recall.toFixed(3)}; denials counted ${score.denialsCounted}`);

  // Start-up in a fresh process: once with the guard against the NLP library, then the median of three timed.
  log('start-up probes');
  const guarded = await probeStartup(seedsDir, dataFile, { guard: true });
  const probes: StartupProbe[] = [];
  for (let i = 0; i < 3; i++) probes.push(await probeStartup(seedsDir, dataFile));
  probes.sort((a, b) => a.readyMs - b.readyMs);
  const startup = { ...probes[1]!, withoutNlp: guarded.withoutNlp };

  // In this process: open the served dataset from the stored table, as the bot does.
  let t = performance.now();
  const dataset = await Dataset.open({ seedsDir, dataFile, prepareRefresh: true });
  const openMs = performance.now() - t;
  // The served index builds its lazy parts in the background after start-up; the latencies below are the
  // steady state, measured once that is done (questions asked during it wait at most one 8 ms slice).
  t = performance.now();
  await dataset.whenWarm();
  const warmMs = performance.now() - t;
  // Then, as the bot does, it prepares its next refresh from the per-article cache (also in the background).
  t = performance.now();
  await dataset.whenPrepared();
  const prepareMs = performance.now() - t;
  t = performance.now();
  buildIndex(dataset.table);
  const buildIndexMs = performance.now() - t;

  // Answers.
  const questions: BenchQuestion[] = planted ? questionsFromPlanted(planted, 200) : questionsFromTable(dataset.table, 200);
  for (const q of questions) answer(dataset.index, q.question);
  const all: number[] = [];
  const byKind = new Map<QuestionKind, number[]>();
  const answerStart = performance.now();
  // Up to five timed passes over the questions, while the time budget since answerStart lasts (but at least
  // `minPasses`).
  const timedPasses = (budgetMs: number, minPasses: number, record: (q: BenchQuestion, ms: number, waitedMs: number | null) => void) => {
    for (let pass = 0; pass < 5 && (pass < minPasses || performance.now() - answerStart < budgetMs); pass++) {
      for (const q of questions) {
        const { ms, waitedMs } = timeWithWait(() => answer(dataset.index, q.question));
        record(q, ms, waitedMs);
      }
    }
  };
  // Five passes, fewer if a pass is slow (a time budget of about a minute), at least one.
  const firstWaits: Array<{ ms: number; waitedMs: number | null }> = [];
  timedPasses(60_000, 1, (q, ms, waitedMs) => {
    all.push(ms);
    firstWaits.push({ ms, waitedMs });
    appendTo(byKind, q.kind, ms);
  });
  // The same five passes again, so a bot that has been answering for a while is measured apart: the first
  // thousand answers have a slower tail, nearly all of it time spent waiting for a CPU (runQueue).
  const steady: number[] = [];
  const nextWaits: Array<{ ms: number; waitedMs: number | null }> = [];
  timedPasses(120_000, 0, (_, ms, waitedMs) => {
    steady.push(ms);
    nextWaits.push({ ms, waitedMs });
  });
  const whens = questions.filter((q) => q.kind === 'when' && q.expectArticles);
  const whenHits = whens.filter((q) => answer(dataset.index, q.question).sources.some((s) => q.expectArticles!.includes(s.article))).length;
  const unknowns = questions.filter((q) => q.expectNoSource);
  const unknownOk = unknowns.filter((q) => answer(dataset.index, q.question).sources.length === 0).length;

  // Autocomplete.
  const names = planted ? planted.people.flatMap((p) => p.spellings) : dataset.table.people.flatMap((p) => p.aliases);
  const prefixes = autocompletePrefixes(names, 500);
  for (const p of prefixes) completeNames(dataset.index, p);
  const ac: number[] = [];
  let maxChoices = 0;
  const acStart = performance.now();
  for (let pass = 0; pass < 3 && (pass === 0 || performance.now() - acStart < 60_000); pass++) {
    for (const p of prefixes) {
      const s = performance.now();
      const choices = completeNames(dataset.index, p);
      ac.push(performance.now() - s);
      maxChoices = Math.max(maxChoices, choices.length);
    }
  }

  log(`round trip: ${options.rounds} /ask and ${options.rounds} pong commands`);
  const roundTrip = await measureRoundTrip(dataset, questions.map((q) => q.question), options.rounds);

  log('refresh after adding one article, then another');
  const add = (f: CorpusFile) => dataset.addArticle({ fileName: f.file, bytes: Buffer.from(f.text), published: f.published, outlet: f.outlet });
  const added = await add(extras[0]!);
  const addedAnother = await add(extras[1]!);
  const unchanged = await dataset.refresh();

  const defections = dataset.table.events.filter((e) => e.kind === 'defection').length;
  return {
    label: size === 'seeds' ? 'seeds (5)' : `${size}`,
    loadAverage,
    articles: files.length,
    kB: round(kB),
    extraction,
    speedup,
    table: { people: table.people.length, events: table.events.length, defections, quotes: table.quotes.length, fileMB: round((await stat(dataFile)).size / 2 ** 20) },
    startup,
    inProcess: { openMs: round(openMs), buildIndexMs: round(buildIndexMs), warmMs: round(warmMs), prepareMs: round(prepareMs) },
    answer: {
      all: roundAll(summarize(all)),
      ...(steady.length > 0 ? { steady: roundAll(summarize(steady)) } : {}),
      runQueue: { first: waitSplit(firstWaits), next: waitSplit(nextWaits) },
      byKind: Object.fromEntries(QUESTION_KINDS.filter((k) => byKind.has(k)).map((k) => [k, roundAll(summarize(byKind.get(k)!))])),
      whenCitesPlantedArticle: whens.length ? round(whenHits / whens.length) : null,
      unknownCitesNothing: unknowns.length ? round(unknownOk / unknowns.length) : null,
      questions: questions.length,
    },
    autocomplete: { ...roundAll(summarize(ac)), maxChoices },
    quality: score ? { defections: roundAll(score.defections), quotes: roundAll(score.quotes), denialsCounted: score.denialsCounted, denials: score.denials } : null,
    qualityExamples: score?.examples ?? null,
    roundTrip: { ask: roundAll(roundTrip.ask), pong: roundAll(roundTrip.pong), ratio: round(roundTrip.ratio), notImmediate: roundTrip.notImmediate },
    refreshAddOne: { ok: added.ok, ms: round(added.durationMs), servedMs: round(added.servedMs), ...(added.error ? { error: added.error } : {}) },
    refreshAddAnother: { ok: addedAnother.ok, ms: round(addedAnother.durationMs), servedMs: round(addedAnother.servedMs), ...(addedAnother.error ? { error: addedAnother.error } : {}) },
    refreshUnchanged: { ok: unchanged.ok, ms: round(unchanged.durationMs) },
  };
}

/** The node flags `npm start` runs the bot with: the words between `node` and the script in package.json. */
export function startFlags(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const words = (manifest.scripts?.start ?? '').split(/\s+/);
  if (words[0] !== 'node') throw new Error(`package.json's start script does not run node: "${manifest.scripts?.start ?? ''}"`);
  return words.slice(1, words.findIndex((w, i) => i > 0 && !w.startsWith('-')));
}

/**
 * Runs src/bench/loadProbe.ts in a fresh node, started from the build and with the flags `npm start` uses for
 * the bot, and reads its one JSON line. With `guard`, importing the NLP library fails the probe.
 */
export async function probeStartup(seedsDir: string, dataFile: string, options: { guard?: boolean } = {}): Promise<StartupProbe> {
  await ensureBuilt(); // so that no timed probe includes a build
  const started = performance.now();
  const args = [path.join(REPO, 'scripts/start-load-probe.mjs'), ...(options.guard ? ['--guard'] : []), path.resolve(seedsDir), path.resolve(dataFile)];
  const child = spawn(process.execPath, [...startFlags(), ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const wallMs = performance.now() - started;
  const line = out.trim().split('\n').at(-1) ?? '';
  let parsed: { ok?: boolean; error?: string; execArgv?: string[]; readyMs?: number; scriptStartMs?: number; importMs?: number; openMs?: number; readTableMs?: number; buildIndexMs?: number; rssMB?: number; rssWarmMB?: number; heapUsedMB?: number; extracted?: boolean; logs?: string[] };
  try {
    parsed = JSON.parse(line) as typeof parsed;
  } catch {
    throw new Error(`start-up probe failed (exit ${code}): ${err.slice(0, 500) || out.slice(0, 500)}`);
  }
  if (!parsed.ok) throw new Error(`start-up probe failed: ${parsed.error ?? 'unknown'}`);
  return {
    wallMs: round(wallMs),
    nodeFlags: parsed.execArgv ?? [],
    readyMs: round(parsed.readyMs ?? NaN),
    scriptStartMs: round(parsed.scriptStartMs ?? NaN),
    importMs: round(parsed.importMs ?? NaN),
    openMs: round(parsed.openMs ?? NaN),
    readTableMs: round(parsed.readTableMs ?? NaN),
    buildIndexMs: round(parsed.buildIndexMs ?? NaN),
    logs: parsed.logs ?? [],
    rssMB: round(parsed.rssMB ?? NaN),
    heapUsedMB: round(parsed.heapUsedMB ?? NaN),
    rssWarmMB: round(parsed.rssWarmMB ?? NaN),
    withoutNlp: options.guard === true && parsed.extracted === false,
  };
}
