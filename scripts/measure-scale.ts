// Answer-path cost on a large stored table, e.g. one `npm run bench` generated:
//   npx tsx --expose-gc scripts/measure-scale.ts bench/out/gen-10000/facts.json [--seeds DIR] [--passes N]
// Prints the index build time (cold, then the median of three more builds), the heap the index adds, and
// p50/p99 over the bench's fixed mix: 1000 questions (when / who / what said / profile / unknown, as
// questionsFromTable makes them) and 1000 autocomplete prefixes, each after one warm-up pass (which is
// where lazily built structures get built; the first question's cost is printed apart).
//   npx tsx scripts/measure-scale.ts FACTS.json --dump OUT.jsonl
// Instead writes answer(), resolvePerson() and completeNames() for a broad, deterministic question set (bench
// questions, every kind of intent, typos, unknown names, roles, dates, places, prefixes) as JSON lines: run it
// before and after a change to the engine and compare the files; they must be identical.
import { writeFile } from 'node:fs/promises';
import { readTable } from '../src/store/tableFile.js';
import {
  answer,
  articleFacts,
  buildIndex,
  completeNames,
  defectionTimeline,
  profile,
  quotesBy,
  resolvePerson,
  type AnswerIndex,
} from '../src/answer/index.js';
import { autocompletePrefixes, questionsFromTable } from '../src/bench/questions.js';
import { Rng } from '../src/bench/random.js';
import { summarize } from '../src/bench/stats.js';
import type { FactTable } from '../src/facts/schema.js';
import { seedsFingerprint } from '../src/store/fingerprint.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const file = args.find((a, i) => !a.startsWith('--') && (i === 0 || !args[i - 1]!.startsWith('--')));
if (!file) {
  console.error('usage: npx tsx [--expose-gc] scripts/measure-scale.ts FACTS.json [--dump OUT.jsonl] [--seeds DIR] [--passes N]');
  process.exit(2);
}
const gc = (globalThis as { gc?: () => void }).gc;
const heapMB = (): number => {
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

// readTable reads both the stored format (checksummed, compact) and plain JSON tables.
const table = await readTable(file);
const heapBefore = heapMB();
let t = performance.now();
const index = buildIndex(table);
const coldBuild = performance.now() - t;
const heapAfter = heapMB();

const dump = option('--dump');
if (dump) {
  await writeDump(index, table, dump);
  process.exit(0);
}

const rebuilds: number[] = [];
for (let i = 0; i < 3; i++) {
  t = performance.now();
  buildIndex(table);
  rebuilds.push(performance.now() - t);
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`${table.articles.length} articles, ${table.people.length} people, ${table.events.length} events, ${table.quotes.length} quotes`);
console.log(`index build: cold ${coldBuild.toFixed(0)} ms, then median ${median(rebuilds).toFixed(0)} ms; heap ${heapBefore.toFixed(0)} MB with the table -> ${heapAfter.toFixed(0)} MB with the index${gc ? '' : ' (run with --expose-gc for exact heap figures)'}`);

const passes = Math.max(1, Number(option('--passes') ?? 3));
const fmt = (label: string, xs: number[]): string => {
  const s = summarize(xs);
  return `${label.padEnd(14)} p50 ${s.p50.toFixed(3).padStart(7)} ms  p99 ${s.p99.toFixed(3).padStart(7)} ms  max ${s.max.toFixed(2).padStart(7)} ms  (${s.n} calls)`;
};

// Answers: the bench's mix, five kinds in equal parts.
const questions = questionsFromTable(table, 1000);
t = performance.now();
answer(index, questions[0]!.question);
console.log(`first question (builds what is built lazily): ${(performance.now() - t).toFixed(1)} ms`);
for (const q of questions) answer(index, q.question);
console.log(`heap after a warm-up pass of ${questions.length} questions: ${heapMB().toFixed(0)} MB`);
const all: number[] = [];
const byKind = new Map<string, number[]>();
for (let pass = 0; pass < passes; pass++) {
  for (const q of questions) {
    const s = performance.now();
    answer(index, q.question);
    const ms = performance.now() - s;
    all.push(ms);
    byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), ms]);
  }
}
for (const [kind, xs] of byKind) console.log(fmt(`  ${kind}`, xs));
console.log(fmt('answer', all));

// Autocomplete: prefixes of every spelling, as the bench types them.
const prefixes = autocompletePrefixes(table.people.flatMap((p) => p.aliases), 1000);
for (const p of prefixes) completeNames(index, p);
const ac: number[] = [];
for (let pass = 0; pass < passes; pass++) {
  for (const p of prefixes) {
    const s = performance.now();
    completeNames(index, p);
    ac.push(performance.now() - s);
  }
}
console.log(fmt('autocomplete', ac));

const seeds = option('--seeds');
if (seeds) {
  t = performance.now();
  await seedsFingerprint(seeds);
  console.log(`refresh of unchanged seeds (fingerprint of ${seeds}): ${(performance.now() - t).toFixed(0)} ms`);
}

/** A misspelling of a word: letters swapped, dropped, doubled or replaced, chosen by the generator. */
function typo(rng: Rng, word: string): string {
  if (word.length < 4) return word;
  const i = rng.int(1, word.length - 2);
  switch (rng.int(0, 3)) {
    case 0:
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    case 2:
      return word.slice(0, i) + word[i] + word.slice(i);
    default:
      return word.slice(0, i) + 'aeiouy'[rng.int(0, 5)] + word.slice(i + 1);
  }
}

/** Every answer the engine gives to a broad question set, one JSON line each, in a fixed order. */
async function writeDump(index: AnswerIndex, table: FactTable, out: string): Promise<void> {
  const rng = new Rng('dump');
  const lines: string[] = [];
  const ask = (q: string): void => {
    const a = answer(index, q);
    lines.push(JSON.stringify({ q, text: a.text, sources: a.sources }));
  };
  const resolve = (q: string): void => {
    const r = resolvePerson(index, q);
    lines.push(JSON.stringify({ resolve: q, person: r.person?.id ?? null, suggestions: r.suggestions.map((p) => p.id) }));
  };
  const complete = (q: string, opts?: { speakersOnly?: boolean; limit?: number }): void => {
    lines.push(JSON.stringify({ complete: q, opts, choices: completeNames(index, q, opts) }));
  };
  for (const q of questionsFromTable(table, 200)) ask(q.question);
  for (const q of questionsFromTable(table, 1000, 'dump')) ask(q.question);

  const strangers = ['Quillon Thistlewood', 'Xandrel Fizzlewick', 'Ophira Snodgrove', 'Zyxw Qwerty', 'Ebbert Pemberquay'];
  const people = Array.from({ length: 300 }, () => rng.pick(table.people));
  for (const p of people) {
    const name = p.name;
    const words = name.split(' ');
    const last = words.at(-1) ?? name;
    const first = words[0] ?? name;
    for (const q of [
      `Who is ${name}?`,
      `When did ${name} defect?`,
      `When did ${name.toLowerCase()} defect?`,
      `What did ${last.toLowerCase()} say?`,
      `What did ${name} say about the army?`,
      `What did ${name} tell the soldiers?`,
      `How old is ${name}?`,
      `Where is ${name} from?`,
      `Who helped ${name}?`,
      `Where did ${name} go?`,
      `What is ${name}'s role?`,
      `Was ${name} appointed?`,
      `When was ${name} dismissed?`,
      `Why did ${name} defect?`,
      `What is ${name}'s religion?`,
      `Is ${name} married?`,
      `Tell me about ${name.toLowerCase()}`,
      `Did ${name} go underground?`,
      `Which articles mention ${name}?`,
      `When did ${typo(rng, name)} defect?`,
      `Who is ${typo(rng, last)}?`,
      `Who is ${first} ${typo(rng, typo(rng, last))}?`,
      `When did ${typo(rng, first)} ${typo(rng, last)} defect?`,
      `Who is ${rng.pick(strangers).split(' ')[0]} ${last}?`,
      `When did the Ruritanian premier ${name} defect?`,
      `who is ${last.toLowerCase()} lol`,
    ]) {
      ask(q);
    }
    for (const r of [name, name.toLowerCase(), p.id, last, typo(rng, name), typo(rng, last), `${first} ${typo(rng, typo(rng, last))}`]) resolve(r);
  }
  for (const s of strangers) {
    ask(`When did ${s} defect?`);
    ask(`Who is ${s}?`);
    ask(`What did ${s} say?`);
    resolve(s);
  }
  const titles = [...new Set(table.people.flatMap((p) => p.roles.map((r) => r.title)))];
  for (let i = 0; i < 150 && titles.length > 0; i++) {
    const title = rng.pick(titles);
    ask(`Who is the ${title}?`);
    ask(`When did the ${title} defect?`);
    ask(`When did the former ${title} defect?`);
    ask(`Which ${title.split(' ').at(-1)} defected?`);
    resolve(`the ${title}`);
  }
  const months = [...new Set(table.events.map((e) => e.date?.value?.slice(0, 7)).filter((v): v is string => !!v && v.length === 7))].sort();
  const monthName = (ym: string): string => `${['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][Number(ym.slice(5, 7)) - 1]} ${ym.slice(0, 4)}`;
  for (const ym of months.slice(0, 60)) {
    ask(`Who defected in ${monthName(ym)}?`);
    ask(`What happened in ${monthName(ym)}?`);
  }
  for (const y of [...new Set(months.map((m) => m.slice(0, 4)))]) {
    ask(`Who defected in ${y}?`);
    ask(`Who defected between March and August ${y}?`);
    ask(`Who defected since June ${y}?`);
    ask(`Who defected before ${y}?`);
    ask(`What happened on 6 August ${y}?`);
  }
  for (const m of ['July', 'March', 'December']) ask(`Who defected in ${m}?`);
  const places = [...new Set(table.events.map((e) => e.place).filter((p): p is string => !!p))];
  for (let i = 0; i < 40 && places.length > 0; i++) {
    const place = rng.pick(places);
    ask(`Who fled to ${place}?`);
    ask(`Which ambassador defected to ${place}?`);
  }
  const attributes = table.people.flatMap((p) => p.attributes);
  for (let i = 0; i < 40 && attributes.length > 0; i++) {
    const a = rng.pick(attributes);
    if (a.kind === 'origin') ask(`Who is from ${a.value}?`);
    if (a.kind === 'religion') ask(`Which officials are ${a.value}?`);
  }
  for (let i = 0; i < 60 && table.quotes.length > 0; i++) {
    const q = rng.pick(table.quotes);
    const w = q.text.split(/\s+/);
    const at = rng.int(0, Math.max(0, w.length - 4));
    ask(`Who said ${w.slice(at, at + 4).join(' ')}?`);
    ask(`Who said anything about ${w.slice(at, at + 2).join(' ')}?`);
    if (q.speakerName) ask(`What did ${q.speakerName} say about ${rng.pick(w)}?`);
  }
  for (let i = 0; i < 80; i++) {
    const a = rng.pick(table.articles);
    const s = a.sentences.length > 0 ? rng.pick(a.sentences) : null;
    if (!s) continue;
    const w = s.text.split(/\s+/);
    const at = rng.int(0, Math.max(0, w.length - 5));
    ask(`What about ${w.slice(at, at + 5).join(' ')}?`);
    ask(`Why ${w.slice(at, at + 4).join(' ')}?`);
  }
  for (const q of ['which outlets', 'List the articles', 'Who defected?', 'When did the ambassador defect?', 'What did the general say?', 'Who is the minister?', '', '???', 'hello', 'When did Vladimir Putin defect?', 'Who helped the colonel?', 'What did he say?']) ask(q);

  const names = table.people.flatMap((p) => p.aliases);
  const prefixes = autocompletePrefixes(names, 1500, 'dump');
  prefixes.forEach((p, i) => complete(p, i % 3 === 0 ? { speakersOnly: true } : i % 7 === 0 ? { limit: 5 } : undefined));
  for (const p of people.slice(0, 150)) {
    const last = (p.name.split(' ').at(-1) ?? p.name).toLowerCase();
    complete(last.slice(1, 5));
    complete(typo(rng, last));
    complete(typo(rng, p.name.toLowerCase()));
    complete(p.name.toLowerCase().slice(0, 8));
  }
  for (const p of ['', 'a', 'zzq', 'al', 'al-', 'qx', 'abu ', 'the ', '  ']) {
    complete(p);
    complete(p, { speakersOnly: true });
  }

  for (const p of people.slice(0, 100)) {
    const a = profile(index, p.id);
    lines.push(JSON.stringify({ profile: p.id, text: a.text, sources: a.sources }));
    lines.push(JSON.stringify({ quotesBy: p.id, quotes: quotesBy(index, p.id).map((x) => x.quote.id) }));
  }
  lines.push(JSON.stringify({ timeline: defectionTimeline(index).map((e) => e.line) }));
  for (let i = 0; i < 30; i++) {
    const a = rng.pick(table.articles);
    lines.push(JSON.stringify({ article: a.id, facts: articleFacts(index, a.id) }));
  }
  await writeFile(out, `${lines.join('\n')}\n`);
  console.log(`${lines.length} lines written to ${out}`);
}
