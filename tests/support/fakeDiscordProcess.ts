// The fake Discord server in a child process (fakeDiscord.child.ts), and the real bot in this one. For timing
// tests: the bot's event loop then pays only for the bot's own work, as it would against Discord. Everything
// else uses the in-process harness (harness.ts), which can inspect every recorded call directly.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CommandInput, FakeDiscordOptions } from './fakeDiscord.ts';
import { harnessAround, type BotHarnessOptions, type FakeEndpoint, type Harness } from './harness.ts';

export type ChildRequest = { id: number } & (
  | { op: 'command'; input: CommandInput; timeoutMs: number }
  | { op: 'startFlood'; input: CommandInput; burst: number; everyMs: number }
  | { op: 'stopFlood'; settleMs: number }
  | { op: 'unknownCalls' }
  | { op: 'stop' }
);
type Op = ChildRequest['op'];
type RequestOf<O extends Op> = Omit<Extract<ChildRequest, { op: O }>, 'id' | 'op'>;

export type ChildReply = { ready: FakeEndpoint & { guild: { id: string } } } | { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** A command's answer as the server saw it; ms = gateway send -> interaction callback received, timed in the server. */
export interface RemoteAnswer {
  ms: number;
  title: string;
  description: string;
  flags: number;
}

export interface FloodReport {
  sent: number;
  /** Interaction callbacks the bot sent for the flood's commands. */
  answered: number;
  /** Of which "Slow down" notices. */
  slowDown: number;
}

const CHILD = fileURLToPath(new URL('./fakeDiscord.child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export class RemoteFakeDiscord {
  private nextId = 0;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private exited: Error | null = null;

  readonly token: string;
  readonly apiBase: string;
  readonly guild: { id: string; roles: Array<{ id: string }> };

  private constructor(
    private readonly child: ChildProcess,
    endpoint: FakeEndpoint & { guild: { id: string } },
  ) {
    this.token = endpoint.token;
    this.apiBase = endpoint.apiBase;
    this.guild = endpoint.guild;
    child.on('message', (raw) => {
      const m = raw as ChildReply;
      if ('ready' in m) return;
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.ok) p?.resolve(m.value);
      else p?.reject(new Error(`fake server process: ${m.error}`));
    });
    child.on('exit', (code, signal) => {
      this.exited = new Error(`fake server process exited (${code ?? signal})`);
      for (const p of this.pending.values()) p.reject(this.exited);
      this.pending.clear();
    });
  }

  static async start(opts: FakeDiscordOptions = {}): Promise<RemoteFakeDiscord> {
    const child = fork(CHILD, [JSON.stringify(opts)], { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const endpoint = await new Promise<FakeEndpoint & { guild: { id: string } }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('fake server process did not start within 30 s')), 30_000);
      child.on('message', (m: ChildReply) => {
        if (!('ready' in m)) return;
        clearTimeout(timer);
        resolve(m.ready);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`fake server process exited before it was ready (${code})`));
      });
    }).catch((err: unknown) => {
      child.kill();
      throw err;
    });
    return new RemoteFakeDiscord(child, endpoint);
  }

  private request<O extends Op>(op: O, args: RequestOf<O>): Promise<unknown> {
    if (this.exited) return Promise.reject(this.exited);
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ ...args, id, op });
    });
  }

  /** Send a slash command and wait for the bot's answer (in the server process). */
  async command(input: CommandInput, timeoutMs = 20_000): Promise<RemoteAnswer> {
    return (await this.request('command', { input, timeoutMs })) as RemoteAnswer;
  }

  /** Start sending `burst` copies of `input` every `everyMs` ms, without waiting for answers. */
  async startFlood(input: CommandInput, burst: number, everyMs: number): Promise<void> {
    await this.request('startFlood', { input, burst, everyMs });
  }

  async stopFlood(settleMs = 300): Promise<FloodReport> {
    return (await this.request('stopFlood', { settleMs })) as FloodReport;
  }

  async unknownCalls(): Promise<string[]> {
    return (await this.request('unknownCalls', {})) as string[];
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    await this.request('stop', {}).catch(() => undefined);
    const timer = setTimeout(() => this.child.kill(), 5000);
    await exited;
    clearTimeout(timer);
  }
}

/** startHarness (harness.ts) with the fake server in a child process. */
export async function startProcessHarness(opts: BotHarnessOptions & { fake?: FakeDiscordOptions }): Promise<Harness<RemoteFakeDiscord>> {
  return harnessAround(await RemoteFakeDiscord.start(opts.fake), opts);
}
