// /timeline end to end: the real discord.js client (startBot) against the local fake Discord server, over the
// invented fact table of tests/support. The PNG travels as a multipart attachment and the embed shows it
// through attachment://timeline.png; the embed lists every mark's sources; no mention can ping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InteractionResult, RecordedCall } from '../support/fakeDiscord.ts';
import { fixtureTable, MemoryDataset } from '../support/fixtureTable.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { payloadViolations } from '../support/limits.ts';
import { decodeRgba, ihdr } from './png.ts';

let h: Harness;
const dataset = new MemoryDataset(fixtureTable(30));

beforeAll(async () => {
  h = await startHarness({ dataset });
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

interface WireBody {
  type?: number;
  data?: WireMessage;
}
interface WireMessage {
  embeds?: Array<{ title?: string; description?: string; image?: { url?: string }; fields?: Array<{ name: string; value: string }> }>;
  attachments?: Array<{ id: string | number; description?: string }>;
  allowed_mentions?: { parse?: string[] };
  flags?: number;
}

/** The call that delivered the visible message (callback, or the edit after a defer) and its payload. */
function delivered(r: InteractionResult): { call: RecordedCall; message: WireMessage } {
  const withFiles = r.calls.find((c) => c.files.length > 0);
  const call = withFiles ?? r.callback;
  const body = call.body as WireBody & WireMessage;
  return { call, message: call === r.callback ? (body.data ?? {}) : body };
}

const plain = (t: string): string => t.replace(/\\([\\*_~`|>#.\-[\]()])/g, '$1');

describe('/timeline', () => {
  it('sends the PNG as a multipart attachment that the embed shows, with every mark and its sources', async () => {
    const r = await h.fake.command({ name: 'timeline', options: { from: '2031-03', to: '2031-04' } });
    const { call, message } = delivered(r);
    expect(call.files).toHaveLength(1);
    const file = call.files[0]!;
    expect(file.name).toBe('timeline.png');
    const head = ihdr(file.bytes);
    expect(head.width).toBe(1100);
    expect(head.height).toBeGreaterThan(200);
    expect(decodeRgba(file.bytes).pixels.length).toBe(head.width * head.height * 4);
    const embed = message.embeds?.[0];
    expect(embed?.image?.url).toBe('attachment://timeline.png');
    // discord.js names the multipart part files[0] and lists it by id in attachments, with its alt text.
    expect(file.field).toBe('files[0]');
    expect(message.attachments?.map((a) => [String(a.id), a.description])).toEqual([['0', 'Timeline of 1 defection']]);
    expect(message.allowed_mentions?.parse).toEqual([]);
    expect(plain(embed?.title ?? '')).toBe('Defections, March 2031 to April 2031');
    expect(plain(embed?.description ?? '')).toMatch(/1\. Tomas Ardelean, deputy energy minister: 30 Mar 2031/);
    expect((embed?.fields ?? []).map((f) => plain(f.name))).toEqual(['[1] vel_001 · Northwire · 2031-04-02']);
    expect(payloadViolations(r.message ?? {})).toEqual([]);
  });

  it('31 defections: every mark listed across pages, each page re-sending the picture', async () => {
    const r = await h.fake.command({ name: 'timeline' });
    const first = delivered(r);
    expect(first.call.files.map((f) => f.name)).toEqual(['timeline.png']);
    const tall = ihdr(first.call.files[0]!.bytes);
    expect(tall.height).toBeGreaterThan(1000); // one row per defection
    const desc = plain(first.message.embeds?.[0]?.description ?? '');
    expect(desc).toMatch(/31 defections/);
    expect(desc).toMatch(/1\. Tomas Ardelean/);
    // Page 2 via the button: the same picture, the next marks.
    const next = (r.message?.components ?? []).flatMap((row) => row.components).find((c) => c.label?.startsWith('Next'));
    expect(next?.custom_id).toBeDefined();
    const p2 = await h.fake.component(r.messageId ?? '', next?.custom_id ?? '');
    const second = delivered(p2);
    expect(second.call.files.map((f) => f.name)).toEqual(['timeline.png']);
    expect(second.message.embeds?.[0]?.image?.url).toBe('attachment://timeline.png');
    expect(plain(second.message.embeds?.[0]?.description ?? '')).toMatch(/11\. Brenn Okaro/);
  });

  it('person: only that defection, resolved from any spelling; autocomplete offers names', async () => {
    const r = await h.fake.command({ name: 'timeline', options: { person: 'ardelean' } });
    const { call, message } = delivered(r);
    expect(call.files).toHaveLength(1);
    expect(plain(message.embeds?.[0]?.title ?? '')).toBe('Defection of Tomas Ardelean');
    expect(plain(message.embeds?.[0]?.description ?? '')).toMatch(/^1 defection · from 1 of 3 articles/);
    const ac = await h.fake.autocomplete({ name: 'timeline', options: { person: 'tom' }, focused: 'person' });
    expect(ac.choices.map((c) => c.value)).toContain('tomas-ardelean');
  });

  it('nothing in the period: says so plainly, no picture, no source', async () => {
    const r = await h.fake.command({ name: 'timeline', options: { from: '2090', to: '2091' } });
    const { call, message } = delivered(r);
    expect(call.files).toHaveLength(0);
    expect(message.embeds?.[0]?.image).toBeUndefined();
    expect(plain(message.embeds?.[0]?.description ?? '')).toMatch(/report no defection in that period/);
    expect(message.embeds?.[0]?.fields ?? []).toEqual([]);
  });

  it('a date it cannot read, an unknown person: a private error with a hint, no picture', async () => {
    const cases: Array<{ options: Record<string, string>; expect: RegExp }> = [
      { options: { from: 'soonish' }, expect: /could not read "soonish" as a date/ },
      { options: { person: 'Zebulon Qwerty' }, expect: /don't know anyone called "Zebulon Qwerty"/ },
      { options: { from: '2031-05', to: '2031-01' }, expect: /is after/ },
    ];
    for (const c of cases) {
      const r = await h.fake.command({ name: 'timeline', options: c.options });
      const { call, message } = delivered(r);
      expect(call.files).toHaveLength(0);
      expect(((message.flags ?? 0) & 64) === 64).toBe(true);
      expect(plain(message.embeds?.[0]?.description ?? '')).toMatch(c.expect);
    }
  });
});
