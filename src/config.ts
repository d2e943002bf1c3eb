// Configuration: read once from the environment (and .env via dotenv), validated with zod, with one clear
// message per missing or malformed value. No token means console mode (src/cli/console.ts).
import dotenv from 'dotenv';
import { z } from 'zod';

const SNOWFLAKE = /^\d{17,20}$/;

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const snowflake = (name: string) =>
  optionalText.refine((v) => v === undefined || SNOWFLAKE.test(v), {
    message: `${name} must be a Discord id (a snowflake: 17 to 20 digits)`,
  });

const snowflakeList = (name: string) =>
  optionalText
    .transform((v) => (v === undefined ? [] : v.split(',').map((s) => s.trim()).filter((s) => s !== '')))
    .superRefine((ids, ctx) => {
      for (const id of ids)
        if (!SNOWFLAKE.test(id))
          ctx.addIssue({ code: 'custom', message: `${name}: "${id}" is not a Discord id (use a comma-separated list of 17-20 digit ids)` });
    });

/** Per-user cooldown defaults: questions (slash commands and DMs) and autocomplete requests per 10 seconds. */
export const DEFAULT_COOLDOWN = { questions: 6, autocomplete: 40 } as const;

const perTenSeconds = (name: string, fallback: number) =>
  optionalText
    .transform((v) => (v === undefined ? fallback : Number(v)))
    .refine((n) => Number.isInteger(n) && n >= 0 && n <= 1000, {
      message: `${name} must be a whole number from 0 (no cooldown) to 1000`,
    });

const EnvSchema = z.object({
  DISCORD_TOKEN: optionalText.refine((v) => v === undefined || !/\s/.test(v), {
    message: 'DISCORD_TOKEN must not contain spaces (paste only the token, without "Bot ")',
  }),
  DISCORD_CLIENT_ID: snowflake('DISCORD_CLIENT_ID'),
  DISCORD_GUILD_ID: snowflake('DISCORD_GUILD_ID'),
  MODERATOR_ROLE_IDS: snowflakeList('MODERATOR_ROLE_IDS'),
  MODERATOR_USER_IDS: snowflakeList('MODERATOR_USER_IDS'),
  SEEDS_DIR: optionalText.transform((v) => v ?? 'seeds'),
  DATA_FILE: optionalText.transform((v) => v ?? 'data/facts.json'),
  DISCORD_API_URL: optionalText.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), {
    message: 'DISCORD_API_URL must be an http(s) URL such as http://127.0.0.1:8080/api (without /v10)',
  }),
  MAX_ARTICLE_BYTES: optionalText
    .transform((v) => (v === undefined ? 200_000 : Number(v)))
    .refine((n) => Number.isInteger(n) && n >= 1_000 && n <= 10_000_000, {
      message: 'MAX_ARTICLE_BYTES must be a whole number of bytes between 1000 and 10000000',
    }),
  COOLDOWN_QUESTIONS_PER_10S: perTenSeconds('COOLDOWN_QUESTIONS_PER_10S', DEFAULT_COOLDOWN.questions),
  COOLDOWN_AUTOCOMPLETE_PER_10S: perTenSeconds('COOLDOWN_AUTOCOMPLETE_PER_10S', DEFAULT_COOLDOWN.autocomplete),
  TOTAL_SHARDS: optionalText
    .transform((v) => (v === undefined ? undefined : Number(v)))
    .refine((n) => n === undefined || (Number.isInteger(n) && n >= 1 && n <= 1000), {
      message: 'TOTAL_SHARDS must be a whole number from 1 to 1000 (or empty to ask the API)',
    }),
});

export interface Config {
  token: string | undefined;
  clientId: string | undefined;
  guildId: string | undefined;
  moderatorRoleIds: string[];
  moderatorUserIds: string[];
  seedsDir: string;
  dataFile: string;
  apiUrl: string | undefined;
  /** Largest article /article add accepts. */
  maxArticleBytes: number;
  /** Per-user limit on questions (slash commands other than moderator ones, and DMs) per 10 s; 0 = none. */
  cooldownQuestionsPer10s: number;
  /** Per-user limit on autocomplete requests per 10 s; 0 = none. */
  cooldownAutocompletePer10s: number;
  /** Shards for `npm run start:sharded`; undefined = the count the API recommends. */
  totalShards: number | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration problem${problems.length > 1 ? 's' : ''}:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example.`);
    this.name = 'ConfigError';
  }
}

/** Validate an environment (process.env by default). Throws ConfigError listing every problem. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => i.message));
  const e = parsed.data;
  return {
    token: e.DISCORD_TOKEN,
    clientId: e.DISCORD_CLIENT_ID,
    guildId: e.DISCORD_GUILD_ID,
    moderatorRoleIds: e.MODERATOR_ROLE_IDS,
    moderatorUserIds: e.MODERATOR_USER_IDS,
    seedsDir: e.SEEDS_DIR,
    dataFile: e.DATA_FILE,
    apiUrl: e.DISCORD_API_URL?.replace(/\/+$/, ''),
    maxArticleBytes: e.MAX_ARTICLE_BYTES,
    cooldownQuestionsPer10s: e.COOLDOWN_QUESTIONS_PER_10S,
    cooldownAutocompletePer10s: e.COOLDOWN_AUTOCOMPLETE_PER_10S,
    totalShards: e.TOTAL_SHARDS,
  };
}

let cached: Config | null = null;

/** Load .env (if present) and validate process.env, once per process. */
export function loadConfig(): Config {
  if (cached) return cached;
  dotenv.config({ quiet: true });
  cached = parseConfig(process.env);
  return cached;
}
