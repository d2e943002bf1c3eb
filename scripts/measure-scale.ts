// Answer and autocomplete latency on a large stored table, e.g. one `npm run bench` generated:
//   npx tsx scripts/measure-scale.ts bench/out/gen-10000/facts.json [bench/out/gen-10000/seeds]
// Prints p50 and max over 20 runs (after one warm-up) for a fixed mix of questions and prefixes; with a seeds
// folder, also the time to fingerprint it (what a refresh of unchanged seeds costs).
import { readFile } from 'node:fs/promises';
import { answer, buildIndex, completeNames } from '../src/answer/index.js';
import type { FactTable } from '../src/facts/schema.js';
import { seedsFingerprint } from '../src/store/fingerprint.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: npx tsx scripts/measure-scale.ts FACTS.json');
  process.exit(2);
}
const table = JSON.parse(await readFile(file, 'utf8')) as FactTable;
const started = performance.now();
const index = buildIndex(table);
console.log(`${table.articles.length} articles, ${table.people.length} people; index built in ${(performance.now() - started).toFixed(0)} ms`);
const person = table.people[Math.floor(table.people.length / 2)]!;
const surname = person.name.split(' ').at(-1)!.toLowerCase();
const all: number[] = [];
const run = (label: string, f: () => unknown): void => {
  f();
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const s = performance.now();
    f();
    times.push(performance.now() - s);
  }
  all.push(...times);
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} p50 ${times[10]!.toFixed(2).padStart(6)} ms  max ${times[19]!.toFixed(2).padStart(6)} ms`);
};
for (const prefix of ['', 'a', surname.slice(0, 3), person.name.toLowerCase().slice(0, 8), 'zzq', surname]) {
  run(`autocomplete "${prefix}"`, () => completeNames(index, prefix));
}
for (const q of [`Who is ${person.name}?`, `When did ${person.name} defect?`, `What did ${surname} say?`, `How old is ${person.name}?`, 'Who defected in July 2012?', 'When did Vladimir Putin defect?', 'which outlets']) {
  run(q, () => answer(index, q));
}
all.sort((a, b) => a - b);
console.log(`all: p50 ${all[Math.floor(all.length / 2)]!.toFixed(2)} ms, p99 ${all[Math.floor(all.length * 0.99)]!.toFixed(2)} ms over ${all.length} calls`);
const seeds = process.argv[3];
if (seeds) {
  const t = performance.now();
  await seedsFingerprint(seeds);
  console.log(`refresh of unchanged seeds (fingerprint of ${seeds}): ${(performance.now() - t).toFixed(0)} ms`);
}
