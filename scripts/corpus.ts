// npm run corpus -- --articles N --out DIR [--seed S]
// Writes N generated articles, manifest.json and planted.json (the facts planted) into DIR.
import { generateCorpus, writeCorpus } from '../src/bench/generate.ts';

function usage(message?: string): never {
  if (message) console.error(message);
  console.error('usage: npm run corpus -- --articles N --out DIR [--seed S]');
  process.exit(2);
}

const args = process.argv.slice(2);
const opts: Record<string, string> = {};
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (!a.startsWith('--')) usage(`unexpected argument ${a}`);
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) usage(`${a} needs a value`);
  opts[a.slice(2)] = value;
  i++;
}
for (const k of Object.keys(opts)) if (!['articles', 'out', 'seed'].includes(k)) usage(`unknown option --${k}`);
const articles = Number(opts.articles);
if (!Number.isInteger(articles) || articles < 1) usage('--articles must be a positive integer');
if (!opts.out) usage('--out is required');
const started = performance.now();
const corpus = generateCorpus({ articles, seed: opts.seed ?? 'dossier' });
await writeCorpus(opts.out, corpus);
const bytes = corpus.files.reduce((s, f) => s + Buffer.byteLength(f.text), 0);
const p = corpus.planted;
console.log(
  `${articles} articles (${(bytes / 1024).toFixed(0)} kB, seed "${p.seed}") in ${opts.out}: ${p.defections.length} defections, ${p.quotes.length} quotes, ${p.denials.length} denials, ${p.events.length} other events, ${p.people.length} people planted (${((performance.now() - started) / 1000).toFixed(1)} s)`,
);
