// Quick engine numbers for the README: extraction of a folder (cold, no cache) and answer time per question.
// Usage: npx tsx scripts/measure-engine.ts [seedsDir]
import { answer, buildIndex } from '../src/answer/index.js';

const dir = process.argv[2] ?? 'seeds';
const t0 = performance.now();
const { extractFromDirWithStats } = await import('../src/extract/index.js');
const t1 = performance.now();
const { table } = await extractFromDirWithStats(dir, { workers: 1 });
const t2 = performance.now();
const index = buildIndex(table);
const t3 = performance.now();
const questions = [
  'When did Riyad Hijab defect?', 'How old is Abdo Husameddine?', 'what did fares say to the military', 'Who defected in July 2012?',
  'When did Vladimir Putin defect?', 'who is tlas', 'where did hijab go', 'who helped husamedin', 'which outlets are there',
  'who defected between March and August 2012', 'where is Fares from', 'what did the prime minister say',
];
const times: number[] = [];
for (let round = 0; round < 200; round++) {
  for (const q of questions) {
    const s = performance.now();
    answer(index, q);
    times.push(performance.now() - s);
  }
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(3);
console.log(`import NLP + pipeline modules: ${(t1 - t0).toFixed(0)} ms`);
console.log(`extract ${table.articles.length} articles (one thread, no cache): ${(t2 - t1).toFixed(0)} ms`);
console.log(`build answer index: ${(t3 - t2).toFixed(1)} ms`);
console.log(`answer: median ${pct(0.5)} ms, p99 ${pct(0.99)} ms over ${times.length} answers (${questions.length} questions x 200)`);
