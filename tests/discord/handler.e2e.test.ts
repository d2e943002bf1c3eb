// The central handler with injected commands (real client, fake server): lazy deferral when a command
// outlives the defer window, unexpected errors in a deferred public reply and in a DM, and unknown commands.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandMap } from '../../commands/index.ts';
import { argsFrom, str, type Command } from '../../src/discord/command.ts';
import { sleep, unhandled } from '../support/fakeDiscord.ts';
import { fixtureTable, MemoryDataset } from '../support/fixtureTable.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { allViolations } from '../support/limits.ts';

const slowEcho: Command = {
  data: { name: 'slowecho', description: 'test', options: [] },
  async run(args) {
    const ms = Number(str(args, 'ms') ?? '0');
    await sleep(ms);
    if (str(args, 'fail')) throw new Error('boom after waiting');
    return { title: 'Echo', intro: `waited ${ms} ms`, items: [], tone: 'info' };
  },
  execute: argsFrom,
};
const brokenAsk: Command = {
  ...(commandMap.get('ask') as Command),
  async run() {
    throw new Error('index corrupted');
  },
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    dataset: new MemoryDataset(fixtureTable(0)),
    deferAfterMs: 100,
    commands: new Map([
      ['slowecho', slowEcho],
      ['ask', brokenAsk],
    ]),
  });
});
afterAll(async () => {
  await h?.stop();
});

function callbackTypes(calls: Array<{ route: string; body: unknown }>): string[] {
  return calls.map((c) => (c.route.includes('/callback') ? `callback ${(c.body as { type: number }).type}` : c.route));
}

describe('central handler', () => {
  it('answers directly when the work is quick', async () => {
    const r = await h.fake.command({ name: 'slowecho', options: { ms: '0' } });
    expect(callbackTypes(r.calls)).toEqual(['callback 4']);
  });

  it('defers when the work outlives the defer window, then edits the reply', async () => {
    const r = await h.fake.command({ name: 'slowecho', options: { ms: '400' } });
    await h.fake.waitFor((c) => c.token === r.token && c.route.startsWith('PATCH'), 5000, 0);
    expect(callbackTypes(h.fake.calls.filter((c) => c.token === r.token))).toEqual(['callback 5', 'PATCH /webhooks/:app/:token/messages/:message']);
    expect(r.message?.embeds?.[0]?.description).toBe('waited 400 ms');
  });

  it('an error after a public deferral: the placeholder is deleted and the incident is sent privately', async () => {
    const r = await h.fake.command({ name: 'slowecho', options: { ms: '300', fail: 'yes' } });
    const follow = await h.fake.waitFor((c) => c.token === r.token && c.route === 'POST /webhooks/:app/:token', 5000, 0);
    const body = follow.body as { flags?: number; embeds?: Array<{ description?: string }> };
    expect(body.flags).toBe(64);
    expect(body.embeds?.[0]?.description).toMatch(/incident [0-9a-f]{8}/);
    expect(h.fake.calls.some((c) => c.token === r.token && c.method === 'DELETE')).toBe(true);
    expect(h.errors.some((e) => String(e.err).includes('boom after waiting'))).toBe(true);
  });

  it('an unexpected error answering a DM: incident reply in the DM, logged', async () => {
    const before = h.errors.length;
    const dm = await h.fake.dm('who defected?');
    expect(dm.payload.embeds?.[0]?.description).toMatch(/incident ([0-9a-f]{8})/);
    const id = /incident ([0-9a-f]{8})/.exec(dm.payload.embeds?.[0]?.description ?? '')?.[1];
    expect(h.errors[before]?.message).toContain(`incident ${id}`);
  });

  it('an unknown command gets a helpful ephemeral message', async () => {
    const r = await h.fake.command({ name: 'gone' });
    expect((r.callback.body as { data?: { flags?: number } }).data?.flags).toBe(64);
    expect(r.message?.embeds?.[0]?.description).toMatch(/Try \/help/);
  });

  it('after an invalid session (op 9, not resumable) the client identifies again and keeps answering', async () => {
    const identifies = (): number => h.fake.gatewayLog.filter((l) => l.dir === 'in' && l.op === 2).length;
    const before = identifies();
    h.fake.invalidateSession(0, false);
    const deadline = Date.now() + 20_000;
    while (identifies() === before && Date.now() < deadline) await sleep(50);
    expect(identifies()).toBe(before + 1);
    await h.fake.waitForSessions(1);
    const r = await h.fake.command({ name: 'slowecho', options: { ms: '0' } });
    expect(r.message?.embeds?.[0]?.description).toBe('waited 0 ms');
  }, 30_000);

  it('every reply within limits, no unknown route, no unhandled rejection', () => {
    expect(allViolations(h.fake)).toEqual([]);
    expect(h.fake.unknownCalls()).toEqual([]);
    expect(unhandled).toEqual([]);
  });
});
