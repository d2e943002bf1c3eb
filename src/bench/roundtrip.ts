// Slash-command round trip through the local Discord-compatible server (tests/support/fakeDiscord.ts, the
// only Discord the project may talk to): INTERACTION_CREATE sent -> interaction callback received, for /ask
// on the real bot, interleaved with a bare discord.js bot that answers "pong" through its own fake server,
// so both see the same machine load. Same method as tests/discord/latency.test.ts, for any dataset.
import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import { FakeDiscord, installUnhandledRejectionHook } from '../../tests/support/fakeDiscord.js';
import { startHarness } from '../../tests/support/harness.js';
import type { DatasetLike } from '../discord/command.js';
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
