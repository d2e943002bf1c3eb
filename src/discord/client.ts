// The discord.js client factory: Guilds + DirectMessages intents, the Channel partial (DMs), and the REST API
// base from DISCORD_API_URL. Tests pass ClientOptions overrides (rest.api of the local fake server).
import { Client, GatewayIntentBits, Partials, type ClientOptions } from 'discord.js';
import type { Config } from '../config.ts';

export function createClient(config: Pick<Config, 'apiUrl'>, overrides: Partial<ClientOptions> = {}): Client {
  const rest = { ...(config.apiUrl ? { api: config.apiUrl } : {}), ...(overrides.rest ?? {}) };
  return new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    ...overrides,
    rest,
  });
}
