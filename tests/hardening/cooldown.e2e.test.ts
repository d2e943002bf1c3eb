// The per-user cooldown: the sliding window itself (a table over a fake clock), the friendly messages through
// the real client and the fake server (slash commands, autocomplete, DMs), moderator commands not counted, the
// configuration, and fairness: one user flooding the bot does not slow the answers to another (both medians
// measured in the same run).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.ts';
import { Cooldown } from '../../src/discord/cooldown.ts';
import { MODERATOR_PERMISSIONS, sleep, snowflake, unhandled, type FakeUser, type InteractionResult } from '../support/fakeDiscord.ts';
import { fixtureTable, MemoryDataset } from '../support/fixtureTable.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { allViolations } from '../support/limits.ts';

describe('Cooldown (sliding window, fake clock)', () => {
  // [limit, times (ms) of attempts by one user, expected wait returned for each (0 = allowed)]
  const cases: Array<{ label: string; limit: number; at: number[]; wait: number[] }> = [
    { label: 'under the limit', limit: 3, at: [0, 100, 200], wait: [0, 0, 0] },
    { label: 'one over: wait until the oldest leaves the window', limit: 3, at: [0, 100, 200, 300], wait: [0, 0, 0, 9700] },
    { label: 'refused attempts are not counted', limit: 2, at: [0, 1000, 2000, 3000, 10_000], wait: [0, 0, 8000, 7000, 0] },
    { label: 'the window slides', limit: 2, at: [0, 5000, 10_000, 10_001, 15_000], wait: [0, 0, 0, 4999, 0] },
    { label: 'limit 0 disables it', limit: 0, at: [0, 1, 2, 3, 4, 5], wait: [0, 0, 0, 0, 0, 0] },
  ];
  for (const c of cases) {
    it(c.label, () => {
      let now = 0;
      const cd = new Cooldown(c.limit, 10_000, () => now);
      const got = c.at.map((t) => {
        now = t;
        return cd.take('u1');
      });
      expect(got).toEqual(c.wait);
      now = c.at[c.at.length - 1] ?? 0;
      expect(cd.take('someone-else')).toBe(0); // per user
    });
  }

  it('memory stays bounded under a flood of distinct users', () => {
    let now = 0;
    const cd = new Cooldown(1, 10_000, () => now, 1000);
    for (let i = 0; i < 5000; i++) {
      now = i * 10; // each user once; all but the last ~1000 are out of the window
      cd.take(`user-${i}`);
    }
    expect(cd.size).toBeLessThanOrEqual(2001);
  });

  it('configuration: defaults, values, 0, and clear errors', () => {
    expect(parseConfig({})).toMatchObject({ cooldownQuestionsPer10s: 6, cooldownAutocompletePer10s: 40 });
    expect(parseConfig({ COOLDOWN_QUESTIONS_PER_10S: '3', COOLDOWN_AUTOCOMPLETE_PER_10S: '0' })).toMatchObject({ cooldownQuestionsPer10s: 3, cooldownAutocompletePer10s: 0 });
    expect(() => parseConfig({ COOLDOWN_QUESTIONS_PER_10S: 'lots' })).toThrow(/COOLDOWN_QUESTIONS_PER_10S must be a whole number from 0 \(no cooldown\) to 1000/);
    expect(() => parseConfig({ COOLDOWN_AUTOCOMPLETE_PER_10S: '-1' })).toThrow(/COOLDOWN_AUTOCOMPLETE_PER_10S must be a whole number/);
  });
});

describe('through the bot', () => {
  let h: Harness;
  const dataset = new MemoryDataset(fixtureTable(5));
  const user = (name: string): FakeUser => ({ id: snowflake(), username: name });

  beforeAll(async () => {
    h = await startHarness({ dataset, config: { cooldownQuestionsPer10s: 3, cooldownAutocompletePer10s: 4 } });
  });
  afterAll(async () => {
    await h?.stop();
  });

  function ephemeral(r: InteractionResult): boolean {
    return (((r.callback.body as { data?: { flags?: number } }).data?.flags ?? 0) & 64) === 64;
  }

  it('slash commands: the 4th question in 10 s gets a friendly ephemeral "slow down"; others are unaffected', async () => {
    const flooder = user('flooder');
    const titles: string[] = [];
    for (const name of ['ask', 'person', 'sources', 'ask']) {
      const options: Record<string, string> | undefined = name === 'ask' ? { question: 'who is ilse marrow?' } : name === 'person' ? { name: 'tomas-ardelean' } : undefined;
      const r = await h.fake.command({ name, ...(options ? { options } : {}), user: flooder });
      titles.push(r.message?.embeds?.[0]?.title ?? '');
      if (titles.length === 4) {
        expect(ephemeral(r)).toBe(true);
        expect(r.message?.embeds?.[0]?.description ?? '').toMatch(/asking faster than I can keep up with\. Please wait \d+ s and ask again/);
      }
    }
    expect(titles.slice(0, 3).every((t) => t !== 'Slow down')).toBe(true);
    expect(titles[3]).toBe('Slow down');
    const other = await h.fake.command({ name: 'ask', options: { question: 'who is ilse marrow?' }, user: user('patient') });
    expect(other.message?.embeds?.[0]?.title).not.toBe('Slow down');
    // Moderator commands are not counted against the limit (they are queued instead).
    const refresh = await h.fake.command({ name: 'refresh', user: flooder, permissions: MODERATOR_PERMISSIONS });
    expect(refresh.message?.embeds?.[0]?.title).toBe('Refresh');
  });

  it('autocomplete: past the limit, one choice says suggestions are paused and keeps what was typed', async () => {
    const typist = user('typist');
    const answers = [];
    for (const value of ['t', 'to', 'tom', 'toma', 'tomas']) answers.push((await h.fake.autocomplete({ name: 'person', focused: 'name', options: { name: value }, user: typist })).choices);
    expect(answers.slice(0, 4).every((c) => c.length > 0 && !c[0]?.name.startsWith('Suggestions paused'))).toBe(true);
    expect(answers[4]).toEqual([{ name: expect.stringMatching(/^Suggestions paused: typing fast\. Back in \d+ s\.$/), value: 'tomas' }]);
    const other = await h.fake.autocomplete({ name: 'person', focused: 'name', options: { name: 'tom' }, user: user('other-typist') });
    expect(other.choices.map((c) => c.value)).toContain('tomas-ardelean');
  });

  it('DMs: answered up to the limit, then one "slow down" notice, then silence for the rest of the window', async () => {
    const pest = user('pest');
    const replies: string[] = [];
    for (let i = 0; i < 4; i++) replies.push((await h.fake.dm(`who is ilse marrow? ${i}`, pest)).payload.embeds?.[0]?.title ?? '');
    expect(replies.slice(0, 3).every((t) => t !== 'Slow down')).toBe(true);
    expect(replies[3]).toBe('Slow down');
    const channelCalls = (): number => h.fake.calls.filter((c) => c.route === 'POST /channels/:channel/messages').length;
    const before = channelCalls();
    await expect(h.fake.dm('who is ilse marrow? again', pest, 800)).rejects.toThrow(/timed out/);
    expect(channelCalls()).toBe(before); // no reply at all to the 5th
  });

  it('a user flooding the bot does not slow the answers to another user (medians measured)', async () => {
    const ROUNDS = 25;
    const victims = Array.from({ length: ROUNDS }, (_, i) => user(`victim-${i}`));
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
    const askAs = async (u: FakeUser): Promise<number> => {
      const t = performance.now();
      const r = await h.fake.command({ name: 'ask', options: { question: 'When did Tomas Ardelean defect?' }, user: u }, 30_000);
      expect(r.message?.embeds?.[0]?.title).not.toBe('Slow down');
      return performance.now() - t;
    };
    // Quiet: each victim asks once (so no victim reaches its own limit).
    const quiet: number[] = [];
    for (const v of victims.slice(0, ROUNDS)) quiet.push(await askAs(v));
    // Flood: one user fires 20 questions at a time without waiting, over and over, while others ask.
    const flooder = user('flood');
    let flooding = true;
    let floodSent = 0;
    let floodRefused = 0;
    const flood = (async () => {
      while (flooding) {
        const batch = await Promise.all(
          Array.from({ length: 20 }, () => h.fake.command({ name: 'ask', options: { question: 'who defected?' }, user: flooder }, 30_000)),
        );
        floodSent += batch.length;
        floodRefused += batch.filter((r) => r.message?.embeds?.[0]?.title === 'Slow down').length;
        await sleep(0);
      }
    })();
    await sleep(100);
    const loud: number[] = [];
    const others = Array.from({ length: ROUNDS }, (_, i) => user(`victim-b-${i}`));
    for (const v of others) loud.push(await askAs(v));
    flooding = false;
    await flood;
    const q = median(quiet);
    const l = median(loud);
    console.log(`[cooldown fairness] other users' median round trip: quiet ${q.toFixed(1)} ms, during the flood ${l.toFixed(1)} ms (x${(l / q).toFixed(2)}); flooder sent ${floodSent}, refused ${floodRefused}`);
    expect(floodSent).toBeGreaterThanOrEqual(40);
    expect(floodRefused).toBeGreaterThanOrEqual(floodSent - 3);
    // Generous: the flood shares the same two cores (and the fake server runs in this process) but its
    // questions are refused before any work, so the others' median stays within a small factor.
    expect(l).toBeLessThan(Math.max(5 * q, q + 250));
  }, 120_000);

  it('every reply within limits, no unknown route, no error, no unhandled rejection', () => {
    expect(allViolations(h.fake)).toEqual([]);
    expect(h.fake.unknownCalls()).toEqual([]);
    expect(h.errors).toEqual([]);
    expect(unhandled).toEqual([]);
  });
});
