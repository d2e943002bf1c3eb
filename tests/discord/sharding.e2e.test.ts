// Sharding: `src/discord/sharded.ts`'s ShardingManager runs two shard processes (src/main.ts, the real bot)
// against the local fake server; a /refresh on one shard makes the other reload the table (broadcastEval).
// Slower than the other files (two child processes), so it is its own file.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ShardingManager } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShardingManager } from '../../src/discord/sharded.ts';
import { Dataset } from '../../src/store/dataset.ts';
import { FakeDiscord, installUnhandledRejectionHook, MODERATOR_PERMISSIONS, shardOf, type InteractionResult } from '../support/fakeDiscord.ts';
import { embedText } from '../support/harness.ts';
import { allViolations } from '../support/limits.ts';

let fake: FakeDiscord;
let manager: ShardingManager | null = null;
let dir: string;

const text = embedText;

beforeAll(async () => {
  installUnhandledRejectionHook();
  dir = await mkdtemp(path.join(tmpdir(), 'dossier-shards-'));
  const seeds = path.join(dir, 'seeds');
  const dataFile = path.join(dir, 'data', 'facts.json');
  await cp(path.resolve('seeds'), seeds, { recursive: true });
  await Dataset.open({ seedsDir: seeds, dataFile }); // extract once, so the shards start from the stored table
  fake = await FakeDiscord.start({ shards: 2, guilds: 2 });
  Object.assign(process.env, {
    DISCORD_API_URL: fake.apiBase,
    SEEDS_DIR: seeds,
    DATA_FILE: dataFile,
    MODERATOR_ROLE_IDS: '',
    MODERATOR_USER_IDS: '',
  });
  manager = createShardingManager({ token: fake.token, totalShards: 2, silent: true });
  await manager.spawn({ amount: 2, delay: 50, timeout: 60_000 });
  await fake.waitForSessions(2);
}, 120_000);

afterAll(async () => {
  if (manager) for (const shard of manager.shards.values()) shard.kill();
  await fake?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('two shards', () => {
  it('each shard serves its own guild', () => {
    expect(fake.connectedShards()).toEqual([0, 1]);
    expect(fake.guilds.map((g) => shardOf(g.id, 2))).toEqual([0, 1]);
  });

  it('a refresh on shard 0 reloads the table on shard 1', async () => {
    const [g0, g1] = fake.guilds;
    if (!g0 || !g1) throw new Error('need two guilds');
    const q = 'When did Orlan Vetrik defect?';
    const before = await fake.command({ name: 'ask', options: { question: q }, guildId: g1.id });
    expect(text(before)).not.toMatch(/nor_001/);

    const seeds = process.env.SEEDS_DIR ?? '';
    await writeFile(
      path.join(seeds, 'nor_001.txt'),
      'Norland official defects\n\nOrlan Vetrik, the deputy finance minister of Norland, defected on Tuesday and fled to Kestova, the opposition said.\n',
    );
    const manifest = JSON.parse(await readFile(path.join(seeds, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    manifest['nor_001.txt'] = { published: '2013-02-10', outlet: 'Norland Wire' };
    await writeFile(path.join(seeds, 'manifest.json'), JSON.stringify(manifest));

    const refresh = await fake.command({ name: 'refresh', guildId: g0.id, permissions: MODERATOR_PERMISSIONS }, 60_000);
    expect(text(refresh)).toMatch(/People added — [^\n]*Orlan Vetrik/);
    expect(text(refresh)).toMatch(/Reloaded on 2 of 2 shards/);

    const after = await fake.command({ name: 'ask', options: { question: q }, guildId: g1.id });
    expect(text(after)).toMatch(/February 2013[\s\S]*nor_001 · Norland Wire · 2013-02-10/);
    expect(allViolations(fake)).toEqual([]);
    expect(fake.unknownCalls()).toEqual([]);
  }, 90_000);
});
