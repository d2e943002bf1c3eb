// Nobody let in, nothing leaked: moderator commands are checked at run time (guild overrides of
// default_member_permissions, DMs only for MODERATOR_USER_IDS), the token never appears in anything the bot
// printed or sent (npm start as a real process with a distinctive token; also a wrong token and a malformed
// one), .env is git-ignored, and an unhandled rejection is logged with context without ending the process.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import type { Command, CommandContext } from '../../src/discord/command.ts';
import { UserError } from '../../src/discord/reply.ts';
import { Dataset } from '../../src/store/dataset.ts';
import { FakeDiscord, installUnhandledRejectionHook, type CommandInput, MODERATOR_PERMISSIONS, PERMISSION_BITS, serverError, sleep, type InteractionResult } from '../support/fakeDiscord.ts';
import { fixtureTable, MemoryDataset } from '../support/fixtureTable.ts';
import { MOD_USER_ID, startHarness, type Harness } from '../support/harness.ts';
import { allViolations } from '../support/limits.ts';

const SECRET = randomBytes(12).toString('hex');
const TOKEN = `MTA1.hardening.${SECRET}`;

let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  installUnhandledRejectionHook();
  dir = await mkdtemp(path.join(tmpdir(), 'dossier-security-'));
  await cp(path.resolve('seeds'), path.join(dir, 'seeds'), { recursive: true });
  const dataFile = path.join(dir, 'facts.json');
  await Dataset.open({ seedsDir: path.join(dir, 'seeds'), dataFile });
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('DISCORD_') && !k.startsWith('SHARD') && !k.startsWith('MODERATOR_')) base[k] = v;
  env = { ...base, SEEDS_DIR: path.join(dir, 'seeds'), DATA_FILE: dataFile };
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Proc {
  done: Promise<{ code: number | null; out: string }>;
  output: () => string;
  kill: (s: NodeJS.Signals) => void;
}

function run(args: string[], extraEnv: Record<string, string>): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { env: { ...env, ...extraEnv }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  child.stdin.end();
  const done = new Promise<{ code: number | null; out: string }>((resolve) => child.on('exit', (code) => resolve({ code, out })));
  return { done, output: () => out, kill: (s) => child.kill(s) };
}

function leaks(text: string): boolean {
  return text.includes(SECRET) || text.includes(TOKEN);
}

describe('the token never appears in logs, errors or replies', () => {
  it('npm start with a distinctive token: answers, errors and incidents, shutdown; nothing printed or sent contains it', async () => {
    const fake = await FakeDiscord.start({ token: TOKEN });
    try {
      const proc = run(['src/main.ts'], { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiBase, COOLDOWN_QUESTIONS_PER_10S: '0' });
      await fake.waitForSessions(1, 60_000);
      await fake.command({ name: 'ask', options: { question: `what is the token ${TOKEN.slice(0, 4)}?` } });
      await fake.dm('When did Riyad Hijab defect?');
      await fake.command({ name: 'person', options: { name: 'Nobody Atall' } });
      await fake.command({ name: 'refresh' }); // refused: not a moderator
      await fake.command({ name: 'article', subcommand: 'add', options: { file: fake.registerAttachment('../x.txt', 'text about things') }, permissions: MODERATOR_PERMISSIONS });
      // An unexpected failure: the callback fails on every retry, so the bot logs incidents with the error.
      fake.injectFaults('POST /interactions', Array.from({ length: 8 }, () => serverError(500)));
      void fake.command({ name: 'help' }, 3_000).catch(() => undefined);
      // A refused authenticated call: the DM answer gets 403.
      fake.injectFaults('POST /channels/:channel/messages', [{ status: 403, body: { message: 'Missing Access', code: 50001 } }]);
      void fake.dm('who is hijab?', undefined, 3_000).catch(() => undefined);
      const deadline = Date.now() + 30_000;
      while (!/could not answer the DM/.test(proc.output()) || !/could not send the error reply/.test(proc.output())) {
        if (Date.now() > deadline) throw new Error(`errors not logged yet:\n${proc.output()}`);
        await sleep(50);
      }
      await fake.command({ name: 'help' });
      proc.kill('SIGTERM');
      const { code, out } = await proc.done;
      expect(code).toBe(0);
      // The bot did print errors (so the check below looked at real error output) ...
      expect(out).toMatch(/\[incident [0-9a-f]{8}\] interaction \/help: HTTPError: Internal Server Error/);
      expect(out).toMatch(/could not answer the DM[\s\S]*Missing Access/);
      // ... and none of it, nor anything the server recorded apart from the Authorization header, has the token.
      expect(leaks(out)).toBe(false);
      const recorded = JSON.stringify(fake.calls.map(({ auth: _auth, ...rest }) => rest));
      expect(leaks(recorded)).toBe(false);
      const authed = fake.calls.filter((c) => c.auth !== null);
      expect(authed.length).toBeGreaterThan(0);
      for (const c of authed) expect(c.auth).toBe(`Bot ${TOKEN}`); // it was in use, only where it belongs
      expect(allViolations(fake)).toEqual([]);
    } finally {
      await fake.stop();
    }
  }, 120_000);

  it('a token the server refuses: the bot stops with a clear error that does not contain it', async () => {
    const fake = await FakeDiscord.start({ token: 'the.real.one' });
    try {
      const { code, out } = await run(['src/main.ts'], { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiBase }).done;
      expect(code).not.toBe(0);
      expect(out).toMatch(/Missing Access|invalid token|TokenInvalid|401|403/i);
      expect(leaks(out)).toBe(false);
    } finally {
      await fake.stop();
    }
  }, 60_000);

  it('a malformed token: the configuration error names the variable, not its value', async () => {
    const { code, out } = await run(['src/main.ts'], { DISCORD_TOKEN: `Bot ${TOKEN}` }).done;
    expect(code).toBe(1);
    expect(out).toMatch(/DISCORD_TOKEN must not contain spaces/);
    expect(leaks(out)).toBe(false);
  }, 60_000);

  it('.env is git-ignored (and .env.example is not)', () => {
    const ignored = (file: string): boolean => {
      try {
        execFileSync('git', ['check-ignore', '-q', file]);
        return true;
      } catch {
        return false;
      }
    };
    expect(ignored('.env')).toBe(true);
    expect(ignored('.env.example')).toBe(false);
    expect(execFileSync('git', ['ls-files', '.env']).toString()).toBe('');
  });
});

describe('an unhandled promise rejection is logged with context and is not fatal', () => {
  it('the bot process logs it with an incident id and the stack, then keeps answering', async () => {
    const fake = await FakeDiscord.start({ token: TOKEN });
    try {
      const proc = run(['tests/hardening/stray.child.ts', fake.apiBase, TOKEN], {});
      await fake.waitForSessions(1, 60_000);
      const deadline = Date.now() + 30_000;
      while (!proc.output().includes('stray fired')) {
        if (Date.now() > deadline) throw new Error(`child did not report:\n${proc.output()}`);
        await sleep(20);
      }
      const r = await fake.command({ name: 'help' });
      expect(r.message?.embeds?.[0]?.title).toMatch(/Dossier/);
      proc.kill('SIGTERM');
      const { code, out } = await proc.done;
      expect(code).toBe(0);
      expect(out).toMatch(/\[incident [0-9a-f]{8}\] unhandled promise rejection on shard - \(not fatal, the bot keeps running\): Error: stray failure in a background task/);
      expect(out).toMatch(/at .*stray\.child\.ts/); // the stack says where it came from
      expect(leaks(out)).toBe(false);
    } finally {
      await fake.stop();
    }
  }, 90_000);
});

describe('moderator commands are refused at run time to everyone else', () => {
  let h: Harness;
  const dataset = new MemoryDataset(fixtureTable(0));
  beforeAll(async () => {
    h = await startHarness({ dataset });
  });
  afterAll(async () => {
    await h?.stop();
  });

  function title(r: InteractionResult): string {
    return r.message?.embeds?.[0]?.title ?? '';
  }

  it('the registry: every command with default_member_permissions is moderator-only and checks again inside run()', async () => {
    const guarded = commands.filter((c) => c.data.default_member_permissions !== undefined && c.data.default_member_permissions !== null);
    expect(guarded.map((c) => c.data.name).sort()).toEqual(['article', 'refresh']);
    for (const c of commands) expect(Boolean(c.moderatorOnly)).toBe(guarded.includes(c));
    const ctx: CommandContext = {
      dataset,
      invoker: { id: '1', name: 'someone', where: 'console', isModerator: false },
      maxArticleBytes: 1000,
      fetchFile: async () => new Uint8Array(),
    };
    for (const c of guarded as Command[]) {
      const args = c.data.name === 'article' ? { subcommand: 'remove', id: 'vel_001' } : {};
      await expect(c.run(args, ctx)).rejects.toBeInstanceOf(UserError);
    }
    expect(dataset.refreshes).toBe(0);
  });

  const who: Array<{ label: string; opts: Record<string, unknown>; allowed: boolean }> = [
    { label: 'a plain member (the server overrode default_member_permissions)', opts: {}, allowed: false },
    { label: 'a member with only "Manage Messages"-style rights', opts: { permissions: MODERATOR_PERMISSIONS & ~PERMISSION_BITS.MANAGE_GUILD }, allowed: false },
    { label: 'a member with a role not in MODERATOR_ROLE_IDS', opts: { roles: ['300000000000000009'] }, allowed: false },
    { label: 'a DM from a user not in MODERATOR_USER_IDS', opts: { dm: true }, allowed: false },
    { label: 'a DM from a Manage-Server member of the guild (no roles in DMs)', opts: { dm: true, permissions: MODERATOR_PERMISSIONS }, allowed: false },
    { label: 'a member with Manage Server', opts: { permissions: MODERATOR_PERMISSIONS }, allowed: true },
    { label: 'an administrator', opts: { permissions: PERMISSION_BITS.ADMINISTRATOR }, allowed: true },
    { label: 'a member with a MODERATOR_ROLE_IDS role', opts: { roles: ['__modrole__'] }, allowed: true },
    { label: 'a MODERATOR_USER_IDS user in a guild, no permissions', opts: { user: { id: MOD_USER_ID, username: 'mod' } }, allowed: true },
    { label: 'a DM from a MODERATOR_USER_IDS user', opts: { dm: true, user: { id: MOD_USER_ID, username: 'mod' } }, allowed: true },
  ];
  for (const w of who) {
    for (const cmd of ['refresh', 'article add', 'article remove'] as const) {
      it(`/${cmd} by ${w.label}: ${w.allowed ? 'allowed' : 'refused'}`, async () => {
        const opts = { ...w.opts };
        if (Array.isArray(opts.roles)) opts.roles = opts.roles.map((r: unknown) => (r === '__modrole__' ? (h.fake.guild.roles[1]?.id ?? '') : r));
        const refreshes = dataset.refreshes;
        const input: CommandInput =
          cmd === 'refresh'
            ? { name: 'refresh' }
            : cmd === 'article add'
              ? { name: 'article', subcommand: 'add', options: { file: h.fake.registerAttachment('kes_new.txt', 'A short article about Kestova and its ministers.') } }
              : { name: 'article', subcommand: 'remove', options: { id: 'vel_001' } };
        const r = await h.fake.command({ ...input, ...opts });
        const flags = r.calls.map((c) => (c.body as { data?: { flags?: number } } | null)?.data?.flags ?? 0).reduce((a, b) => a | b, 0);
        expect(flags & 64).toBe(64); // always ephemeral
        if (w.allowed) {
          expect(title(r)).not.toBe('Not allowed');
          if (cmd === 'refresh') expect(dataset.refreshes).toBe(refreshes + 1);
        } else {
          expect(title(r)).toBe('Not allowed');
          expect(r.message?.embeds?.[0]?.description ?? '').toMatch(opts.dm ? /MODERATOR\\_USER\\_IDS/ : /Manage Server/);
          expect(dataset.refreshes).toBe(refreshes);
        }
      });
    }
  }

  it('a forged page button for /refresh is refused, not re-run', async () => {
    const first = await h.fake.command({ name: 'help' });
    const refreshes = dataset.refreshes;
    const r = await h.fake.component(first.messageId ?? '', 'pg|refresh|1|{}', { permissions: MODERATOR_PERMISSIONS });
    expect(title(r)).toBe('Sorry');
    expect(r.message?.embeds?.[0]?.description ?? '').toMatch(/expired/);
    expect(dataset.refreshes).toBe(refreshes);
  });
});
