// The bot: one client, one interaction handler, the DM handler, sharded reloads, clean shutdown.
import { Events, type Client, type ClientOptions } from 'discord.js';
import { commandMap } from '../../commands/index.ts';
import type { Config } from '../config.ts';
import type { Command, DatasetLike } from './command.ts';
import { createClient } from './client.ts';
import { handleDirectMessage } from './dm.ts';
import { consoleLogger, handleInteraction, type BotContext, type Logger } from './handler.ts';

export interface BotOptions {
  config: Pick<Config, 'token' | 'apiUrl' | 'moderatorRoleIds' | 'moderatorUserIds' | 'maxArticleBytes'>;
  dataset: DatasetLike;
  clientOptions?: Partial<ClientOptions>;
  log?: Logger;
  commands?: ReadonlyMap<string, Command>;
  deferAfterMs?: number;
}

export interface RunningBot {
  client: Client;
  context: BotContext;
  stop(): Promise<void>;
}

/** Name of the client property broadcastEval calls on every shard to reload the table. */
export const RELOAD_HOOK = 'dossierReload';

/** Reload the table on every shard (the caller's included: cheap, and keeps the code path single). */
export async function reloadAllShards(client: Client): Promise<string | null> {
  if (!client.shard) return null;
  const results = await client.shard.broadcastEval(async (c) => {
    const hook: unknown = Reflect.get(c, 'dossierReload');
    if (typeof hook !== 'function') return false;
    await (hook as () => Promise<void>).call(c);
    return true;
  });
  const ok = results.filter(Boolean).length;
  return `Reloaded on ${ok} of ${results.length} shards.`;
}

export async function startBot(opts: BotOptions): Promise<RunningBot> {
  const token = opts.config.token;
  if (!token) throw new Error('startBot needs DISCORD_TOKEN');
  const log = opts.log ?? consoleLogger;
  const client = createClient(opts.config, opts.clientOptions);
  const context: BotContext = {
    config: opts.config,
    dataset: opts.dataset,
    commands: opts.commands ?? commandMap,
    log,
    afterChange: () => reloadAllShards(client),
    ...(opts.deferAfterMs !== undefined ? { deferAfterMs: opts.deferAfterMs } : {}),
  };
  Object.defineProperty(client, RELOAD_HOOK, {
    value: async () => {
      await opts.dataset.reload();
      log.info(`[shard ${client.shard?.ids.join(',') ?? '-'}] table reloaded (${opts.dataset.table.articles.length} articles)`);
    },
  });
  client.on(Events.InteractionCreate, (i) => void handleInteraction(i, context));
  client.on(Events.MessageCreate, (m) => void handleDirectMessage(m, context));
  client.on(Events.Error, (err) => log.error('[client error]', err));
  client.on(Events.ShardError, (err, id) => log.error(`[shard ${id} error]`, err));
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(token);
  await ready;
  log.info(`Logged in as ${client.user?.tag ?? '?'}; serving ${opts.dataset.table.articles.length} articles.`);
  return {
    client,
    context,
    async stop() {
      await client.destroy();
    },
  };
}

/** SIGINT/SIGTERM: close the client cleanly, then exit. */
export function closeOnSignals(bot: RunningBot, log: Logger = consoleLogger): void {
  let closing = false;
  const close = (signal: string): void => {
    if (closing) return;
    closing = true;
    log.info(`${signal}: closing the Discord client.`);
    void bot.stop().finally(() => process.exit(0));
  };
  process.once('SIGINT', () => close('SIGINT'));
  process.once('SIGTERM', () => close('SIGTERM'));
}
