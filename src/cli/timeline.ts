// `npm run timeline -- --out FILE [--from DATE] [--to DATE] [--person NAME] [--seeds DIR]`: the /timeline PNG,
// written to FILE (default timeline.png); prints the path, size and render time. Dates as in /timeline
// ("2012-07", "July 2012", "2012"); the person in any spelling.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { buildIndex, parseDateRange, resolvePerson, type AnswerIndex } from '../answer/index.ts';
import { Dataset } from '../store/dataset.ts';
import { timelinePng } from '../timeline/render.ts';

const USAGE = 'usage: npm run timeline -- --out FILE [--from DATE] [--to DATE] [--person NAME] [--seeds DIR]';

interface Options {
  out: string;
  from?: string;
  to?: string;
  person?: string;
  seeds?: string;
}

export function parseTimelineArgs(argv: string[]): Options {
  const o: Options = { out: 'timeline.png' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = /^--([a-z]+)=(.*)$/.exec(arg);
    const key = eq ? eq[1] : arg.replace(/^--/, '');
    const value = eq ? eq[2] : argv[i + 1];
    if (!['out', 'from', 'to', 'person', 'seeds'].includes(key ?? '') || !arg.startsWith('--')) throw new Error(`${arg === '--help' ? '' : `unknown argument ${arg}\n`}${USAGE}`);
    if (value === undefined || value === '') throw new Error(`--${key} needs a value\n${USAGE}`);
    if (!eq) i += 1;
    if (key === 'out' || key === 'from' || key === 'to' || key === 'person' || key === 'seeds') o[key] = value;
  }
  return o;
}

async function loadIndex(seeds: string | undefined): Promise<AnswerIndex> {
  const log = (msg: string): void => {
    process.stderr.write(`${msg}\n`);
  };
  if (seeds) {
    const { extractFromDir } = await import('../extract/index.ts');
    return buildIndex(await extractFromDir(seeds));
  }
  const dataset = await Dataset.open({ seedsDir: process.env.SEEDS_DIR ?? 'seeds', dataFile: process.env.DATA_FILE ?? 'data/facts.json', log, warm: false });
  return dataset.index;
}

function day(text: string | undefined, which: 'from' | 'to'): string | undefined {
  if (text === undefined) return undefined;
  const r = parseDateRange(text);
  if (!r) throw new Error(`I could not read "${text}" as a date (try 2012-07-11, 2012-07, "July 2012" or 2012)`);
  return which === 'from' ? r.from : r.to;
}

async function main(): Promise<void> {
  let o: Options;
  let from: string | undefined;
  let to: string | undefined;
  try {
    o = parseTimelineArgs(process.argv.slice(2));
    from = day(o.from, 'from');
    to = day(o.to, 'to');
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
    return;
  }
  const index = await loadIndex(o.seeds);
  let person: { person: string; personName: string } | undefined;
  if (o.person) {
    const r = resolvePerson(index, o.person);
    if (!r.person) {
      const hint = r.suggestions.length > 0 ? ` Did you mean: ${r.suggestions.slice(0, 5).map((p) => p.name).join(', ')}?` : '';
      process.stderr.write(`No one called "${o.person}" in the articles.${hint}\n`);
      process.exitCode = 1;
      return;
    }
    person = { person: r.person.id, personName: r.person.name };
  }
  const image = timelinePng(index, { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(person ?? {}) });
  const out = resolve(o.out);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, image.png);
  process.stdout.write(`${out}\n`);
  process.stderr.write(`${image.marks.length} defection(s), ${image.width}x${image.height} px, ${image.png.length} bytes, ${image.ms.toFixed(0)} ms\n`);
}

await main();
