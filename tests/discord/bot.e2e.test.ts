// End to end: the real discord.js Client (startBot) against the local fake Discord server, over an invented
// fact table (tests/support/fixtureTable.ts). Every command in a guild and in a DM, autocomplete, DMs,
// pagination, the evidence menu, moderators, errors, a gateway resume, and the limits checker over everything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODERATOR_PERMISSIONS, PERMISSION_BITS, unhandled, type InteractionResult, type MessagePayload } from '../support/fakeDiscord.ts';
import { fixtureTable, MemoryDataset } from '../support/fixtureTable.ts';
import { MOD_USER_ID, startHarness, type Harness } from '../support/harness.ts';
import { allViolations, checkedCount, payloadViolations } from '../support/limits.ts';

let h: Harness;
const dataset = new MemoryDataset(fixtureTable(30));

beforeAll(async () => {
  h = await startHarness({ dataset });
});
afterAll(async () => {
  await h?.stop();
});

function embed(r: { message: MessagePayload | null }): { title: string; text: string; fields: Array<{ name: string; value: string }>; raw: { title: string; text: string } } {
  const e = r.message?.embeds?.[0];
  if (!e) throw new Error(`no embed in ${JSON.stringify(r.message)}`);
  return {
    title: plain(e.title ?? ''),
    text: plain(e.description ?? ''),
    fields: (e.fields ?? []).map((f) => ({ name: plain(f.name), value: plain(f.value) })),
    raw: { title: e.title ?? '', text: e.description ?? '' },
  };
}

/** Undo markdown escaping (the bot escapes every echoed and quoted text) for content assertions. */
function plain(text: string): string {
  return text.replace(/\\([\\*_~`|>#.\-\[\]()])/g, '$1');
}

function isEphemeral(r: InteractionResult): boolean {
  const b = r.callback.body as { data?: { flags?: number } };
  return ((b.data?.flags ?? 0) & 64) === 64;
}

function buttons(m: MessagePayload | null): Array<{ custom_id?: string; label?: string; disabled?: boolean }> {
  return (m?.components ?? []).flatMap((row) => row.components).filter((c) => c.type === 2);
}

describe('every command answers in a guild and in a DM', () => {
  const cases: Array<{ name: string; options?: Record<string, string>; subcommand?: string; expectTitle: RegExp; expectText: RegExp }> = [
    { name: 'ask', options: { question: 'When did Tomas Ardelean defect?' }, expectTitle: /When did Tomas Ardelean defect/, expectText: /30 March 2031|2031-03-30|March 2031/ },
    { name: 'defections', options: { from: '2031-03', to: '2031-04' }, expectTitle: /Defections/, expectText: /Ardelean/ },
    { name: 'person', options: { name: 'tomas-ardelean' }, expectTitle: /^Tomas Ardelean$/, expectText: /deputy energy minister/i },
    { name: 'said', options: { person: 'ilse-marrow', about: 'council' }, expectTitle: /Ilse Marrow/, expectText: /We will not serve the council any longer/ },
    { name: 'sources', expectTitle: /Sources/, expectText: /vel_001/ },
    { name: 'sources', options: { article: 'vel_002' }, expectTitle: /Second report/, expectText: /Eastern Ledger/ },
    { name: 'help', expectTitle: /Dossier/, expectText: /\/ask/ },
  ];
  for (const where of ['guild', 'dm'] as const) {
    for (const c of cases) {
      it(`/${c.name} ${JSON.stringify(c.options ?? {})} in a ${where}`, async () => {
        const r = await h.fake.command({ name: c.name, ...(c.options ? { options: c.options } : {}), dm: where === 'dm' });
        expect(r.callbackType).toBe(4);
        const e = embed(r);
        expect(e.title).toMatch(c.expectTitle);
        expect(`${e.text}\n${e.fields.map((f) => `${f.name} ${f.value}`).join('\n')}`).toMatch(c.expectText);
        expect(isEphemeral(r)).toBe(false);
        expect(payloadViolations(r.message ?? {})).toEqual([]);
      });
    }
  }

  it('/refresh and /article answer a moderator in a guild and a listed user in a DM', async () => {
    const guild = await h.fake.command({ name: 'refresh', permissions: MODERATOR_PERMISSIONS });
    expect(guild.callbackType).toBe(5); // deferred: re-extraction may take longer than 3 s
    expect(embed(guild).title).toBe('Refresh');
    const dm = await h.fake.command({ name: 'refresh', dm: true, user: { id: MOD_USER_ID, username: 'mod' } });
    expect(embed(dm).title).toBe('Refresh');
    const add = await h.fake.command({
      name: 'article',
      subcommand: 'add',
      dm: true,
      user: { id: MOD_USER_ID, username: 'mod' },
      options: { file: h.fake.registerAttachment('new.txt', 'A new article about Veloria.') },
    });
    // The in-memory dataset refuses to store: the reply must say the table is unchanged, and why.
    expect(embed(add).title).toBe('Article added failed');
    expect(embed(add).text).toMatch(/unchanged[\s\S]*cannot store/);
    const remove = await h.fake.command({ name: 'article', subcommand: 'remove', options: { id: 'vel_003' }, permissions: MODERATOR_PERMISSIONS });
    expect(embed(remove).text).toMatch(/cannot remove/);
    for (const r of [guild, dm, add, remove]) expect((r.callback.body as { data?: { flags?: number } }).data?.flags).toBe(64);
  });
});

describe('answers', () => {
  it('cites article, outlet, date and sentence for a grounded answer', async () => {
    const r = await h.fake.command({ name: 'ask', options: { question: 'how old is ardelean?' } });
    const e = embed(r);
    expect(e.text).toMatch(/51/);
    expect(e.text).toMatch(/52/);
    const names = e.fields.map((f) => f.name).join('\n');
    expect(names).toMatch(/vel_001 · Northwire · 2031-04-02/);
    expect(names).toMatch(/vel_002 · Eastern Ledger · 2031-04-05/);
  });

  it('says plainly when the table does not say, citing nothing', async () => {
    const r = await h.fake.command({ name: 'ask', options: { question: 'When did Zebulon Quartermaine defect?' } });
    const e = embed(r);
    expect(e.fields).toEqual([]);
    expect(r.message?.components ?? []).toEqual([]);
  });

  it('ephemeral option hides the answer', async () => {
    const r = await h.fake.command({ name: 'ask', options: { question: 'who is ilse marrow?' } });
    expect(isEphemeral(r)).toBe(false);
    const hidden = await h.fake.command({ name: 'ask', options: { question: 'who is ilse marrow?', ephemeral: true } });
    expect(isEphemeral(hidden)).toBe(true);
  });

  it('escapes echoed user text and quoted text, and never allows mentions', async () => {
    const r = await h.fake.command({ name: 'ask', options: { question: '@everyone **who** is <@123456789012345678> ardelean?' } });
    const e = embed(r);
    expect(e.raw.title).not.toContain('@everyone');
    expect(e.raw.title).toContain('@\u200beveryone');
    expect(e.raw.title).toContain('\\*\\*who\\*\\*');
    expect(e.raw.title).not.toMatch(/<@\d/);
    expect(r.message?.allowed_mentions).toEqual({ parse: [] });
    const q = await h.fake.command({ name: 'said', options: { person: 'ilse-marrow', about: 'capital' } });
    const text = embed(q).raw.text;
    expect(text).toContain('@\u200beveryone');
    expect(text).toContain('\\*\\*the council\\*\\*');
    expect(text).not.toMatch(/<@\d/);
  });

  it('a very long quote stays inside every limit (split across pages)', async () => {
    const r = await h.fake.command({ name: 'said', options: { person: 'Marrow' } });
    expect(payloadViolations(r.message ?? {})).toEqual([]);
    const total = JSON.stringify(r.message).length;
    expect(total).toBeGreaterThan(1000);
  });
});

describe('autocomplete', () => {
  const cases: Array<{ command: string; focused: string; value: string; expectNames: RegExp; min: number }> = [
    { command: 'person', focused: 'name', value: 'ard', expectNames: /Tomas Ardelean/, min: 1 },
    { command: 'person', focused: 'name', value: '', expectNames: /./, min: 25 }, // 32 people: capped at 25
    { command: 'person', focused: 'name', value: 'okaro', expectNames: /Okaro/, min: 25 },
    { command: 'said', focused: 'person', value: 'mar', expectNames: /Ilse Marrow/, min: 1 },
    { command: 'sources', focused: 'article', value: 'vel_00', expectNames: /vel_001/, min: 3 },
  ];
  for (const c of cases) {
    it(`/${c.command} ${c.focused}:"${c.value}"`, async () => {
      const started = performance.now();
      const { choices, result } = await h.fake.autocomplete({ name: c.command, focused: c.focused, options: { [c.focused]: c.value } });
      const ms = performance.now() - started;
      expect(result.callbackType).toBe(8);
      expect(choices.length).toBeGreaterThanOrEqual(c.min);
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const ch of choices) {
        expect(ch.name.length).toBeGreaterThan(0);
        expect(ch.name.length).toBeLessThanOrEqual(100);
      }
      expect(choices.map((x) => x.name).join('\n')).toMatch(c.expectNames);
      expect(ms).toBeLessThan(1000);
    });
  }

  it('/said autocomplete offers speakers only', async () => {
    const { choices } = await h.fake.autocomplete({ name: 'said', focused: 'person', options: { person: 'ard' } });
    expect(choices.map((c) => c.name).join()).not.toMatch(/Ardelean/);
  });

  it('autocomplete in a DM works too', async () => {
    const { choices } = await h.fake.autocomplete({ name: 'person', focused: 'name', options: { name: 'tom' }, dm: true });
    expect(choices[0]?.value).toBe('tomas-ardelean');
  });
});

describe('direct messages', () => {
  it('a DM question is answered in the DM exactly as /ask answers it', async () => {
    const question = 'When did Tomas Ardelean defect?';
    const dm = await h.fake.dm(question);
    const slash = await h.fake.command({ name: 'ask', options: { question } });
    expect(dm.call.path).toMatch(/^\/channels\/\d+\/messages$/);
    expect(dm.payload.embeds).toEqual(slash.message?.embeds);
    expect(dm.payload.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(dm.payload.flags ?? 0).toBe(0);
  });

  it('a DM with an unknown subject says the articles do not say, without sources', async () => {
    const dm = await h.fake.dm('how old is Zebulon Quartermaine?');
    expect(dm.payload.embeds?.[0]?.fields ?? []).toEqual([]);
  });
});

describe('pagination buttons', () => {
  it('/defections pages through 31 defections with Previous/Next', async () => {
    const first = await h.fake.command({ name: 'defections' });
    const b = buttons(first.message);
    expect(b.map((x) => x.label)).toEqual(['◀ Previous', expect.stringMatching(/^1 \/ \d$/), 'Next ▶']);
    expect(b[0]?.disabled).toBe(true);
    const pages = Number(/\/ (\d)/.exec(b[1]?.label ?? '')?.[1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    const seen = new Set<string>([embed(first).text]);
    let current = first;
    for (let p = 2; p <= pages; p++) {
      const next = buttons(current.message)[2];
      if (!next?.custom_id || !first.messageId) throw new Error('no next button');
      current = await h.fake.component(first.messageId, next.custom_id);
      expect(current.callbackType).toBe(7); // update the same message
      expect(buttons(current.message)[1]?.label).toBe(`${p} / ${pages}`);
      expect(embed(current).text).toMatch(new RegExp(`^31 defections[\\s\\S]*\\n?${(p - 1) * 10 + 1}\\. `));
      seen.add(embed(current).text);
    }
    expect(seen.size).toBe(pages);
    expect(buttons(current.message)[2]?.disabled).toBe(true);
    const prev = buttons(current.message)[0];
    if (!prev?.custom_id || !first.messageId) throw new Error('no previous button');
    const back = await h.fake.component(first.messageId, prev.custom_id);
    expect(buttons(back.message)[1]?.label).toBe(`${pages - 1} / ${pages}`);
  });

  it('works in a DM too', async () => {
    const first = await h.fake.command({ name: 'defections', dm: true });
    const next = buttons(first.message)[2];
    if (!next?.custom_id || !first.messageId) throw new Error('no next button in the DM reply');
    const second = await h.fake.component(first.messageId, next.custom_id, { dm: true });
    expect(second.callbackType).toBe(7);
    expect(buttons(second.message)[1]?.label).toMatch(/^2 \/ \d$/);
  });

  it('a stale button gets a helpful ephemeral message', async () => {
    const first = await h.fake.command({ name: 'defections' });
    if (!first.messageId) throw new Error('no message');
    const r = await h.fake.component(first.messageId, 'pc|deadbeef0000|2');
    expect(isEphemeral(r)).toBe(true);
    expect(embed(r).text).toMatch(/expired/);
  });
});

describe('evidence menu', () => {
  it('shows the paragraph behind a source, ephemerally, cited', async () => {
    const r = await h.fake.command({ name: 'person', options: { name: 'Ardelean' } });
    const select = (r.message?.components ?? []).flatMap((row) => row.components).find((c) => c.type === 3);
    expect(select?.custom_id).toBe('ev');
    const option = select?.options?.find((o) => o.value.startsWith('vel_001#'));
    if (!option || !r.messageId) throw new Error('no evidence option for vel_001');
    const ev = await h.fake.component(r.messageId, 'ev', { values: [option.value] });
    expect(ev.callbackType).toBe(4);
    expect(isEphemeral(ev)).toBe(true);
    expect(embed(ev).text).toContain('Mr Ardelean, 51, announced his defection in a video posted online.');
    expect(embed(ev).fields[0]?.name).toMatch(/vel_001 · Northwire · 2031-04-02/);
  });
});

describe('moderators', () => {
  const cases: Array<{ label: string; opts: Record<string, unknown>; allowed: boolean }> = [
    { label: 'plain member (server overrode default_member_permissions)', opts: {}, allowed: false },
    { label: 'member with Manage Server', opts: { permissions: MODERATOR_PERMISSIONS }, allowed: true },
    { label: 'administrator', opts: { permissions: PERMISSION_BITS.ADMINISTRATOR }, allowed: true },
    { label: 'member with a MODERATOR_ROLE_IDS role, no Manage Server', opts: { roles: ['__modrole__'] }, allowed: true },
    { label: 'member with some other role', opts: { roles: ['300000000000000009'] }, allowed: false },
    { label: 'DM from a user not in MODERATOR_USER_IDS', opts: { dm: true }, allowed: false },
    { label: 'DM from a MODERATOR_USER_IDS user', opts: { dm: true, user: { id: MOD_USER_ID, username: 'mod' } }, allowed: true },
  ];
  for (const c of cases) {
    it(`/refresh by ${c.label}: ${c.allowed ? 'done' : 'refused'}`, async () => {
      const opts = { ...c.opts };
      if (Array.isArray(opts.roles)) opts.roles = opts.roles.map((r: unknown) => (r === '__modrole__' ? (h.fake.guild.roles[1]?.id ?? '') : r));
      const before = dataset.refreshes;
      const r = await h.fake.command({ name: 'refresh', ...opts });
      expect(isEphemeral(r) || (r.callbackType === 5 && ((r.callback.body as { data?: { flags?: number } }).data?.flags ?? 0) === 64)).toBe(true);
      if (c.allowed) {
        expect(dataset.refreshes).toBe(before + 1);
        expect(embed(r).title).toBe('Refresh');
      } else {
        expect(dataset.refreshes).toBe(before);
        expect(embed(r).title).toBe('Not allowed');
        expect(embed(r).text).toMatch(c.opts.dm ? /MODERATOR_USER_IDS/ : /Manage Server/);
      }
    });
  }

  it('moderator commands are registered with default_member_permissions = Manage Server', async () => {
    const { deployCommands } = await import('../../src/discord/deploy.ts');
    const res = await deployCommands({ token: h.fake.token, clientId: h.fake.applicationId, guildId: h.fake.guild.id, apiUrl: h.fake.apiBase });
    const { commands } = await import('../../commands/index.ts');
    expect(res).toEqual({ scope: `guild ${h.fake.guild.id}`, count: commands.length });
    const global = await deployCommands({ token: h.fake.token, clientId: h.fake.applicationId, guildId: undefined, apiUrl: h.fake.apiBase });
    expect(global.scope).toBe('global');
    const [guildPut, globalPut] = h.fake.commandsRegistered;
    expect(guildPut?.scope).toBe(h.fake.guild.id);
    expect(globalPut?.scope).toBe('global');
    const body = guildPut?.body as Array<{ name: string; default_member_permissions?: string | null; contexts?: number[] }>;
    const perms = Object.fromEntries(body.map((c) => [c.name, c.default_member_permissions ?? null]));
    // Moderator commands carry Manage Server (32); every other command (new ones included) is open to all.
    const expected = Object.fromEntries(body.map((c) => [c.name, ['refresh', 'article'].includes(c.name) ? '32' : null]));
    expect(perms).toEqual(expected);
    expect(perms).toMatchObject({ ask: null, defections: null, person: null, said: null, sources: null, refresh: '32', article: '32', help: null });
    for (const c of body) expect(c.contexts).toEqual([0, 1]);
  });
});

describe('errors', () => {
  it('unknown person: own message with did-you-mean, ephemeral', async () => {
    const r = await h.fake.command({ name: 'person', options: { name: 'Tomas Ardelaen' } });
    const e = embed(r);
    if (e.title === 'Unknown person') {
      expect(e.text).toMatch(/Did you mean: .*Tomas Ardelean/);
      expect(isEphemeral(r)).toBe(true);
    } else expect(e.title).toBe('Tomas Ardelean'); // the engine may resolve a transposed letter itself
    const none = await h.fake.command({ name: 'person', options: { name: 'Qqqqqq Zzzzzz' } });
    expect(embed(none).title).toBe('Unknown person');
    expect(isEphemeral(none)).toBe(true);
  });

  it('unknown article and bad dates get their own messages', async () => {
    const a = await h.fake.command({ name: 'sources', options: { article: 'nope' } });
    expect(embed(a).title).toBe('Unknown article');
    expect(embed(a).text).toMatch(/Did you mean: vel_001/);
    const d = await h.fake.command({ name: 'defections', options: { from: 'the day after tomorrow-ish' } });
    expect(embed(d).text).toMatch(/could not read/);
  });

  it('an unexpected failure gets an incident id, is logged, and the bot keeps answering', async () => {
    const before = h.errors.length;
    const original = dataset.refresh.bind(dataset);
    dataset.refresh = async () => {
      throw new Error('disk on fire');
    };
    try {
      const r = await h.fake.command({ name: 'refresh', permissions: MODERATOR_PERMISSIONS });
      const m = /incident ([0-9a-f]{8})/.exec(embed(r).text);
      expect(m).not.toBeNull();
      expect(h.errors.length).toBe(before + 1);
      expect(h.errors[before]?.message).toContain(`incident ${m?.[1]}`);
      expect(String(h.errors[before]?.err)).toContain('disk on fire');
    } finally {
      dataset.refresh = original;
    }
    const after = await h.fake.command({ name: 'help' });
    expect(embed(after).title).toMatch(/Dossier/);
  });

  it('slow work is deferred and then edited in place', async () => {
    const original = dataset.refresh.bind(dataset);
    let release: () => void = () => undefined;
    dataset.refresh = async () => {
      await new Promise<void>((r) => {
        release = r;
      });
      return original();
    };
    try {
      const pending = h.fake.command({ name: 'refresh', permissions: MODERATOR_PERMISSIONS });
      const cb = await h.fake.waitFor((c) => c.route.includes('/callback') && (c.body as { type: number }).type === 5);
      expect(cb).toBeTruthy();
      release();
      const r = await pending;
      expect(r.calls.map((c) => c.route)).toEqual(['POST /interactions/:id/:token/callback', 'PATCH /webhooks/:app/:token/messages/:message']);
    } finally {
      dataset.refresh = original;
    }
  });
});

describe('gateway', () => {
  it('keeps answering after the server asks it to reconnect (op 7 -> RESUME)', async () => {
    await h.fake.requestReconnect();
    const r = await h.fake.command({ name: 'help' });
    expect(embed(r).title).toMatch(/Dossier/);
  });
});

describe('every recorded reply (checked last)', () => {
  it('has empty allowed_mentions.parse and respects all size limits; no unknown route was hit', () => {
    expect(checkedCount(h.fake)).toBeGreaterThan(40);
    expect(allViolations(h.fake)).toEqual([]);
    expect(h.fake.unknownCalls().map((c) => `${c.method} ${c.path}`)).toEqual([]);
    expect(unhandled).toEqual([]);
  });
});
