// `npm run start:sharded`: discord.js ShardingManager; each shard runs src/main.ts (the bot). A refresh on one
// shard reloads the table on every shard through broadcastEval (see reloadAllShards in bot.ts).
import { ShardingManager } from 'discord.js';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadConfig } from '../config.ts';

/** Shard count Discord recommends, asked of DISCORD_API_URL when set (discord.js's 'auto' always asks discord.com). */
export async function recommendedShards(token: string, apiUrl?: string): Promise<number> {
  const base = apiUrl ?? 'https://discord.com/api';
  const res = await fetch(`${base}/v10/gateway/bot`, { headers: { Authorization: `Bot ${token}` } });
  if (!res.ok) throw new Error(`GET /gateway/bot failed: HTTP ${res.status}`);
  const body = (await res.json()) as { shards?: unknown };
  return typeof body.shards === 'number' && body.shards >= 1 ? body.shards : 1;
}

export function createShardingManager(opts: { token: string; totalShards?: number | 'auto'; file?: string; silent?: boolean }): ShardingManager {
  const file = opts.file ?? fileURLToPath(new URL('../main.ts', import.meta.url));
  return new ShardingManager(file, {
    token: opts.token,
    totalShards: opts.totalShards ?? 'auto',
    mode: 'process',
    execArgv: ['--import', 'tsx'],
    respawn: true,
    silent: opts.silent ?? false,
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const config = loadConfig();
  if (!config.token) {
    console.error('DISCORD_TOKEN is required for the sharded bot (see .env.example).');
    process.exit(1);
  }
  const count = config.totalShards ?? (await recommendedShards(config.token, config.apiUrl));
  const manager = createShardingManager({ token: config.token, totalShards: count });
  manager.on('shardCreate', (shard) => console.log(`Shard ${shard.id} launched`));
  const stop = (): void => {
    for (const shard of manager.shards.values()) shard.kill();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await manager.spawn();
}
