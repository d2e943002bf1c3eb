// Child process for tests/hardening/security.e2e.test.ts: the real bot (startBot, console logger) against the
// test's fake server, which then suffers an unhandled promise rejection from a background task. The process
// must log it with context and keep answering. Usage: node --import tsx stray.child.ts <apiBase> <token>
import { startBot } from '../../src/discord/bot.ts';
import { fixtureTable, MemoryDataset } from '../support/fixtureTable.ts';

const [api, token] = process.argv.slice(2);
if (!api || !token) throw new Error('usage: stray.child.ts <apiBase> <token>');
const bot = await startBot({
  config: { token, apiUrl: api, moderatorRoleIds: [], moderatorUserIds: [], maxArticleBytes: 10_000, cooldownQuestionsPer10s: 0, cooldownAutocompletePer10s: 0 },
  dataset: new MemoryDataset(fixtureTable(0)),
  clientOptions: { rest: { api, globalRequestsPerSecond: 1e9 }, waitGuildTimeout: 1000 },
});
// A background task that fails without anyone awaiting it.
void (async () => {
  await new Promise((r) => setTimeout(r, 20));
  throw new Error('stray failure in a background task');
})();
setTimeout(() => process.stdout.write('stray fired\n'), 100);
process.once('SIGTERM', () => void bot.stop().finally(() => process.exit(0)));
