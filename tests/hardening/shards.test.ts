// A refresh on one shard reloads the table on the others (broadcastEval). A shard that cannot reload (its read
// of the table file fails) keeps serving its current table: counted in the moderator's reply, logged on that
// shard, never turned into a failed refresh. (The two-process sharding e2e is tests/discord/sharding.e2e.test.ts.)
import type { Client } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { reloadAllShards, RELOAD_HOOK } from '../../src/discord/bot.ts';
import { commandContext, type BotContext } from '../../src/discord/handler.ts';
import { fixtureTable, MemoryDataset } from '../support/fixtureTable.ts';

function fakeShardedClient(hooks: Array<() => Promise<void>>): Client {
  const clients = hooks.map((hook) => {
    const c = {};
    Object.defineProperty(c, RELOAD_HOOK, { value: hook });
    return c;
  });
  const shard = { broadcastEval: async <T>(fn: (c: unknown) => Promise<T>): Promise<T[]> => Promise.all(clients.map((c) => fn(c))) };
  return { shard } as unknown as Client;
}

describe('reloadAllShards', () => {
  const ok = async (): Promise<void> => undefined;
  const broken = async (): Promise<void> => {
    throw new Error('facts.json is not valid JSON');
  };
  const cases: Array<{ label: string; hooks: Array<() => Promise<void>>; expected: string }> = [
    { label: 'every shard reloads', hooks: [ok, ok], expected: 'Reloaded on 2 of 2 shards.' },
    { label: 'one shard cannot read the table', hooks: [ok, broken], expected: 'Reloaded on 1 of 2 shards; the others keep their current table until their next reload (see their logs).' },
    { label: 'no shard can', hooks: [broken, broken, broken], expected: 'Reloaded on 0 of 3 shards; the others keep their current table until their next reload (see their logs).' },
  ];
  for (const c of cases) it(c.label, async () => expect(await reloadAllShards(fakeShardedClient(c.hooks))).toBe(c.expected));

  it('without sharding there is nothing to reload', async () => {
    expect(await reloadAllShards({ shard: null } as unknown as Client)).toBeNull();
  });
});

describe('after a table change, failing to reach the other shards', () => {
  it('is a note in the reply and a logged incident, not a failed command', async () => {
    const errors: string[] = [];
    const bot: BotContext = {
      config: { moderatorRoleIds: [], moderatorUserIds: [], maxArticleBytes: 1000 },
      dataset: new MemoryDataset(fixtureTable(0)),
      commands: new Map(),
      log: { info: () => undefined, error: (m) => errors.push(m) },
      afterChange: async () => {
        throw new Error('Shard 1 process exited');
      },
    };
    const ctx = commandContext(bot, { id: '1', name: 'mod', where: 'guild', isModerator: true });
    expect(await ctx.afterChange?.()).toMatch(/other shards could not be reached/);
    expect(errors).toEqual([expect.stringMatching(/^\[incident [0-9a-f]{8}\] could not ask the other shards to reload:/)]);
  });
});
