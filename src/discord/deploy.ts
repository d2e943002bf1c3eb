// `npm run deploy`: register the commands in one bulk overwrite (PUT), to DISCORD_GUILD_ID when set (instant,
// for development) or globally. REST only: it never logs in to the gateway.
import { REST, Routes } from 'discord.js';
import { pathToFileURL } from 'node:url';
import { commands } from '../../commands/index.ts';
import { ConfigError, loadConfig, type Config } from '../config.ts';

export async function deployCommands(config: Pick<Config, 'token' | 'clientId' | 'guildId' | 'apiUrl'>): Promise<{ scope: string; count: number }> {
  const problems: string[] = [];
  if (!config.token) problems.push('DISCORD_TOKEN is required to register commands');
  if (!config.clientId) problems.push('DISCORD_CLIENT_ID (the application id) is required to register commands');
  if (!config.token || !config.clientId) throw new ConfigError(problems);
  const rest = new REST({ version: '10', ...(config.apiUrl ? { api: config.apiUrl } : {}) }).setToken(config.token);
  const body = commands.map((c) => c.data);
  const route = config.guildId ? Routes.applicationGuildCommands(config.clientId, config.guildId) : Routes.applicationCommands(config.clientId);
  const result = await rest.put(route, { body });
  const count = Array.isArray(result) ? result.length : 0;
  return { scope: config.guildId ? `guild ${config.guildId}` : 'global', count };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const { scope, count } = await deployCommands(loadConfig());
    console.log(`Registered ${count} commands (${scope}).${scope === 'global' ? ' Global commands can take up to an hour to appear.' : ''}`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  }
}
