// Measures the median slash-command round trip through the local fake server (INTERACTION_CREATE sent ->
// interaction callback received) for /ask on the real seed table, next to a bare discord.js bot that
// replies "pong", in the same run. Prints both; asserts only generous bounds (a shared 2-core machine).
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dataset } from '../../src/store/dataset.ts';
import { FakeDiscord, installUnhandledRejectionHook } from '../support/fakeDiscord.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { allViolations } from '../support/limits.ts';

const ROUNDS = 150;
const QUESTIONS = [
  'When did Riyad Hijab defect?',
  'How old is Abdo Husameddine?',
  'what did fares say to the military',
  'Who defected in July 2012?',
  'When did Vladimir Putin defect?',
  'who is the ambassador to iraq?',
];

let h: Harness;
let pongFake: FakeDiscord;
let pong: Client;
let dir: string;

function stats(ms: number[]): { median: number; p95: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { median: at(0.5), p95: at(0.95) };
}

beforeAll(async () => {
  installUnhandledRejectionHook();
  dir = await mkdtemp(path.join(tmpdir(), 'dossier-latency-'));
  await cp(path.resolve('seeds'), path.join(dir, 'seeds'), { recursive: true });
  const dataset = await Dataset.open({ seedsDir: path.join(dir, 'seeds'), dataFile: path.join(dir, 'facts.json') });
  h = await startHarness({ dataset });
  pongFake = await FakeDiscord.start();
  pong = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    rest: { api: pongFake.apiBase, globalRequestsPerSecond: 1e9 },
  });
  pong.on(Events.InteractionCreate, (i) => {
    if (i.isChatInputCommand()) void i.reply({ content: 'pong', allowedMentions: { parse: [] } });
  });
  const ready = new Promise<void>((r) => pong.once(Events.ClientReady, () => r()));
  await pong.login(pongFake.token);
  await ready;
}, 120_000);

afterAll(async () => {
  await pong?.destroy();
  await pongFake?.stop();
  await h?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('round trip', () => {
  it(`median of ${ROUNDS} /ask vs ${ROUNDS} bare "pong" commands`, async () => {
    const ask: number[] = [];
    const ping: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      // Interleave so both see the same machine load.
      let t = performance.now();
      const a = await h.fake.command({ name: 'ask', options: { question: QUESTIONS[i % QUESTIONS.length] ?? '' } });
      ask.push(performance.now() - t);
      expect(a.callbackType).toBe(4);
      t = performance.now();
      const p = await pongFake.command({ name: 'ping' });
      ping.push(performance.now() - t);
      expect(p.message?.content).toBe('pong');
    }
    const sa = stats(ask);
    const sp = stats(ping);
    console.log(
      `[latency] /ask median ${sa.median.toFixed(2)} ms (p95 ${sa.p95.toFixed(2)}) | bare pong median ${sp.median.toFixed(2)} ms (p95 ${sp.p95.toFixed(2)}) | ${ROUNDS} rounds each`,
    );
    expect(sa.median).toBeLessThan(500);
    expect(sp.median).toBeLessThan(100);
    expect(allViolations(h.fake)).toEqual([]);
  }, 120_000);
});
