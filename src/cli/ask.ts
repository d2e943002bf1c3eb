// `npm run ask -- "question"`            the answer as text with its sources
// `npm run ask -- --json "question"`     one JSON object {question, answer, sources}
// `npm run ask -- --seeds DIR --jsonl`   questions on stdin, one JSON object per line on stdout, nothing else
// Diagnostics go to stderr only, so stdout stays machine-readable.
import { createInterface } from 'node:readline';
import { answer, buildIndex, type AnswerIndex } from '../answer/index.js';
import type { Answer } from '../facts/schema.js';
import { Dataset } from '../store/dataset.js';
import { formatAnswer } from './format.js';

interface Options {
  json: boolean;
  jsonl: boolean;
  seeds: string | null;
  question: string;
}

const USAGE = 'usage: npm run ask -- [--json] [--seeds DIR] "question"\n       npm run ask -- [--seeds DIR] --jsonl < questions.txt';

function parseArgs(argv: string[]): Options {
  const options: Options = { json: false, jsonl: false, seeds: null, question: '' };
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') options.json = true;
    else if (arg === '--jsonl') options.jsonl = true;
    else if (arg === '--seeds') {
      const dir = argv[++i];
      if (!dir) throw new Error('--seeds needs a folder');
      options.seeds = dir;
    } else if (arg === '--help' || arg === '-h') throw new Error(USAGE);
    else words.push(arg);
  }
  options.question = words.join(' ');
  if (!options.jsonl && !options.question.trim()) throw new Error(USAGE);
  return options;
}

export function toJson(question: string, result: Answer): string {
  return JSON.stringify({
    question,
    answer: result.text,
    sources: result.sources.map((s) => ({ article: s.article, outlet: s.outlet, published: s.published, sentence: s.sentence })),
  });
}

async function loadIndex(seeds: string | null): Promise<AnswerIndex> {
  const log = (msg: string) => process.stderr.write(`${msg}\n`);
  if (seeds) {
    // An explicit folder is extracted as it is now, without touching the stored table.
    const { extractFromDir } = await import('../extract/index.js');
    const table = await extractFromDir(seeds);
    for (const w of table.warnings) log(`warning: ${w.article ?? 'seeds'}: ${w.message}`);
    return buildIndex(table);
  }
  const dataset = await Dataset.open({ seedsDir: process.env.SEEDS_DIR ?? 'seeds', dataFile: process.env.DATA_FILE ?? 'data/facts.json', log, warm: false });
  return dataset.index;
}

function safeAnswer(index: AnswerIndex, question: string): Answer {
  try {
    return answer(index, question);
  } catch (error) {
    process.stderr.write(`error answering ${JSON.stringify(question.slice(0, 80))}: ${(error as Error).stack ?? error}\n`);
    return { text: 'Something went wrong answering that question.', sources: [] };
  }
}

async function main(): Promise<void> {
  let options: Options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  let index: AnswerIndex;
  try {
    index = await loadIndex(options.seeds);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  if (options.jsonl) {
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of lines) {
      const question = line.trim();
      if (!question) continue;
      process.stdout.write(`${toJson(question, safeAnswer(index, question))}\n`);
    }
    return;
  }
  const result = safeAnswer(index, options.question);
  process.stdout.write(options.json ? `${toJson(options.question, result)}\n` : `${formatAnswer(result)}\n`);
}

await main();
