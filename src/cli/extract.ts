// `npm run extract [-- --seeds DIR --out FILE]`: extract the fact table and write it atomically.
import { extractFromDir } from '../extract/index.js';
import { cacheDirOf, whyUnusable } from '../store/dataset.js';
import { writeTable } from '../store/tableFile.js';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

const seeds = option('--seeds', process.env.SEEDS_DIR ?? 'seeds');
const out = option('--out', process.env.DATA_FILE ?? 'data/facts.json');
const started = performance.now();
const progress = process.stderr.isTTY
  ? (done: number, total: number) => process.stderr.write(`\rextracting ${done}/${total}`)
  : undefined;
const table = await extractFromDir(seeds, progress, { cacheDir: cacheDirOf(out) }).catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
if (progress) process.stderr.write('\n');
const unusable = whyUnusable(table, seeds);
if (unusable) {
  process.stderr.write(`${unusable}; ${out} left unchanged\n`);
  process.exit(1);
}
await writeTable(out, table);
const ms = Math.round(performance.now() - started);
process.stdout.write(`${table.articles.length} articles, ${table.people.length} people, ${table.events.length} events, ${table.quotes.length} quotes -> ${out} in ${ms} ms\n`);
for (const w of table.warnings) process.stdout.write(`warning: ${w.article ?? 'seeds'}: ${w.message}\n`);
