// `npm start` as a real process (node with package.json's flags, scripts/start.mjs: the esbuild build of src/main.ts): with a token it logs in to the local fake
// server, answers, and closes cleanly on SIGTERM; without one it is the console (piped stdin answered, then
// exit); a malformed configuration stops it with a clear message.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFlags } from '../../src/bench/run.ts';
import { Dataset } from '../../src/store/dataset.ts';
import { FakeDiscord, installUnhandledRejectionHook } from '../support/fakeDiscord.ts';
import { allViolations } from '../support/limits.ts';

let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  installUnhandledRejectionHook();
  dir = await mkdtemp(path.join(tmpdir(), 'dossier-main-'));
  await cp(path.resolve('seeds'), path.join(dir, 'seeds'), { recursive: true });
  const dataFile = path.join(dir, 'facts.json');
  await Dataset.open({ seedsDir: path.join(dir, 'seeds'), dataFile });
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('DISCORD_') && !k.startsWith('SHARD')) base[k] = v;
  env = { ...base, SEEDS_DIR: path.join(dir, 'seeds'), DATA_FILE: dataFile };
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function start(extraEnv: Record<string, string>, stdin?: string): { done: Promise<{ code: number | null; signal: string | null; out: string; err: string }>; kill: (s: NodeJS.Signals) => void } {
  const child = spawn(process.execPath, [...startFlags(), 'scripts/start.mjs'], { env: { ...env, ...extraEnv }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  if (stdin !== undefined) child.stdin.end(stdin);
  const done = new Promise<{ code: number | null; signal: string | null; out: string; err: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, out, err })),
  );
  return { done, kill: (s) => child.kill(s) };
}

describe('npm start', () => {
  it('with a token: the bot answers, then SIGTERM closes it cleanly', async () => {
    const fake = await FakeDiscord.start();
    try {
      const proc = start({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiBase });
      await fake.waitForSessions(1, 60_000);
      const r = await fake.command({ name: 'ask', options: { question: 'When did Riyad Hijab defect?' } });
      expect(r.message?.embeds?.[0]?.description).toMatch(/6 August 2012/);
      const dm = await fake.dm('How old is Abdo Husameddine?');
      expect(dm.payload.embeds?.[0]?.description).toMatch(/57[\s\S]*58/);
      const t = performance.now();
      proc.kill('SIGTERM');
      const { code, out } = await proc.done;
      expect(code).toBe(0);
      expect(out).toMatch(/Logged in as dossier[\s\S]*SIGTERM: closing the Discord client/);
      expect(performance.now() - t).toBeLessThan(5000);
      expect(allViolations(fake)).toEqual([]);
      expect(fake.unknownCalls()).toEqual([]);
    } finally {
      await fake.stop();
    }
  }, 90_000);

  it('without a token: the console answers piped questions and slash commands, then exits', async () => {
    const { code, out } = await start({ DISCORD_TOKEN: '' }, 'who defected in july 2012?\n/person name:hijab\n').done;
    expect(code).toBe(0);
    expect(out).toMatch(/Nawaf al-Fares[\s\S]*Sources:[\s\S]*002_70af7e54198c2116/);
    expect(out).toMatch(/Riyad Hijab\n[\s\S]*prime minister/);
  }, 60_000);

  it('a malformed configuration stops with a clear message', async () => {
    const { code, err } = await start({ DISCORD_CLIENT_ID: 'not-an-id', MODERATOR_ROLE_IDS: '1,2' }).done;
    expect(code).toBe(1);
    expect(err).toMatch(/DISCORD_CLIENT_ID must be a Discord id/);
    expect(err).toMatch(/MODERATOR_ROLE_IDS: "1" is not a Discord id/);
  }, 60_000);
});
