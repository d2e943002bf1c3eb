// Outages against the local Discord-compatible server: gateway reconnect requests (op 7), invalid sessions
// (op 9, resumable or not), dropped connections, REST 429 with retry_after followed by 500 on the interaction
// callback, on a webhook edit and on a DM message, a reset TCP connection, and a callback that keeps failing.
// After each, the bot answers the next question; nothing crashes, and after client.destroy() no timer, socket
// or server of ours is left behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODERATOR_PERMISSIONS, rateLimited, serverError, sleep, unhandled, type RecordedCall } from '../support/fakeDiscord.ts';
import { fixtureTable, MemoryDataset } from '../support/fixtureTable.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { allViolations } from '../support/limits.ts';

const WATCHED = ['Timeout', 'Immediate', 'TCPSocketWrap', 'TCPServerWrap', 'TCPWRAP', 'PipeWrap'];

function resources(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) if (WATCHED.includes(r)) out[r] = (out[r] ?? 0) + 1;
  return out;
}

let h: Harness;
let stopped = false;
let before: Record<string, number>;
const dataset = new MemoryDataset(fixtureTable(5));

beforeAll(async () => {
  await sleep(50);
  before = resources();
  h = await startHarness({ dataset });
});

afterAll(async () => {
  if (!stopped) await h?.stop();
});

/** Ask a question and check the answer arrived, cited. */
async function answersNext(): Promise<void> {
  const r = await h.fake.command({ name: 'ask', options: { question: 'When did Tomas Ardelean defect?' } }, 30_000);
  const e = r.message?.embeds?.[0];
  expect(e?.description ?? '').toMatch(/2031/);
  expect((e?.fields ?? []).map((f) => f.name.replace(/\\(.)/g, '$1')).join('\n')).toMatch(/vel_001 · Northwire/);
}

function statuses(calls: RecordedCall[], route: string): number[] {
  return calls.filter((c) => c.route.startsWith(route)).map((c) => c.status);
}

describe('gateway faults', () => {
  it('op 7 Reconnect: the client resumes and answers', async () => {
    const resumes = h.fake.sessionStats()[0]?.resumes ?? 0;
    await h.fake.requestReconnect();
    expect(h.fake.sessionStats()[0]?.resumes).toBe(resumes + 1);
    await answersNext();
  });

  it('op 9 Invalid Session (not resumable): the client identifies again and answers', async () => {
    const identifiesBefore = h.fake.gatewayLog.filter((g) => g.dir === 'in' && g.op === 2).length;
    h.fake.invalidateSession(0, false);
    const deadline = Date.now() + 20_000;
    while (h.fake.gatewayLog.filter((g) => g.dir === 'in' && g.op === 2).length === identifiesBefore) {
      if (Date.now() > deadline) throw new Error('no new IDENTIFY');
      await sleep(20);
    }
    await h.fake.waitForSessions(1);
    await answersNext();
  });

  it('op 9 Invalid Session (resumable): the client comes back and answers', async () => {
    const sent = h.fake.gatewayLog.filter((g) => g.dir === 'in' && (g.op === 2 || g.op === 6)).length;
    h.fake.invalidateSession(0, true);
    const deadline = Date.now() + 20_000;
    while (h.fake.gatewayLog.filter((g) => g.dir === 'in' && (g.op === 2 || g.op === 6)).length === sent) {
      if (Date.now() > deadline) throw new Error('no RESUME or IDENTIFY after a resumable op 9');
      await sleep(20);
    }
    await h.fake.waitForSessions(1);
    await answersNext();
  });

  const drops: Array<{ label: string; code?: number }> = [
    { label: 'dropped without a close frame (network cut)' },
    { label: 'closed with 4000 (unknown error, resumable)', code: 4000 },
    { label: 'closed with 1001 (going away)', code: 1001 },
  ];
  for (const d of drops) {
    it(`connection ${d.label}: the client reconnects and answers`, async () => {
      const sent = h.fake.gatewayLog.filter((g) => g.dir === 'in' && (g.op === 2 || g.op === 6)).length;
      h.fake.dropConnection(0, d.code);
      const deadline = Date.now() + 30_000;
      while (h.fake.gatewayLog.filter((g) => g.dir === 'in' && (g.op === 2 || g.op === 6)).length === sent || h.fake.connectedShards().length === 0) {
        if (Date.now() > deadline) throw new Error('client did not reconnect');
        await sleep(20);
      }
      await answersNext();
    }, 40_000);
  }
});

describe('REST faults', () => {
  it('429 (retry_after 0.3 s) then 500 on the interaction callback: retried, answered', async () => {
    const left = h.fake.injectFaults('POST /interactions', [rateLimited(0.3), serverError(500)]);
    const t = performance.now();
    const r = await h.fake.command({ name: 'ask', options: { question: 'how old is ardelean?' } }, 30_000);
    expect(left()).toBe(0);
    expect(statuses(r.calls, 'POST /interactions')).toEqual([429, 500, 204]);
    expect(performance.now() - t).toBeGreaterThanOrEqual(250); // it waited for retry_after
    expect(r.message?.embeds?.[0]?.description ?? '').toMatch(/51[\s\S]*52|52[\s\S]*51/);
    await answersNext();
  });

  it('429 then 500 on the webhook edit after a deferral: retried, the reply lands', async () => {
    const left = h.fake.injectFaults('PATCH /webhooks', [rateLimited(0.2), serverError(502)]);
    const r = await h.fake.command({ name: 'refresh', permissions: MODERATOR_PERMISSIONS }, 30_000);
    expect(left()).toBe(0);
    expect(r.callbackType).toBe(5);
    expect(statuses(r.calls, 'PATCH /webhooks')).toEqual([429, 502, 200]);
    expect(r.message?.embeds?.[0]?.title).toBe('Refresh');
    await answersNext();
  });

  it('429 then 500 on a DM answer: retried, the DM is answered', async () => {
    const left = h.fake.injectFaults('POST /channels/:channel/messages', [rateLimited(0.2), serverError(503)]);
    const dm = await h.fake.dm('who is ilse marrow?', undefined, 30_000);
    expect(left()).toBe(0);
    expect(dm.payload.embeds?.[0]?.description ?? '').toMatch(/Marrow/);
    await answersNext();
  });

  it('a DM answer whose connection is reset: sent once more, the DM is answered', async () => {
    h.fake.injectFaults('POST /channels/:channel/messages', [{ reset: true }]);
    const dm = await h.fake.dm('who is ilse marrow?', undefined, 30_000);
    expect(dm.payload.embeds?.[0]?.description ?? '').toMatch(/Marrow/);
    expect(statuses(h.fake.calls, 'POST /channels/:channel/messages').slice(-2)).toEqual([-1, 200]);
  });

  it('a callback that keeps failing (500 on every retry): logged with an incident id, the bot lives on', async () => {
    const errorsBefore = h.errors.length;
    // 4 attempts for the answer and 4 for the error reply (@discordjs/rest retries a 5xx 3 times).
    const left = h.fake.injectFaults('POST /interactions', Array.from({ length: 8 }, () => serverError(500)));
    const token = h.fake.waitFor((c) => c.route.startsWith('POST /interactions') && c.status === 500);
    void h.fake.command({ name: 'ask', options: { question: 'who is ilse marrow?' } }, 5_000).catch(() => undefined);
    await token;
    const deadline = Date.now() + 20_000;
    while (h.errors.length < errorsBefore + 2) {
      if (Date.now() > deadline) throw new Error(`errors logged: ${JSON.stringify(h.errors.map((e) => e.message))}`);
      await sleep(20);
    }
    expect(left()).toBe(0);
    const logged = h.errors.slice(errorsBefore).map((e) => `${e.message} ${String(e.err)}`);
    expect(logged[0]).toMatch(/^\[incident [0-9a-f]{8}\] interaction \/ask: HTTPError: Internal Server Error/);
    expect(logged[1]).toMatch(/could not send the error reply/);
    await answersNext();
  }, 40_000);

  it('the TCP connection reset during the callback: sent once more, the answer lands; the next question is answered', async () => {
    h.fake.injectFaults('POST /interactions', [{ reset: true }]);
    const r = await h.fake.command({ name: 'help' }, 30_000);
    expect(statuses(r.calls, 'POST /interactions')).toEqual([-1, 204]);
    expect(r.message?.embeds?.[0]?.title).toBe('Dossier: answers from the news articles, with sources');
    await answersNext();
  }, 40_000);

  it('a reset on every attempt: logged with an incident id, never a crash; the next question is answered', async () => {
    const errorsBefore = h.errors.length;
    h.fake.injectFaults('POST /interactions', Array.from({ length: 4 }, () => ({ reset: true })));
    void h.fake.command({ name: 'help' }, 3_000).catch(() => undefined);
    const deadline = Date.now() + 20_000;
    while (h.errors.length < errorsBefore + 2) {
      if (Date.now() > deadline) throw new Error(`errors logged: ${JSON.stringify(h.errors.map((e) => e.message))}`);
      await sleep(20);
    }
    expect(h.errors[errorsBefore]?.message).toMatch(/^\[incident [0-9a-f]{8}\] interaction \/help:/);
    await answersNext();
  }, 40_000);

  it('all HTTP keep-alive connections dropped (REST, not the gateway): the next reply opens a new one', async () => {
    h.fake.dropHttpConnections();
    await answersNext();
  });
});

describe('afterwards', () => {
  it('every reply within limits, no unknown route, no unhandled rejection', () => {
    expect(allViolations(h.fake)).toEqual([]);
    expect(h.fake.unknownCalls()).toEqual([]);
    expect(unhandled).toEqual([]);
  });

  it('after client.destroy() and the server stopping, no timer, socket or server of ours is left', async () => {
    const during = resources();
    await h.stop();
    stopped = true;
    let after = resources();
    const deadline = Date.now() + 5_000;
    const leaked = (): string[] => WATCHED.filter((k) => (after[k] ?? 0) > (before[k] ?? 0));
    while (leaked().length > 0 && Date.now() < deadline) {
      await sleep(50);
      after = resources();
    }
    console.log(`[active resources] before ${JSON.stringify(before)} during ${JSON.stringify(during)} after ${JSON.stringify(after)}`);
    expect((during.TCPSocketWrap ?? 0) + (during.Timeout ?? 0)).toBeGreaterThan((before.TCPSocketWrap ?? 0) + (before.Timeout ?? 0)); // the check can see ours
    expect(leaked()).toEqual([]);
  }, 20_000);
});
