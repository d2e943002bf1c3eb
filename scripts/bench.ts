// npm run bench [-- --quick] [--sizes seeds,1000,10000] [--rounds N] [--seed S] [--no-single-worker] [--out FILE]
// npm run bench -- --table FILE   prints the table of an earlier results file, without running anything.
// Full run: the seed articles, 1,000 and 10,000 generated articles; --quick: the seeds and 200. Prints a
// table and writes the results with the machine to bench/results.json (bench/results-quick.json for --quick).
// Corpora and tables go to bench/out/ (git-ignored).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runBench, type BenchResults, type SizeResult, type SizeSpec, type WaitSplit } from '../src/bench/run.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const value = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const known = new Set(['--quick', '--sizes', '--rounds', '--seed', '--out', '--no-single-worker', '--table']);
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (!known.has(a)) {
    console.error(`unknown argument ${a}\nusage: npm run bench [-- --quick] [--sizes seeds,1000,10000] [--rounds N] [--seed S] [--out FILE]`);
    process.exit(2);
  }
  if (['--sizes', '--rounds', '--seed', '--out', '--table'].includes(a)) i++;
}
const previous = value('table');
if (previous) {
  console.log(table(JSON.parse(await readFile(previous, 'utf8')) as BenchResults));
  process.exit(0);
}
const quick = flag('quick');
const sizes: SizeSpec[] = (value('sizes') ?? (quick ? 'seeds,200' : 'seeds,1000,10000')).split(',').map((s) => {
  if (s === 'seeds') return 'seeds';
  const n = Number(s.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) {
    console.error(`bad size "${s}"`);
    process.exit(2);
  }
  return n;
});
const out = value('out') ?? (quick ? 'bench/results-quick.json' : 'bench/results.json');
const rounds = Number(value('rounds') ?? (quick ? 60 : 150));
const singleWorker = !flag('no-single-worker');

const results = await runBench({
  sizes,
  outDir: 'bench/out',
  seed: value('seed') ?? 'dossier',
  rounds,
  singleWorker,
  log: (line) => console.error(line),
});
await mkdir(path.dirname(out), { recursive: true });
await writeFile(out, JSON.stringify(results, null, 2) + '\n');
console.log(table(results));
console.log(`\nwritten to ${out}`);

function table(r: BenchResults): string {
  const f = (x: number | null | undefined, d = 1) => (x === null || x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(d));
  const pct = (x: number | null | undefined) => (x === null || x === undefined ? '-' : `${(x * 100).toFixed(1)}%`);
  const ext = (s: SizeResult, w: number) => {
    const e = s.extraction.find((x) => x.workers === w);
    return e ? `${f(e.ms / 1000)} s (${f(e.articlesPerSec)}/s)` : '-';
  };
  const waits = (w: WaitSplit | null | undefined) => (w ? `${w.waited} of ${w.notWaited.n + w.waited} / ${w.over2msWaited} of ${w.over2ms}` : '-');
  const refresh = (r: SizeResult['refreshAddOne'] | undefined) => (r ? `${f(r.servedMs, 0)} / ${f(r.ms, 0)} ms${r.ok ? '' : ' (FAILED)'}` : '-');
  const rows: Array<[string, (s: SizeResult) => string, string]> = [
    ['articles (kB)', (s) => `${s.articles} (${f(s.kB, 0)})`, ''],
    ['load average at start (2 cores)', (s) => f(s.loadAverage, 2), ''],
    ['extraction, 1 worker', (s) => ext(s, 1), ''],
    ['extraction, 2 workers', (s) => ext(s, 2), 'both cores'],
    ['speedup 2 vs 1', (s) => (s.speedup === null ? '-' : `${f(s.speedup, 2)}x`), ''],
    ['refresh adding 1 article, first after start: served / stored', (s) => refresh(s.refreshAddOne), '<= 1000 ms'],
    ['  prepared in the background after start', (s) => (s.inProcess.prepareMs === undefined ? '-' : `${f(s.inProcess.prepareMs, 0)} ms`), ''],
    ['refresh adding 1 more (running bot): served / stored', (s) => refresh(s.refreshAddAnother), '<= 1000 ms'],
    ['refresh, nothing changed', (s) => `${f(s.refreshUnchanged.ms, 0)} ms`, ''],
    ['start-up to loaded table (fresh node)', (s) => `${f(s.startup.readyMs, 0)} ms`, '<= 1000 ms'],
    ['  of which Dataset.open', (s) => `${f(s.startup.openMs, 0)} ms`, ''],
    ['  of which node + build check before the first line', (s) => `${f(s.startup.scriptStartMs, 0)} ms`, ''],
    ['  of which importing (from the build)', (s) => `${f(s.startup.importMs, 0)} ms`, ''],
    ['  readTable / buildIndex alone', (s) => `${f(s.startup.readTableMs, 0)} / ${f(s.startup.buildIndexMs, 0)} ms`, ''],
    ['  stored table found stale', (s) => (s.startup.logs.length ? 'YES (see logs)' : 'no'), 'no'],
    ['  NLP library needed', (s) => (s.startup.withoutNlp ? 'no' : 'YES'), 'no'],
    ['RSS after load', (s) => `${f(s.startup.rssMB, 0)} MB`, '<= 400 MB'],
    ['RSS with the index fully built', (s) => `${f(s.startup.rssWarmMB, 0)} MB`, ''],
    ['index warm-up in the background after start', (s) => `${f(s.inProcess.warmMs, 0)} ms`, ''],
    ['table file', (s) => `${f(s.table.fileMB)} MB`, ''],
    ['answer p50 / p99, first 1,000 after start', (s) => `${f(s.answer.all.p50, 3)} / ${f(s.answer.all.p99, 3)} ms`, 'p99 <= 2 ms'],
    ['answer p50 / p99, the next 1,000', (s) => (s.answer.steady ? `${f(s.answer.steady.p50, 3)} / ${f(s.answer.steady.p99, 3)} ms` : '-'), 'p99 <= 2 ms'],
    ['  answers that waited for a CPU / of those over 2 ms', (s) => waits(s.answer.runQueue?.first), ''],
    ['  p99 of the answers that never waited, first / next', (s) => (s.answer.runQueue?.first && s.answer.runQueue.next ? `${f(s.answer.runQueue.first.notWaited.p99, 3)} / ${f(s.answer.runQueue.next.notWaited.p99, 3)} ms` : '-'), 'p99 <= 2 ms'],
    ['autocomplete p50 / p99', (s) => `${f(s.autocomplete.p50, 3)} / ${f(s.autocomplete.p99, 3)} ms`, 'p99 <= 2 ms'],
    ['/ask p50 vs pong p50', (s) => `${f(s.roundTrip.ask.p50, 2)} / ${f(s.roundTrip.pong.p50, 2)} ms`, ''],
    ['/ask / pong ratio', (s) => `${f(s.roundTrip.ratio, 2)}x`, '<= 1.5x'],
    ['defections P / R', (s) => (s.quality ? `${pct(s.quality.defections.precision)} / ${pct(s.quality.defections.recall)}` : '-'), '>= 1,000'],
    ['  recall, main stories', (s) => (s.quality ? pct(s.quality.defections.mainRecall) : '-'), ''],
    ['  dates right (found)', (s) => (s.quality ? pct(s.quality.defections.dateAccuracy) : '-'), ''],
    ['quotes P / R (text+speaker)', (s) => (s.quality ? `${pct(s.quality.quotes.precision)} / ${pct(s.quality.quotes.recall)}` : '-'), '>= 1,000'],
    ['denials counted as defections', (s) => (s.quality ? `${s.quality.denialsCounted} of ${s.quality.denials}` : '-'), '0'],
    ['"when" answers cite a planted article', (s) => pct(s.answer.whenCitesPlantedArticle), ''],
    ['unknown people: nothing cited', (s) => pct(s.answer.unknownCitesNothing), '100%'],
  ];
  const header = ['', ...r.sizes.map((s) => s.label), 'target'];
  const body = rows.map(([name, fn, target]) => [name, ...r.sizes.map(fn), target]);
  const widths = header.map((_, i) => Math.max(...[header, ...body].map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => '| ' + row.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
  const m = r.machine;
  return [
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, Node ${m.node}, ${m.platform}; load average at start ${m.loadAverageAtStart.join(' ')}`,
    '',
    line(header),
    '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|',
    ...body.map(line),
  ].join('\n');
}
