// Slash-command round trip through the local Discord-compatible server (tests/support/fakeDiscord.ts, the
// only Discord the project may talk to): INTERACTION_CREATE sent -> interaction callback received, for /ask
// on the real bot, interleaved with a bare discord.js bot that answers "pong" through its own fake server,
// so both see the same machine load. Same method as tests/discord/latency.test.ts, for any dataset.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import { FakeDiscord, installUnhandledRejectionHook } from '../../tests/support/fakeDiscord.js';
import { startHarness } from '../../tests/support/harness.js';
import { answer } from '../answer/index.js';
import type { DatasetLike } from '../discord/command.js';
import { EXTRACTOR_VERSION } from '../extract/version.js';
import { Dataset } from '../store/dataset.js';
import { readTable } from '../store/tableFile.js';
import type { Planted } from './planted.js';
import { questionsFromPlanted, questionsFromTable } from './questions.js';
import { summarize, type Summary } from './stats.js';

export interface RoundTrip {
  ask: Summary;
  pong: Summary;
  /** ask p50 / pong p50. */
  ratio: number;
  /** /ask replies that were not an immediate message (callback type 4). */
  notImmediate: number;
}

export async function measureRoundTrip(dataset: DatasetLike, questions: readonly string[], rounds: number, warmup = 10): Promise<RoundTrip> {
  installUnhandledRejectionHook();
  const h = await startHarness({ dataset });
  const pongFake = await FakeDiscord.start();
  const pong = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    rest: { api: pongFake.apiBase, globalRequestsPerSecond: 1e9 },
  });
  pong.on(Events.InteractionCreate, (i) => {
    if (i.isChatInputCommand()) void i.reply({ content: 'pong', allowedMentions: { parse: [] } });
  });
  try {
    const ready = new Promise<void>((r) => pong.once(Events.ClientReady, () => r()));
    await pong.login(pongFake.token);
    await ready;
    const ask: number[] = [];
    const ping: number[] = [];
    let notImmediate = 0;
    for (let i = 0; i < warmup + rounds; i++) {
      const question = questions[i % questions.length] ?? 'who defected?';
      let t = performance.now();
      const a = await h.fake.command({ name: 'ask', options: { question } });
      const askMs = performance.now() - t;
      t = performance.now();
      const p = await pongFake.command({ name: 'ping' });
      const pingMs = performance.now() - t;
      if (p.message?.content !== 'pong') throw new Error('the pong bot did not answer pong');
      if (i < warmup) continue;
      if (a.callbackType !== 4) notImmediate++;
      ask.push(askMs);
      ping.push(pingMs);
    }
    const sa = summarize(ask);
    const sp = summarize(ping);
    return { ask: sa, pong: sp, ratio: sa.p50 / sp.p50, notImmediate };
  } finally {
    await pong.destroy();
    await pongFake.stop();
    await h.stop();
  }
}

/**
 * `npx tsx src/bench/roundtrip.ts DIR [--runs N] [--rounds N]`: the round trip alone, on a stored table DIR
 * (facts.json, seeds/, and planted.json when there is one, as `npm run bench` leaves in bench/out/gen-N).
 * Same questions and same order as the bench: the mix is answered five times first (the bench's answer
 * passes), then `runs` interleaved measurements. Prints each run and the median ratio.
 */
async function main(argv: readonly string[]): Promise<void> {
  const dir = argv[0];
  const opt = (name: string, fallback: number) => {
    const i = argv.indexOf(`--${name}`);
    const n = i >= 0 ? Number(argv[i + 1]) : fallback;
    return Number.isInteger(n) && n > 0 ? n : fallback;
  };
  if (!dir || dir.startsWith('--')) throw new Error('usage: tsx src/bench/roundtrip.ts DIR [--runs N] [--rounds N]');
  // Dataset.open re-extracts (and rewrites DIR) when the stored table is from another extractor version:
  // this measurement only reads, so it refuses such a table instead.
  const dataFile = path.join(dir, 'facts.json');
  const stored = (await readTable(dataFile)).extractorVersion;
  if (stored !== EXTRACTOR_VERSION) throw new Error(`${dataFile} was made by extractor ${stored}, this is ${EXTRACTOR_VERSION}: run npm run bench (or extract a copy) first`);
  const dataset = await Dataset.open({ seedsDir: path.join(dir, 'seeds'), dataFile });
  await dataset.whenWarm();
  const planted = await readFile(path.join(dir, 'planted.json'), 'utf8').then((t) => JSON.parse(t) as Planted, () => null);
  const questions = (planted ? questionsFromPlanted(planted, 200) : questionsFromTable(dataset.table, 200)).map((q) => q.question);
  for (let pass = 0; pass < 5; pass++) for (const q of questions) answer(dataset.index, q);
  const ratios: number[] = [];
  for (let run = 0; run < opt('runs', 5); run++) {
    const r = await measureRoundTrip(dataset, questions, opt('rounds', 150));
    ratios.push(r.ratio);
    console.log(`run ${run + 1}: /ask p50 ${r.ask.p50.toFixed(2)} ms, pong p50 ${r.pong.p50.toFixed(2)} ms, ratio ${r.ratio.toFixed(2)}`);
  }
  console.log(`median ratio ${summarize(ratios).p50.toFixed(2)} over ${ratios.length} runs (${dataset.table.articles.length} articles)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
