// The fake server itself: multipart uploads are parsed (payload_json + files), unknown routes answer 404 JSON
// and are recorded, a wrong token is refused without a 401 (P9), @original is decoded (P1).
import { AttachmentBuilder, Client, Events, GatewayIntentBits, Partials, REST, type TextChannel } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord, installUnhandledRejectionHook } from '../support/fakeDiscord.ts';

let fake: FakeDiscord;
let client: Client;

beforeAll(async () => {
  installUnhandledRejectionHook();
  fake = await FakeDiscord.start();
  client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    rest: { api: fake.apiBase, globalRequestsPerSecond: 1e9 },
  });
  client.on(Events.InteractionCreate, (i) => {
    if (i.isChatInputCommand())
      void (async () => {
        await i.deferReply();
        await i.editReply({ content: 'edited', files: [new AttachmentBuilder(Buffer.from('hello file'), { name: 'a.txt' })] });
      })();
  });
  const ready = new Promise<void>((r) => client.once(Events.ClientReady, () => r()));
  await client.login(fake.token);
  await ready;
});

afterAll(async () => {
  await client?.destroy();
  await fake?.stop();
});

describe('fake Discord server', () => {
  it('parses multipart uploads sent to a channel', async () => {
    const channel = (await client.channels.fetch(fake.guild.channelId)) as TextChannel;
    await channel.send({ content: 'with a file', files: [new AttachmentBuilder(Buffer.from([1, 2, 3, 0, 255]), { name: 'bin.dat' })] });
    const call = fake.calls.find((c) => c.route === 'POST /channels/:channel/messages');
    expect(call?.body).toMatchObject({ content: 'with a file' });
    expect(call?.files.map((f) => ({ field: f.field, name: f.name, bytes: [...f.bytes] }))).toEqual([{ field: 'files[0]', name: 'bin.dat', bytes: [1, 2, 3, 0, 255] }]);
  });

  it('decodes %40original and parses a multipart edit after a deferral', async () => {
    const r = await fake.command({ name: 'anything' });
    expect(r.callbackType).toBe(5);
    const edit = r.calls.find((c) => c.method === 'PATCH');
    expect(edit?.path).toMatch(/\/messages\/@original$/);
    expect(edit?.body).toMatchObject({ content: 'edited' });
    expect(edit?.files[0]?.bytes.toString()).toBe('hello file');
  });

  it('answers unknown routes with 404 JSON and records them', async () => {
    const rest = new REST({ api: fake.apiBase }).setToken(fake.token);
    await expect(rest.get('/guilds/1/audit-logs')).rejects.toThrow(/404|Not Found/);
    expect(fake.unknownCalls().map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual(['GET /guilds/1/audit-logs 404']);
  });

  it('refuses a wrong token with 403, never 401', async () => {
    const rest = new REST({ api: fake.apiBase, retries: 0 }).setToken('wrong');
    await expect(rest.get('/gateway/bot')).rejects.toThrow(/Missing Access/);
    expect(fake.calls.at(-1)?.status).toBe(403);
  });

  it('serves registered attachments and 404s others', async () => {
    const att = fake.registerAttachment('x.txt', 'body');
    expect(await (await fetch(att.url)).text()).toBe('body');
    expect((await fetch(`${fake.origin}/attachments/1/2/none.txt`)).status).toBe(404);
  });
});
