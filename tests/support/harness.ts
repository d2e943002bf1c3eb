// Start the real bot (startBot: real discord.js Client) against a fresh FakeDiscord on 127.0.0.1.
import type { Config } from '../../src/config.ts';
import type { Command, DatasetLike } from '../../src/discord/command.ts';
import { startBot, type RunningBot } from '../../src/discord/bot.ts';
import type { Logger } from '../../src/discord/handler.ts';
import { type InteractionResult, FakeDiscord, installUnhandledRejectionHook, type FakeDiscordOptions } from './fakeDiscord.ts';

export interface Harness<F = FakeDiscord> {
  fake: F;
  bot: RunningBot;
  logs: string[];
  errors: Array<{ message: string; err: unknown }>;
  stop(): Promise<void>;
}

export const MOD_USER_ID = '200000000000000001';

export interface BotHarnessOptions {
  dataset: DatasetLike;
  /** Cooldowns default to 0 (off) here, so tests that fire many commands from one user are not throttled. */
  config?: Partial<Pick<Config, 'moderatorRoleIds' | 'moderatorUserIds' | 'maxArticleBytes' | 'cooldownQuestionsPer10s' | 'cooldownAutocompletePer10s'>>;
  deferAfterMs?: number;
  commands?: ReadonlyMap<string, Command>;
}

/** What the bot needs from a fake server, whether it runs in this process or in another one. */
export interface FakeEndpoint {
  token: string;
  apiBase: string;
  guild: { roles: Array<{ id: string }> };
}

/** The real bot (startBot), logged in to `fake`, with its logs and errors collected. */
export async function startTestBot(
  fake: FakeEndpoint,
  opts: BotHarnessOptions,
): Promise<{ bot: RunningBot; logs: string[]; errors: Array<{ message: string; err: unknown }> }> {
  const logs: string[] = [];
  const errors: Array<{ message: string; err: unknown }> = [];
  const log: Logger = {
    info: (m) => logs.push(m),
    error: (message, err) => errors.push({ message, err }),
  };
  const config = {
    token: fake.token,
    apiUrl: undefined,
    moderatorRoleIds: opts.config?.moderatorRoleIds ?? [fake.guild.roles[1]?.id ?? ''],
    moderatorUserIds: opts.config?.moderatorUserIds ?? [MOD_USER_ID],
    maxArticleBytes: opts.config?.maxArticleBytes ?? 50_000,
    cooldownQuestionsPer10s: opts.config?.cooldownQuestionsPer10s ?? 0,
    cooldownAutocompletePer10s: opts.config?.cooldownAutocompletePer10s ?? 0,
  };
  const bot = await startBot({
    config,
    dataset: opts.dataset,
    log,
    clientOptions: { rest: { api: fake.apiBase, globalRequestsPerSecond: 1e9 }, waitGuildTimeout: 1000 },
    ...(opts.deferAfterMs !== undefined ? { deferAfterMs: opts.deferAfterMs } : {}),
    ...(opts.commands ? { commands: opts.commands } : {}),
  });
  return { bot, logs, errors };
}

export async function startHarness(opts: BotHarnessOptions & { fake?: FakeDiscordOptions }): Promise<Harness> {
  installUnhandledRejectionHook();
  return harnessAround(await FakeDiscord.start(opts.fake), opts);
}

/** The bot started against a running fake server; stop() stops both (the fake even when the bot fails to start). */
export async function harnessAround<F extends FakeEndpoint & { stop(): Promise<void> }>(fake: F, opts: BotHarnessOptions): Promise<Harness<F>> {
  let started: Awaited<ReturnType<typeof startTestBot>>;
  try {
    started = await startTestBot(fake, opts);
  } catch (err) {
    await fake.stop();
    throw err;
  }
  const { bot } = started;
  return {
    fake,
    ...started,
    async stop() {
      try {
        await bot.stop();
      } finally {
        await fake.stop(); // P11
      }
    },
  };
}

/** The first embed of a reply as plain text (title, description, fields), bold marks and escapes removed. */
export function embedText(r: InteractionResult): string {
  const e = r.message?.embeds?.[0];
  const raw = `${e?.title ?? ''}\n${e?.description ?? ''}\n${(e?.fields ?? []).map((f) => `${f.name}\n${f.value}`).join('\n')}`;
  return raw.replace(/(?<!\\)\*\*/g, '').replace(/\\(.)/g, '$1');
}
