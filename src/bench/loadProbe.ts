// Start-up probe, run by the benchmark in a fresh process started as `npm start` starts the bot
// (scripts/start-load-probe.mjs: from the build): opens the Dataset exactly as the bot does at start (stored
// table + answer index), then prints one JSON line: times since process start, and memory after load.
// Usage: node scripts/start-load-probe.mjs [--guard] SEEDS_DIR DATA_FILE
import { register } from 'node:module';

const processStartToScript = performance.now();
const args = process.argv.slice(2);
// With --guard, importing the NLP library fails the probe. The guard is a module resolve hook, which node runs
// on a loader thread that every later import then goes through, so the timed runs go without it.
const guard = args[0] === '--guard';
if (guard) {
  const hook = `export async function resolve(specifier, context, next) {
  if (/^compromise(?:-|\\/|$)/.test(specifier)) throw new Error('start-up imported the NLP library: ' + specifier);
  return next(specifier, context);
}`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
}

const [seedsDir, dataFile] = guard ? args.slice(1) : args;
if (!seedsDir || !dataFile) {
  console.error('usage: loadProbe.ts [--guard] SEEDS_DIR DATA_FILE');
  process.exit(2);
}
const logs: string[] = [];
try {
  const t0 = performance.now();
  const { Dataset } = await import('../store/dataset.js');
  const t1 = performance.now();
  const dataset = await Dataset.open({ seedsDir, dataFile, log: (m) => logs.push(m) });
  const t2 = performance.now();
  const mem = process.memoryUsage();
  // The load path alone (read + validate + index), whatever Dataset.open decided about staleness.
  const { readTable } = await import('../store/tableFile.js');
  const { buildIndex } = await import('../answer/index.js');
  const t3 = performance.now();
  const table = await readTable(dataFile);
  const t4 = performance.now();
  buildIndex(table);
  const t5 = performance.now();
  // Memory once the background warm-up has built every lazy part of the served index.
  const { warmIndex } = await import('../answer/index.js');
  warmIndex(dataset.index);
  const warm = process.memoryUsage();
  console.log(
    JSON.stringify({
      ok: true,
      execArgv: process.execArgv,
      scriptStartMs: processStartToScript,
      importMs: t1 - t0,
      openMs: t2 - t1,
      readTableMs: t4 - t3,
      buildIndexMs: t5 - t4,
      readyMs: t2,
      rssMB: mem.rss / 2 ** 20,
      heapUsedMB: mem.heapUsed / 2 ** 20,
      rssWarmMB: warm.rss / 2 ** 20,
      articles: dataset.table.articles.length,
      people: dataset.table.people.length,
      extracted: logs.some((l) => /extracting/.test(l)),
      logs,
    }),
  );
} catch (error) {
  console.log(JSON.stringify({ ok: false, error: (error as Error).message, logs }));
  process.exitCode = 1;
}
