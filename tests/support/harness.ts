// Start the real bot (startBot: real discord.js Client) against a fresh FakeDiscord on 127.0.0.1.
import type { Config } from '../../src/config.ts';
import type { Command, DatasetLike } from '../../src/discord/command.ts';
import { startBot, type RunningBot } from '../../src/discord/bot.ts';
import type { Logger } from '../../src/discord/handler.ts';
import { type InteractionResult, FakeDiscord, installUnhandledRejectionHook, type FakeDiscordOptions } from './fakeDiscord.ts';

export interface Harness {
  fake: FakeDiscord;
  bot: RunningBot;
  logs: string[];
  errors: Array<{ message: string; err: unknown }>;
  stop(): Promise<void>;
}

export const MOD_USER_ID = '200000000000000001';

export async function startHarness(opts: {
  dataset: DatasetLike;
  /** Cooldowns default to 0 (off) here, so tests that fire many commands from one user are not throttled. */
  config?: Partial<Pick<Config, 'moderatorRoleIds' | 'moderatorUserIds' | 'maxArticleBytes' | 'cooldownQuestionsPer10s' | 'cooldownAutocompletePer10s'>>;
  fake?: FakeDiscordOptions;
  deferAfterMs?: number;
  commands?: ReadonlyMap<string, Command>;
}): Promise<Harness> {
  installUnhandledRejectionHook();
  const fake = await FakeDiscord.start(opts.fake);
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
  let bot: RunningBot;
  try {
    bot = await startBot({
      config,
      dataset: opts.dataset,
      log,
      clientOptions: { rest: { api: fake.apiBase, globalRequestsPerSecond: 1e9 }, waitGuildTimeout: 1000 },
      ...(opts.deferAfterMs !== undefined ? { deferAfterMs: opts.deferAfterMs } : {}),
      ...(opts.commands ? { commands: opts.commands } : {}),
    });
  } catch (err) {
    await fake.stop();
    throw err;
  }
  return {
    fake,
    bot,
    logs,
    errors,
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
