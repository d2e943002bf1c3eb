// The bot: one client, one interaction handler, the DM handler, sharded reloads, clean shutdown.
import { Events, type Client, type ClientOptions } from 'discord.js';
import { commandMap } from '../../commands/index.ts';
import type { Config } from '../config.ts';
import type { Command, DatasetLike } from './command.ts';
import { createClient } from './client.ts';
import { Cooldown } from './cooldown.ts';
import { handleDirectMessage } from './dm.ts';
import { consoleLogger, handleInteraction, incidentId, type BotCooldowns, type BotContext, type Logger } from './handler.ts';
import { DEFAULT_COOLDOWN } from '../config.ts';

export interface BotOptions {
  config: Pick<Config, 'token' | 'apiUrl' | 'moderatorRoleIds' | 'moderatorUserIds' | 'maxArticleBytes'> &
    Partial<Pick<Config, 'cooldownQuestionsPer10s' | 'cooldownAutocompletePer10s'>>;
  /** Log unhandled promise rejections with an incident id instead of letting them end the process (default true). */
  processGuards?: boolean;
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
  // A shard whose reload fails (e.g. it cannot read the file) keeps serving its current table; it is counted,
  // not thrown, so the moderator still hears that the refresh itself succeeded.
  const results = await client.shard.broadcastEval(async (c) => {
    const hook: unknown = Reflect.get(c, 'dossierReload');
    if (typeof hook !== 'function') return false;
    try {
      await (hook as () => Promise<void>).call(c);
      return true;
    } catch {
      return false;
    }
  });
  const ok = results.filter(Boolean).length;
  return ok === results.length
    ? `Reloaded on ${ok} of ${results.length} shards.`
    : `Reloaded on ${ok} of ${results.length} shards; the others keep their current table until their next reload (see their logs).`;
}

/** Cooldowns from the configuration (defaults when absent; 0 disables one). */
export function cooldownsFrom(config: BotOptions['config']): BotCooldowns {
  return {
    questions: new Cooldown(config.cooldownQuestionsPer10s ?? DEFAULT_COOLDOWN.questions),
    autocomplete: new Cooldown(config.cooldownAutocompletePer10s ?? DEFAULT_COOLDOWN.autocomplete),
  };
}

function describeReason(reason: unknown): string {
  if (reason instanceof Error) return `${reason.name}: ${reason.message}`;
  try {
    return `non-Error value ${JSON.stringify(reason)?.slice(0, 300) ?? String(reason)}`;
  } catch {
    return `non-Error value ${String(reason).slice(0, 300)}`;
  }
}

let guardLog: Logger | null = null;
/**
 * One process-wide handler for unhandled promise rejections: logged with an incident id, the shard, the
 * reason and its stack; the process keeps running (Node would otherwise exit). Installed once per process;
 * later calls only switch the logger.
 */
export function installProcessGuards(log: Logger, shard: () => string = () => '-'): void {
  const first = guardLog === null;
  guardLog = log;
  if (!first) return;
  process.on('unhandledRejection', (reason) => {
    const id = incidentId();
    guardLog?.error(`[incident ${id}] unhandled promise rejection on shard ${shard()} (not fatal, the bot keeps running): ${describeReason(reason)}`, reason);
  });
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
    cooldown: cooldownsFrom(opts.config),
    ...(opts.deferAfterMs !== undefined ? { deferAfterMs: opts.deferAfterMs } : {}),
  };
  Object.defineProperty(client, RELOAD_HOOK, {
    value: async () => {
      try {
        await opts.dataset.reload();
      } catch (err) {
        log.error(`[shard ${client.shard?.ids.join(',') ?? '-'}] reload failed; still serving the current table (${opts.dataset.table.articles.length} articles):`, err);
        throw err;
      }
      log.info(`[shard ${client.shard?.ids.join(',') ?? '-'}] table reloaded (${opts.dataset.table.articles.length} articles)`);
    },
  });
  if (opts.processGuards !== false) installProcessGuards(log, () => client.shard?.ids.join(',') ?? '-');
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
