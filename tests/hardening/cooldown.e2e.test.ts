// The per-user cooldown: the sliding window itself (a table over a fake clock), the friendly messages through
// the real client and the fake server (slash commands, autocomplete, DMs: told once, then no reply until
// allowed again), moderator commands not counted, the configuration, and fairness: one user flooding the bot
// does not slow the answers to others (medians measured with the server in its own process, so that only the
// bot's own work shares the bot's event loop).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.ts';
import { Cooldown } from '../../src/discord/cooldown.ts';
import { MODERATOR_PERMISSIONS, sleep, snowflake, unhandled, type FakeUser, type InteractionResult } from '../support/fakeDiscord.ts';
import { fixtureTable, MemoryDataset } from '../support/fixtureTable.ts';
import { startProcessHarness, type RemoteFakeDiscord } from '../support/fakeDiscordProcess.ts';
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

  it('admit: a refusal is announced once per place, then silent until the user is allowed again', () => {
    let now = 0;
    const cd = new Cooldown(2, 10_000, () => now);
    const at = (t: number, place = 'command'): string => {
      now = t;
      const a = cd.admit('u1', place);
      return a.allowed ? 'ok' : a.notify ? `tell ${a.waitMs}` : 'silent';
    };
    expect([at(0), at(1000), at(2000), at(3000), at(4000), at(4500, 'dm'), at(4600, 'dm')]).toEqual(['ok', 'ok', 'tell 8000', 'silent', 'silent', 'tell 5500', 'silent']);
    // Allowed again (the first use left the window): the next refusal is announced again, in every place.
    expect([at(10_000), at(10_001), at(10_002, 'dm'), at(10_003), at(10_004, 'dm')]).toEqual(['ok', 'tell 999', 'tell 998', 'silent', 'silent']);
    expect(new Cooldown(0).admit('u1', 'command')).toEqual({ allowed: true });
  });

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

  it('slash commands: the 4th question in 10 s gets a friendly ephemeral "slow down", later ones no reply; others are unaffected', async () => {
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
    // Told once: the 5th and 6th get no reply at all (Discord shows that user alone "did not respond").
    const callbacks = (): number => h.fake.calls.filter((c) => c.route === 'POST /interactions/:id/:token/callback').length;
    const before = callbacks();
    for (let i = 0; i < 2; i++) await expect(h.fake.command({ name: 'ask', options: { question: 'who is ilse marrow?' }, user: flooder }, 500)).rejects.toThrow(/timed out/);
    expect(callbacks()).toBe(before);
    const other = await h.fake.command({ name: 'ask', options: { question: 'who is ilse marrow?' }, user: user('patient') });
    expect(other.message?.embeds?.[0]?.title).not.toBe('Slow down');
    // Moderator commands are not counted against the limit (they are queued instead).
    const refresh = await h.fake.command({ name: 'refresh', user: flooder, permissions: MODERATOR_PERMISSIONS });
    expect(refresh.message?.embeds?.[0]?.title).toBe('Refresh');
  });

  it('autocomplete: past the limit, one choice says suggestions are paused and keeps what was typed; then no answer', async () => {
    const typist = user('typist');
    const answers = [];
    for (const value of ['t', 'to', 'tom', 'toma', 'tomas']) answers.push((await h.fake.autocomplete({ name: 'person', focused: 'name', options: { name: value }, user: typist })).choices);
    expect(answers.slice(0, 4).every((c) => c.length > 0 && !c[0]?.name.startsWith('Suggestions paused'))).toBe(true);
    expect(answers[4]).toEqual([{ name: expect.stringMatching(/^Suggestions paused: typing fast\. Back in \d+ s\.$/), value: 'tomas' }]);
    // Told once: further keystrokes in the window get no answer (Discord shows "Loading options failed" and
    // keeps what was typed).
    await expect(h.fake.autocomplete({ name: 'person', focused: 'name', options: { name: 'tomas-' }, user: typist }, 500)).rejects.toThrow(/timed out/);
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

  it('every reply within limits, no unknown route, no error, no unhandled rejection', () => {
    expect(allViolations(h.fake)).toEqual([]);
    expect(h.fake.unknownCalls()).toEqual([]);
    expect(h.errors).toEqual([]);
    expect(unhandled).toEqual([]);
  });
});

describe('fairness, with the local server in its own process', () => {
  // The server runs in a child process (tests/support/fakeDiscordProcess.ts) and times each round trip itself,
  // so this process (the bot's) pays only for the bot's own work, as against Discord.
  const LIMIT = 3;
  let h: Harness<RemoteFakeDiscord>;
  const user = (name: string): FakeUser => ({ id: snowflake(), username: name });

  beforeAll(async () => {
    h = await startProcessHarness({ dataset: new MemoryDataset(fixtureTable(5)), config: { cooldownQuestionsPer10s: LIMIT } });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('a user flooding the bot does not slow the answers to other users (medians measured)', async () => {
    // 10 rounds of 8 questions by other users without the flood, then 8 during it. The flood: one user's
    // question 20 times every 50 ms (400 a second), sent by the server without waiting for answers.
    const ROUNDS = 10;
    const PER_PHASE = 8;
    const BURST = 20;
    const EVERY = 50;
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
    let asked = 0;
    const ask = async (): Promise<number> => {
      const r = await h.fake.command({ name: 'ask', options: { question: 'When did Tomas Ardelean defect?' }, user: user(`asker-${asked++}`) }, 30_000);
      expect(r.title).not.toBe('Slow down');
      return r.ms;
    };
    for (let i = 0; i < 10; i++) await ask(); // warm-up (JIT, connections), not counted
    const flooder = user('flood');
    const quiet: number[] = [];
    const loud: number[] = [];
    const flood = { sent: 0, answered: 0, slowDown: 0 };
    // The bot's CPU time (this process) in each kind of phase: same number of questions, same pauses.
    const cpu = { quiet: 0, loud: 0 };
    const cpuMs = (): number => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    const t0 = performance.now();
    // Quiet and flooded phases alternate, so a change in the machine's load hits both alike.
    for (let round = 0; round < ROUNDS; round++) {
      let c = cpuMs();
      await sleep(100);
      for (let i = 0; i < PER_PHASE; i++) quiet.push(await ask());
      await sleep(150);
      cpu.quiet += cpuMs() - c;
      c = cpuMs();
      await h.fake.startFlood({ name: 'ask', options: { question: 'who defected?' }, user: flooder }, BURST, EVERY);
      await sleep(100);
      for (let i = 0; i < PER_PHASE; i++) loud.push(await ask());
      const r = await h.fake.stopFlood(150); // the same pause as above, for late answers to arrive
      cpu.loud += cpuMs() - c;
      flood.sent += r.sent;
      flood.answered += r.answered;
      flood.slowDown += r.slowDown;
    }
    const elapsed = performance.now() - t0;
    const q = median(quiet);
    const l = median(loud);
    const perFlood = ((cpu.loud - cpu.quiet) * 1000) / flood.sent;
    console.log(
      `[cooldown fairness] other users' median round trip: quiet ${q.toFixed(2)} ms, during the flood ${l.toFixed(2)} ms (x${(l / q).toFixed(2)}, +${(l - q).toFixed(2)} ms); ` +
        `flooder sent ${flood.sent}, answered ${flood.answered} (${flood.slowDown} "slow down"); bot CPU quiet ${cpu.quiet.toFixed(0)} ms, flood ${cpu.loud.toFixed(0)} ms (~${perFlood.toFixed(0)} µs per flooded question)`,
    );
    expect(flood.sent).toBeGreaterThanOrEqual(400);
    // Told once per refusal streak: at most LIMIT answers and LIMIT notices per 10 s window, whatever the flood.
    expect(flood.answered).toBeLessThanOrEqual(2 * LIMIT * Math.ceil(elapsed / 10_000));
    expect(l).toBeLessThan(Math.max(1.5 * q, q + 3));
    expect(await h.fake.unknownCalls()).toEqual([]);
    expect(h.errors).toEqual([]);
  }, 120_000);
});
