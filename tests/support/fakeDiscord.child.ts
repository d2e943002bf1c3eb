// The fake Discord server (fakeDiscord.ts) in a process of its own, driven over IPC by fakeDiscordProcess.ts.
// Used where the test measures the bot's timing: the server's own work (HTTP parsing, recording calls, building
// and sending gateway payloads, running a flood) must not share the bot's event loop.
// Usage: fork('fakeDiscord.child.ts', [JSON FakeDiscordOptions], { execArgv: ['--import', 'tsx'] }).
import { FakeDiscord, sleep, type CommandInput } from './fakeDiscord.ts';
import type { ChildReply, ChildRequest, FloodReport } from './fakeDiscordProcess.ts';

const send = (m: ChildReply): void => {
  process.send?.(m);
};

const fake = await FakeDiscord.start(JSON.parse(process.argv[2] ?? '{}'));

interface Flood {
  timer: NodeJS.Timeout;
  tokens: Set<string>;
}
let flood: Flood | null = null;

function startFlood(input: CommandInput, burst: number, everyMs: number): void {
  if (flood) throw new Error('a flood is already running');
  const tokens = new Set<string>();
  const fire = (): void => {
    for (const token of fake.emitCommands(input, burst)) tokens.add(token);
  };
  fire();
  flood = { timer: setInterval(fire, everyMs), tokens };
}

/** Stop the flood, give late answers `settleMs` to arrive, and count what the bot answered. */
async function stopFlood(settleMs: number): Promise<FloodReport> {
  if (!flood) throw new Error('no flood is running');
  const { timer, tokens } = flood;
  flood = null;
  clearInterval(timer);
  await sleep(settleMs);
  const answers = fake.calls.filter((c) => c.route === 'POST /interactions/:id/:token/callback' && c.token !== null && tokens.has(c.token));
  const titles = answers.map((c) => (c.body as { data?: { embeds?: Array<{ title?: string }> } }).data?.embeds?.[0]?.title ?? '');
  return { sent: tokens.size, answered: answers.length, slowDown: titles.filter((t) => t === 'Slow down').length };
}

async function handle(req: ChildRequest): Promise<unknown> {
  switch (req.op) {
    case 'command': {
      const t0 = performance.now();
      const r = await fake.command(req.input, req.timeoutMs);
      const embed = r.message?.embeds?.[0];
      // Round trip as Discord would see it: the interaction sent on the gateway -> the bot's callback received.
      return { ms: r.callback.at - t0, title: embed?.title ?? '', description: embed?.description ?? '', flags: r.message?.flags ?? 0 };
    }
    case 'startFlood':
      startFlood(req.input, req.burst, req.everyMs);
      return null;
    case 'stopFlood':
      return stopFlood(req.settleMs);
    case 'unknownCalls':
      return fake.unknownCalls().map((c) => `${c.method} ${c.path}`);
    case 'stop':
      if (flood) clearInterval(flood.timer);
      return null; // the server stops when this process is disconnected (below)
  }
}

process.on('message', (raw) => {
  const req = raw as ChildRequest;
  handle(req).then(
    (value) => {
      send({ id: req.id, ok: true, value });
      if (req.op === 'stop') process.disconnect();
    },
    (err: unknown) => send({ id: req.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});

// The test process went away (ended, or killed): do not linger as an orphan server.
process.on('disconnect', () => {
  if (flood) clearInterval(flood.timer);
  void fake.stop().finally(() => process.exit(0));
});

send({ ready: { token: fake.token, apiBase: fake.apiBase, guild: { id: fake.guild.id, roles: fake.guild.roles.map((r) => ({ id: r.id })) } } });
