// `npm start`: with DISCORD_TOKEN, the Discord bot (also the entry point of each shard under
// src/discord/sharded.ts); without it, the text console. Configuration is validated once, here.
import { ConfigError, loadConfig, type Config } from './config.ts';
import { Dataset } from './store/dataset.ts';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  }
  const log = (msg: string): void => console.error(msg);
  // A running bot prepares its next refresh in the background; the console (often fed a few lines from a
  // pipe) exits when its input ends, and does not keep the process alive for it.
  const dataset = await Dataset.open({ seedsDir: config.seedsDir, dataFile: config.dataFile, log, prepareRefresh: Boolean(config.token) });
  if (!config.token) {
    const { runConsole } = await import('./cli/console.ts');
    await runConsole(dataset, { maxArticleBytes: config.maxArticleBytes });
    return;
  }
  const { startBot, closeOnSignals } = await import('./discord/bot.ts');
  const bot = await startBot({ config, dataset });
  closeOnSignals(bot);
}

await main();
