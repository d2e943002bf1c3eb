// A Discord-compatible server for end-to-end tests: plain node:http + ws on 127.0.0.1, port 0.
// The real discord.js Client logs in to it over the JSON gateway and talks REST v10 to it; every REST call is
// recorded (method, route, parsed body, uploaded files) so tests assert on the exact payloads the bot sends.
// See docs/discord-wire-notes.md for the payload shapes and the pitfalls (P1..P15) referenced below.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  GatewayDispatchEvents,
  GatewayOpcodes,
  InteractionContextType,
  InteractionResponseType,
  InteractionType,
  MessageType,
  type APIApplicationCommandInteractionDataOption,
  type APIAttachment,
  type APIChatInputApplicationCommandInteractionData,
  type APIGuildMember,
  type APIInteraction,
  type APIMessage,
  type APIUser,
  type GatewayReceivePayload,
  type GatewaySendPayload,
  type GuildMemberFlags,
  type MessageFlags,
} from 'discord-api-types/v10';

const DISCORD_EPOCH = 1420070400000n;
const ADMINISTRATOR = 1n << 3n;
const MANAGE_GUILD = 1n << 5n;
/** Permissions of an ordinary member: view, send, read history, use application commands ... but not Manage Server. */
export const MEMBER_PERMISSIONS = (1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 15n) | (1n << 16n) | (1n << 31n) | (1n << 6n);
export const MODERATOR_PERMISSIONS = MEMBER_PERMISSIONS | MANAGE_GUILD;
export const PERMISSION_BITS = { ADMINISTRATOR, MANAGE_GUILD } as const;

let counter = 0n;
/** A fresh snowflake; when `shard` is given, one whose guild-shard ((id >> 22) % count) is that shard. */
export function snowflake(shard?: { id: number; count: number }): string {
  counter += 1n;
  let ts = BigInt(Date.now()) - DISCORD_EPOCH;
  if (shard) {
    const count = BigInt(shard.count);
    ts = ts - (ts % count) + BigInt(shard.id);
  }
  return ((ts << 22n) | (counter & 0x3fffffn)).toString();
}

export function shardOf(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

export interface RecordedFile {
  field: string;
  name: string;
  contentType: string;
  bytes: Buffer;
}

export interface RecordedCall {
  seq: number;
  at: number;
  method: string;
  /** Path after /api/v10 with ids kept, segments decoded (P1): e.g. /webhooks/APP/TOKEN/messages/@original */
  path: string;
  /** Route template, e.g. "PATCH /webhooks/:app/:token/messages/:message" or "UNKNOWN". */
  route: string;
  query: Record<string, string>;
  auth: string | null;
  /** Parsed JSON body, or payload_json of a multipart body; null when empty. */
  body: unknown;
  files: RecordedFile[];
  known: boolean;
  status: number;
  /** Interaction token or id this call belongs to, when the route carries one. */
  token: string | null;
  channelId: string | null;
}

export interface FakeUser {
  id: string;
  username: string;
  global_name?: string | null;
}

export interface GuildSpec {
  id: string;
  name: string;
  channelId: string;
  roles: Array<{ id: string; name: string; permissions: bigint }>;
}

interface Session {
  id: string;
  ws: WebSocket | null;
  seq: number;
  shard: [number, number];
  intents: number;
  token: string;
  identifies: number;
  resumes: number;
}

interface StoredMessage extends APIMessage {
  guild_id?: string;
  interactionToken?: string;
}

export interface InteractionOptions {
  user?: FakeUser;
  /** Guild to run in; omit (or `dm: true`) for the bot's DM. Defaults to the first guild. */
  guildId?: string;
  dm?: boolean;
  /** Member permissions (guild only). Defaults to MEMBER_PERMISSIONS. */
  permissions?: bigint;
  roles?: string[];
  locale?: string;
}

export interface CommandInput extends InteractionOptions {
  name: string;
  /** Flat options, or a subcommand with options. Attachments: pass the object returned by registerAttachment. */
  options?: Record<string, string | number | boolean | APIAttachment>;
  subcommand?: string;
}

export interface InteractionResult {
  interactionId: string;
  token: string;
  /** The interaction callback call (POST /interactions/:id/:token/callback). */
  callback: RecordedCall;
  callbackType: InteractionResponseType;
  /** The message payload the user finally sees: callback data, or the first @original edit after a defer. */
  message: MessagePayload | null;
  /** Stored message id of the reply (for clicking its components later), when there is one. */
  messageId: string | null;
  /** Every call carrying this interaction's token, in order. */
  calls: RecordedCall[];
}

/** The subset of a message payload the tests read. */
export interface MessagePayload {
  content?: string;
  embeds?: Array<{
    title?: string;
    description?: string;
    url?: string;
    color?: number;
    footer?: { text: string };
    author?: { name: string };
    fields?: Array<{ name: string; value: string; inline?: boolean }>;
  }>;
  components?: Array<{ type: number; components: Array<{ type: number; custom_id?: string; label?: string; disabled?: boolean; options?: Array<{ label: string; value: string; description?: string }>; style?: number }> }>;
  allowed_mentions?: { parse?: string[]; users?: string[]; roles?: string[]; replied_user?: boolean };
  flags?: number;
  choices?: Array<{ name: string; value: string | number }>;
}

export interface FakeDiscordOptions {
  token?: string;
  applicationId?: string;
  shards?: number;
  /** Number of guilds to create (each gets a channel and a "Moderators" role). Default 1. */
  guilds?: number;
  heartbeatInterval?: number;
  /** Print REST and gateway traffic. */
  verbose?: boolean;
}

/** A response the fake gives instead of the real one (outage tests): a status with body/headers, or a reset socket. */
export interface Fault {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Destroy the TCP connection without answering (the client sees "other side closed"). */
  reset?: boolean;
}

/** 429 as Discord sends it: retry_after in the body (seconds) and the Retry-After header @discordjs/rest reads. */
export function rateLimited(retryAfterSeconds: number): Fault {
  return {
    status: 429,
    body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global: false },
    headers: { 'retry-after': String(retryAfterSeconds), 'x-ratelimit-scope': 'user' },
  };
}

export function serverError(status = 500): Fault {
  return { status, body: { message: '500: Internal Server Error', code: 0 } };
}

type Handler = (req: IncomingMessage, res: ServerResponse, call: RecordedCall, params: string[]) => unknown;

interface RouteDef {
  method: string;
  pattern: string[];
  name: string;
  handler: Handler;
}

/** Register once per test file: discord.js reports payload-shape errors only as unhandled rejections (P15). */
export const unhandled: unknown[] = [];
let hookInstalled = false;
export function installUnhandledRejectionHook(): void {
  if (hookInstalled) return;
  hookInstalled = true;
  process.on('unhandledRejection', (reason) => {
    unhandled.push(reason);
    console.error('[fakeDiscord] unhandledRejection:', reason);
  });
}

export class FakeDiscord {
  readonly token: string;
  readonly applicationId: string;
  readonly shardCount: number;
  readonly botUser: APIUser;
  readonly guilds: GuildSpec[];
  readonly calls: RecordedCall[] = [];
  readonly commandsRegistered: Array<{ scope: string; body: unknown }> = [];
  readonly gatewayLog: Array<{ dir: 'in' | 'out'; shard: number; op: number; t?: string | null }> = [];
  readonly defaultUser: FakeUser = { id: snowflake(), username: 'alice', global_name: 'Alice' };

  private server: Server;
  private wss: WebSocketServer;
  private sockets = new Set<Socket>();
  private upgraded = new WeakSet<object>();
  private sessions = new Map<string, Session>();
  private messages = new Map<string, StoredMessage>();
  private originals = new Map<string, string>(); // interaction token -> message id
  private dmChannels = new Map<string, string>(); // user id -> channel id
  private attachments = new Map<string, { bytes: Buffer; contentType: string }>();
  private waiters: Array<{ pred: (c: RecordedCall) => boolean; resolve: (c: RecordedCall) => void }> = [];
  private faults: Array<{ match: (c: RecordedCall) => boolean; responses: Fault[] }> = [];
  private routes: RouteDef[] = [];
  private readyWaiters: Array<() => void> = [];
  private heartbeatInterval: number;
  private verbose: boolean;
  private seqCounter = 0;
  port = 0;

  private constructor(opts: FakeDiscordOptions) {
    this.token = opts.token ?? 'test.bot.token';
    this.applicationId = opts.applicationId ?? snowflake();
    this.shardCount = opts.shards ?? 1;
    this.heartbeatInterval = opts.heartbeatInterval ?? 41250;
    this.verbose = opts.verbose ?? false;
    this.botUser = { id: this.applicationId, username: 'dossier', discriminator: '0', global_name: 'Dossier', avatar: null, bot: true };
    const nGuilds = opts.guilds ?? 1;
    this.guilds = [];
    for (let i = 0; i < nGuilds; i++) {
      const id = snowflake({ id: i % this.shardCount, count: this.shardCount });
      this.guilds.push({
        id,
        name: `Test guild ${i}`,
        channelId: snowflake(),
        roles: [
          { id, name: '@everyone', permissions: MEMBER_PERMISSIONS },
          { id: snowflake(), name: 'Moderators', permissions: MEMBER_PERMISSIONS },
        ],
      });
    }
    this.server = createServer((req, res) => void this.onRequest(req, res));
    this.server.keepAliveTimeout = 60_000; // P14
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => {
      if (!(req.url ?? '').startsWith('/gateway')) {
        socket.destroy();
        return;
      }
      this.upgraded.add(socket);
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onGateway(ws));
    });
    this.defineRoutes();
  }

  static async start(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(opts);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  /** Pass as `rest.api` (discord.js appends /v10). */
  get apiBase(): string {
    return `${this.origin}/api`;
  }
  get guild(): GuildSpec {
    const g = this.guilds[0];
    if (!g) throw new Error('fake has no guild');
    return g;
  }

  /** Calls to routes the fake does not know (should stay empty). */
  unknownCalls(): RecordedCall[] {
    return this.calls.filter((c) => !c.known);
  }

  /** Every message-like payload the bot sent: replies, edits, follow-ups, channel messages (not autocomplete). */
  sentMessages(): Array<{ call: RecordedCall; payload: MessagePayload }> {
    const out: Array<{ call: RecordedCall; payload: MessagePayload }> = [];
    for (const call of this.calls) {
      if (!call.known || call.body === null || typeof call.body !== 'object') continue;
      if (call.route.includes('/callback')) {
        const b = call.body as { type: number; data?: MessagePayload };
        if (
          (b.type === InteractionResponseType.ChannelMessageWithSource || b.type === InteractionResponseType.UpdateMessage) &&
          b.data
        )
          out.push({ call, payload: b.data });
      } else if (call.route.startsWith('PATCH /webhooks') || call.route.startsWith('POST /webhooks') || call.route === 'POST /channels/:channel/messages') {
        out.push({ call, payload: call.body as MessagePayload });
      }
    }
    return out;
  }

  /** Serve bytes at http://127.0.0.1:PORT/attachments/... and return the attachment object for a command option. */
  registerAttachment(filename: string, bytes: Buffer | string, contentType = 'text/plain; charset=utf-8'): APIAttachment {
    const id = snowflake();
    const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
    const path = `/attachments/${this.guild.channelId}/${id}/${encodeURIComponent(filename)}`;
    this.attachments.set(id, { bytes: buf, contentType });
    const url = `${this.origin}${path}`;
    return { id, filename, size: buf.length, url, proxy_url: url, content_type: contentType };
  }

  // ---------------------------------------------------------------- gateway

  private sessionFor(guildId: string | null): Session {
    const shard = guildId === null ? 0 : shardOf(guildId, this.shardCount);
    for (const s of this.sessions.values()) if (s.shard[0] === shard && s.ws) return s;
    throw new Error(`no connected session for shard ${shard}`);
  }

  connectedShards(): number[] {
    return [...this.sessions.values()].filter((s) => s.ws !== null).map((s) => s.shard[0]).sort();
  }

  /** Resolve once `count` sessions (shards) have identified. */
  waitForSessions(count: number, timeoutMs = 30_000): Promise<void> {
    if (this.connectedShards().length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${this.connectedShards().length}/${count} shards connected`)), timeoutMs);
      const check = (): void => {
        if (this.connectedShards().length >= count) {
          clearTimeout(timer);
          resolve();
        } else this.readyWaiters.push(check);
      };
      this.readyWaiters.push(check);
    });
  }

  private send(ws: WebSocket, payload: GatewayReceivePayload, shard: number): void {
    this.gatewayLog.push({ dir: 'out', shard, op: payload.op, t: 't' in payload ? payload.t : null });
    if (this.verbose) console.log('[gw out]', shard, JSON.stringify(payload).slice(0, 200));
    ws.send(JSON.stringify(payload));
  }

  private dispatch(session: Session, t: string, d: unknown): void {
    if (!session.ws) throw new Error('session not connected');
    session.seq += 1;
    // The union type cannot be narrowed from a runtime event name; the shapes come from the typed builders.
    this.send(session.ws, { op: GatewayOpcodes.Dispatch, t, s: session.seq, d } as unknown as GatewayReceivePayload, session.shard[0]);
  }

  private onGateway(ws: WebSocket): void {
    let session: Session | null = null;
    this.send(ws, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.heartbeatInterval }, s: null, t: null }, -1);
    ws.on('message', (raw) => {
      const msg = JSON.parse(raw.toString()) as GatewaySendPayload;
      this.gatewayLog.push({ dir: 'in', shard: session?.shard[0] ?? -1, op: msg.op });
      if (this.verbose) console.log('[gw in]', JSON.stringify(msg).slice(0, 200));
      switch (msg.op) {
        case GatewayOpcodes.Heartbeat:
          this.send(ws, { op: GatewayOpcodes.HeartbeatAck } as GatewayReceivePayload, session?.shard[0] ?? -1);
          break;
        case GatewayOpcodes.Identify: {
          if (msg.d.token !== this.token) {
            ws.close(4004, 'Authentication failed.');
            return;
          }
          const shard: [number, number] = msg.d.shard ?? [0, 1];
          for (const [id, s] of this.sessions) if (s.shard[0] === shard[0]) this.sessions.delete(id);
          session = { id: snowflake(), ws, seq: 0, shard, intents: msg.d.intents, token: msg.d.token, identifies: 1, resumes: 0 };
          this.sessions.set(session.id, session);
          const mine = this.guilds.filter((g) => shardOf(g.id, shard[1]) === shard[0]);
          this.dispatch(session, GatewayDispatchEvents.Ready, {
            v: 10,
            user: this.botUser,
            guilds: mine.map((g) => ({ id: g.id, unavailable: true })),
            session_id: session.id,
            resume_gateway_url: `ws://127.0.0.1:${this.port}/gateway`,
            shard,
            application: { id: this.applicationId, flags: 0 },
          });
          for (const g of mine) this.dispatch(session, GatewayDispatchEvents.GuildCreate, this.guildPayload(g)); // P7
          const waiters = this.readyWaiters.splice(0);
          for (const w of waiters) w();
          break;
        }
        case GatewayOpcodes.Resume: {
          const s = this.sessions.get(msg.d.session_id);
          if (!s || msg.d.token !== this.token) {
            this.send(ws, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null }, -1);
            return;
          }
          s.ws = ws;
          s.resumes += 1;
          session = s;
          this.dispatch(s, GatewayDispatchEvents.Resumed, {});
          const waiters = this.readyWaiters.splice(0);
          for (const w of waiters) w();
          break;
        }
        default:
          break;
      }
    });
    ws.on('close', () => {
      if (session && session.ws === ws) session.ws = null;
    });
  }

  /** Ask the client on `shard` to reconnect and resume (op 7); resolves when it has resumed. */
  async requestReconnect(shard = 0): Promise<void> {
    const s = [...this.sessions.values()].find((x) => x.shard[0] === shard && x.ws);
    if (!s?.ws) throw new Error(`no session on shard ${shard}`);
    const before = s.resumes;
    this.send(s.ws, { op: GatewayOpcodes.Reconnect } as GatewayReceivePayload, shard);
    const deadline = Date.now() + 15_000;
    while (s.resumes === before) {
      if (Date.now() > deadline) throw new Error('client did not resume');
      await sleep(10);
    }
  }

  /** Invalidate the session on `shard` (op 9); with resumable=false the client must IDENTIFY again. */
  invalidateSession(shard = 0, resumable = false): void {
    const s = [...this.sessions.values()].find((x) => x.shard[0] === shard && x.ws);
    if (!s?.ws) throw new Error(`no session on shard ${shard}`);
    this.send(s.ws, { op: GatewayOpcodes.InvalidSession, d: resumable, s: null, t: null }, shard);
  }

  /**
   * The next REST calls whose route starts with `route` (e.g. "POST /interactions") get `responses`, one each,
   * in order, instead of the real answer; later calls are served normally. Returns how many are still queued.
   */
  injectFaults(route: string | ((c: RecordedCall) => boolean), responses: Fault[]): () => number {
    const entry = { match: typeof route === 'string' ? (c: RecordedCall) => c.route.startsWith(route) : route, responses: [...responses] };
    this.faults.push(entry);
    return () => entry.responses.length;
  }

  /** Drop the gateway connection of `shard` (server side), abruptly (no close frame) or with a close code. */
  dropConnection(shard = 0, code?: number): void {
    const s = [...this.sessions.values()].find((x) => x.shard[0] === shard && x.ws);
    if (!s?.ws) throw new Error(`no session on shard ${shard}`);
    if (code === undefined) s.ws.terminate();
    else s.ws.close(code, 'closed by the test server');
  }

  /** Destroy every open REST connection (keep-alive sockets included); gateway websockets are left alone. */
  dropHttpConnections(): number {
    let n = 0;
    for (const socket of this.sockets)
      if (!socket.destroyed && !this.upgraded.has(socket)) {
        socket.destroy();
        n++;
      }
    return n;
  }

  /** Sessions: identifies and resumes per shard (to assert how the client came back). */
  sessionStats(): Array<{ shard: number; identifies: number; resumes: number; connected: boolean }> {
    return [...this.sessions.values()].map((s) => ({ shard: s.shard[0], identifies: s.identifies, resumes: s.resumes, connected: s.ws !== null }));
  }

  private guildPayload(g: GuildSpec): unknown {
    return {
      id: g.id,
      name: g.name,
      icon: null,
      owner_id: snowflake(),
      features: [],
      roles: g.roles.map((r, i) => ({
        id: r.id,
        name: r.name,
        color: 0,
        hoist: false,
        icon: null,
        unicode_emoji: null,
        position: i,
        permissions: r.permissions.toString(),
        managed: false,
        mentionable: false,
        flags: 0,
      })),
      channels: [
        { id: g.channelId, type: ChannelType.GuildText, guild_id: g.id, name: 'general', position: 0, permission_overwrites: [] },
      ],
      members: [],
      emojis: [],
      stickers: [],
      threads: [],
      presences: [],
      voice_states: [],
      joined_at: new Date().toISOString(),
      member_count: 2,
      large: false,
      unavailable: false,
      preferred_locale: 'en-US',
    };
  }

  private userPayload(u: FakeUser): APIUser {
    return { id: u.id, username: u.username, discriminator: '0', global_name: u.global_name ?? null, avatar: null };
  }

  private envelope(opts: InteractionOptions): { base: Record<string, unknown>; guildId: string | null } {
    const user = this.userPayload(opts.user ?? this.defaultUser);
    const common = {
      id: snowflake(),
      application_id: this.applicationId,
      token: `itoken-${snowflake()}`,
      version: 1,
      app_permissions: MODERATOR_PERMISSIONS.toString(),
      locale: opts.locale ?? 'en-US',
      entitlements: [], // P5
      attachment_size_limit: 26214400,
    };
    if (opts.dm) {
      const dmId = this.dmChannelFor(user.id);
      return {
        guildId: null,
        base: {
          ...common,
          user,
          channel_id: dmId,
          channel: { id: dmId, type: ChannelType.DM, recipients: [user], last_message_id: null, flags: 0 },
          authorizing_integration_owners: { '1': user.id }, // P6
          context: InteractionContextType.BotDM,
        },
      };
    }
    const g = opts.guildId ? this.guilds.find((x) => x.id === opts.guildId) : this.guild;
    if (!g) throw new Error(`unknown guild ${opts.guildId}`);
    const perms = (opts.permissions ?? MEMBER_PERMISSIONS).toString();
    const member: APIGuildMember & { permissions: string } = {
      user,
      roles: opts.roles ?? [],
      permissions: perms,
      joined_at: new Date().toISOString(),
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
      pending: false,
      nick: null,
      avatar: null,
      banner: null,
    };
    return {
      guildId: g.id,
      base: {
        ...common,
        guild_id: g.id,
        guild: { id: g.id, locale: 'en-US', features: [] },
        channel_id: g.channelId,
        channel: { id: g.channelId, type: ChannelType.GuildText, guild_id: g.id, name: 'general', position: 0, permissions: perms, permission_overwrites: [], flags: 0 },
        member,
        guild_locale: 'en-US',
        authorizing_integration_owners: { '0': g.id }, // P6
        context: InteractionContextType.Guild,
      },
    };
  }

  private commandData(input: CommandInput, focused?: string): { data: APIChatInputApplicationCommandInteractionData } {
    const resolvedAttachments: Record<string, APIAttachment> = {};
    const opts: APIApplicationCommandInteractionDataOption[] = [];
    for (const [name, value] of Object.entries(input.options ?? {})) {
      if (typeof value === 'object') {
        resolvedAttachments[value.id] = value;
        opts.push({ name, type: ApplicationCommandOptionType.Attachment, value: value.id });
      } else if (typeof value === 'boolean') {
        opts.push({ name, type: ApplicationCommandOptionType.Boolean, value });
      } else if (typeof value === 'number') {
        opts.push({ name, type: ApplicationCommandOptionType.Integer, value });
      } else {
        opts.push(
          name === focused
            ? { name, type: ApplicationCommandOptionType.String, value, focused: true }
            : { name, type: ApplicationCommandOptionType.String, value },
        );
      }
    }
    const options: APIApplicationCommandInteractionDataOption[] = input.subcommand
      ? [{ name: input.subcommand, type: ApplicationCommandOptionType.Subcommand, options: opts as never }]
      : opts;
    const data: APIChatInputApplicationCommandInteractionData = {
      id: this.commandId(input.name),
      name: input.name,
      type: ApplicationCommandType.ChatInput,
      options,
      ...(Object.keys(resolvedAttachments).length > 0 ? { resolved: { attachments: resolvedAttachments } } : {}),
    };
    return { data };
  }

  private commandIds = new Map<string, string>();
  private commandId(name: string): string {
    let id = this.commandIds.get(name);
    if (!id) {
      id = snowflake();
      this.commandIds.set(name, id);
    }
    return id;
  }

  private dmChannelFor(userId: string): string {
    let id = this.dmChannels.get(userId);
    if (!id) {
      id = snowflake();
      this.dmChannels.set(userId, id);
    }
    return id;
  }

  private emitInteraction(payload: Record<string, unknown>, guildId: string | null): void {
    this.dispatch(this.sessionFor(guildId), GatewayDispatchEvents.InteractionCreate, payload as unknown as APIInteraction);
  }

  private commandPayload(input: CommandInput): { payload: Record<string, unknown>; guildId: string | null } {
    const { base, guildId } = this.envelope(input);
    const { data } = this.commandData(input);
    if (guildId) data.guild_id = guildId;
    return { payload: { ...base, type: InteractionType.ApplicationCommand, data }, guildId };
  }

  /** Send a slash command and wait for the bot's visible response. */
  async command(input: CommandInput, timeoutMs = 20_000): Promise<InteractionResult> {
    const { payload, guildId } = this.commandPayload(input);
    return this.interact(payload, guildId, timeoutMs);
  }

  /**
   * Send `count` copies of a slash command (each with its own interaction id and token) without waiting for
   * answers: floods. The envelope is built once, so the server's own cost per copy stays small. Returns the tokens.
   */
  emitCommands(input: CommandInput, count: number): string[] {
    const { payload, guildId } = this.commandPayload(input);
    const tokens: string[] = [];
    for (let i = 0; i < count; i++) {
      const token = `itoken-${snowflake()}`;
      this.pendingTokenChannels.set(token, String(payload.channel_id));
      this.emitInteraction({ ...payload, id: snowflake(), token }, guildId);
      tokens.push(token);
    }
    return tokens;
  }

  /** Send an autocomplete request for `focused` and return the choices the bot answered with. */
  async autocomplete(input: CommandInput & { focused: string }, timeoutMs = 10_000): Promise<{ choices: Array<{ name: string; value: string | number }>; result: InteractionResult }> {
    const { base, guildId } = this.envelope(input);
    const { data } = this.commandData(input, input.focused);
    const payload = { ...base, type: InteractionType.ApplicationCommandAutocomplete, data };
    const result = await this.interact(payload, guildId, timeoutMs);
    const body = result.callback.body as { type: number; data?: { choices?: Array<{ name: string; value: string | number }> } };
    return { choices: body.data?.choices ?? [], result };
  }

  /** Click a button (or pick select values) on a message the bot sent earlier. */
  async component(
    messageId: string,
    customId: string,
    opts: InteractionOptions & { values?: string[] } = {},
    timeoutMs = 20_000,
  ): Promise<InteractionResult> {
    const message = this.messages.get(messageId);
    if (!message) throw new Error(`no stored message ${messageId}`);
    const dm = opts.dm ?? message.guild_id === undefined;
    const { base, guildId } = this.envelope({ ...opts, dm, ...(message.guild_id ? { guildId: message.guild_id } : {}) });
    const data = opts.values
      ? { custom_id: customId, component_type: ComponentType.StringSelect, values: opts.values }
      : { custom_id: customId, component_type: ComponentType.Button };
    const payload = { ...base, type: InteractionType.MessageComponent, data, message: this.publicMessage(message) };
    return this.interact(payload, guildId, timeoutMs);
  }

  private publicMessage(m: StoredMessage): APIMessage {
    const { interactionToken: _t, ...rest } = m;
    return rest;
  }

  private async interact(payload: Record<string, unknown>, guildId: string | null, timeoutMs: number): Promise<InteractionResult> {
    const token = String(payload.token);
    const interactionId = String(payload.id);
    this.pendingTokenChannels.set(token, String(payload.channel_id));
    const ok = (c: RecordedCall): boolean => c.status >= 200 && c.status < 300;
    const cbWait = this.waitFor((c) => c.route.startsWith('POST /interactions') && c.token === token && ok(c), timeoutMs);
    this.emitInteraction(payload, guildId);
    const callback = await cbWait;
    const body = callback.body as { type: InteractionResponseType; data?: MessagePayload };
    let message: MessagePayload | null = null;
    if (body.type === InteractionResponseType.ChannelMessageWithSource || body.type === InteractionResponseType.UpdateMessage) {
      message = body.data ?? null;
    } else if (
      body.type === InteractionResponseType.DeferredChannelMessageWithSource ||
      body.type === InteractionResponseType.DeferredMessageUpdate
    ) {
      const edit = await this.waitFor(
        (c) => c.token === token && ok(c) && (c.route === 'PATCH /webhooks/:app/:token/messages/:message' || c.route === 'POST /webhooks/:app/:token'),
        timeoutMs,
      );
      message = edit.body as MessagePayload;
    }
    const messageId =
      body.type === InteractionResponseType.UpdateMessage || body.type === InteractionResponseType.DeferredMessageUpdate
        ? (((payload.message as APIMessage | undefined)?.id) ?? null)
        : (this.originals.get(token) ?? null);
    await sleep(0);
    return { interactionId, token, callback, callbackType: body.type, message, messageId, calls: this.calls.filter((c) => c.token === token) };
  }

  /** Send a DM to the bot and wait for its first message in that DM channel. */
  async dm(content: string, user: FakeUser = this.defaultUser, timeoutMs = 20_000): Promise<{ call: RecordedCall; payload: MessagePayload; messageId: string }> {
    const session = this.sessionFor(null);
    const channelId = this.dmChannelFor(user.id);
    const DIRECT_MESSAGES = 1 << 12;
    const msg: APIMessage & { channel_type: ChannelType } = {
      id: snowflake(),
      channel_id: channelId,
      channel_type: ChannelType.DM, // P3
      author: this.userPayload(user),
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      type: MessageType.Default,
      flags: 0 as MessageFlags,
    };
    const wait = this.waitFor((c) => c.route === 'POST /channels/:channel/messages' && c.channelId === channelId && c.status >= 200 && c.status < 300, timeoutMs);
    if ((session.intents & DIRECT_MESSAGES) === 0) throw new Error('bot did not subscribe to DirectMessages; Discord would not deliver this DM (P4)');
    this.dispatch(session, GatewayDispatchEvents.MessageCreate, msg);
    const call = await wait;
    const stored = [...this.messages.values()].reverse().find((m) => m.channel_id === channelId);
    return { call, payload: call.body as MessagePayload, messageId: stored?.id ?? '' };
  }

  /** Resolve with the first recorded call (past calls from `since` on, or future) matching `pred`. */
  waitFor(pred: (c: RecordedCall) => boolean, timeoutMs = 20_000, since = this.calls.length): Promise<RecordedCall> {
    const existing = this.calls.slice(since).find(pred);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`fakeDiscord: timed out after ${timeoutMs} ms waiting for a call`));
      }, timeoutMs);
      const done = (c: RecordedCall): void => {
        clearTimeout(timer);
        resolve(c);
      };
      this.waiters.push({ pred, resolve: done });
    });
  }

  // ---------------------------------------------------------------- REST

  private route(method: string, path: string, name: string, handler: Handler): void {
    this.routes.push({ method, pattern: path.split('/').filter(Boolean), name, handler });
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  private makeMessage(channelId: string, body: MessagePayload, extra: Partial<StoredMessage> = {}): StoredMessage {
    const id = snowflake();
    const guild = this.guilds.find((g) => g.channelId === channelId);
    const m: StoredMessage = {
      id,
      channel_id: channelId,
      ...(guild ? { guild_id: guild.id } : {}),
      author: this.botUser,
      content: body.content ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: (body.embeds ?? []) as APIMessage['embeds'],
      components: (body.components ?? []) as APIMessage['components'],
      pinned: false,
      type: MessageType.Default,
      flags: (body.flags ?? 0) as MessageFlags,
      ...extra,
    };
    this.messages.set(id, m);
    return m;
  }

  private updateMessage(id: string, body: MessagePayload): StoredMessage | null {
    const m = this.messages.get(id);
    if (!m) return null;
    if (body.content !== undefined) m.content = body.content;
    if (body.embeds !== undefined) m.embeds = body.embeds as APIMessage['embeds'];
    if (body.components !== undefined) m.components = body.components as APIMessage['components'];
    m.edited_timestamp = new Date().toISOString();
    return m;
  }

  /** The channel an interaction token belongs to (recorded when the interaction was sent). */
  private tokenChannels = new Map<string, string>();
  private pendingTokenChannels = new Map<string, string>();

  private defineRoutes(): void {
    const api = '/api/v10';
    this.route('GET', `${api}/gateway/bot`, 'GET /gateway/bot', (_q, res) =>
      this.json(res, 200, {
        url: `ws://127.0.0.1:${this.port}/gateway`,
        shards: this.shardCount,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 86_400_000, max_concurrency: 1 },
      }),
    );
    this.route('GET', `${api}/gateway`, 'GET /gateway', (_q, res) => this.json(res, 200, { url: `ws://127.0.0.1:${this.port}/gateway` }));
    this.route('GET', `${api}/users/@me`, 'GET /users/@me', (_q, res) => this.json(res, 200, this.botUser));
    this.route('GET', `${api}/applications/@me`, 'GET /applications/@me', (_q, res) =>
      this.json(res, 200, { id: this.applicationId, name: 'Dossier', flags: 0, bot_public: true, bot_require_code_grant: false, description: '', verify_key: 'x' }),
    );
    const putCommands: Handler = (_q, res, call, params) => {
      const scope = params[1] ?? 'global';
      const body = Array.isArray(call.body) ? (call.body as Array<Record<string, unknown>>) : [];
      this.commandsRegistered.push({ scope, body: call.body });
      this.json(
        res,
        200,
        body.map((c) => ({
          ...c,
          id: this.commandId(String(c.name)),
          application_id: this.applicationId,
          version: snowflake(),
          type: c.type ?? 1,
          ...(params[1] ? { guild_id: params[1] } : {}),
          default_member_permissions: c.default_member_permissions ?? null,
        })),
      );
    };
    this.route('PUT', `${api}/applications/:app/commands`, 'PUT /applications/:app/commands', putCommands);
    this.route('PUT', `${api}/applications/:app/guilds/:guild/commands`, 'PUT /applications/:app/guilds/:guild/commands', putCommands);
    this.route('POST', `${api}/interactions/:id/:token/callback`, 'POST /interactions/:id/:token/callback', (_q, res, call, params) => {
      const token = params[1] ?? '';
      const body = call.body as { type: number; data?: MessagePayload };
      const channelId = this.tokenChannels.get(token) ?? '0';
      let message: StoredMessage | null = null;
      if (body.type === InteractionResponseType.ChannelMessageWithSource || body.type === InteractionResponseType.DeferredChannelMessageWithSource) {
        message = this.makeMessage(channelId, body.data ?? {}, { interactionToken: token });
        this.originals.set(token, message.id);
      }
      if (call.query.with_response === 'true') {
        this.json(res, 200, {
          interaction: { id: params[0], type: 2, response_message_id: message?.id, response_message_loading: false, response_message_ephemeral: false },
          resource: message ? { type: body.type, message: this.publicMessage(message) } : { type: body.type },
        });
      } else {
        res.writeHead(204).end(); // P12
      }
    });
    this.route('PATCH', `${api}/webhooks/:app/:token/messages/:message`, 'PATCH /webhooks/:app/:token/messages/:message', (_q, res, call, params) => {
      const token = params[1] ?? '';
      const id = params[2] === '@original' ? this.originals.get(token) : params[2];
      const m = id ? this.updateMessage(id, call.body as MessagePayload) : null;
      if (!m) return this.json(res, 404, { message: 'Unknown Message', code: 10008 });
      this.json(res, 200, this.publicMessage(m));
    });
    this.route('GET', `${api}/webhooks/:app/:token/messages/:message`, 'GET /webhooks/:app/:token/messages/:message', (_q, res, _call, params) => {
      const token = params[1] ?? '';
      const id = params[2] === '@original' ? this.originals.get(token) : params[2];
      const m = id ? this.messages.get(id) : undefined;
      if (!m) return this.json(res, 404, { message: 'Unknown Message', code: 10008 });
      this.json(res, 200, this.publicMessage(m));
    });
    this.route('DELETE', `${api}/webhooks/:app/:token/messages/:message`, 'DELETE /webhooks/:app/:token/messages/:message', (_q, res, _call, params) => {
      const token = params[1] ?? '';
      const id = params[2] === '@original' ? this.originals.get(token) : params[2];
      if (id) this.messages.delete(id);
      res.writeHead(204).end();
    });
    this.route('POST', `${api}/webhooks/:app/:token`, 'POST /webhooks/:app/:token', (_q, res, call, params) => {
      const token = params[1] ?? '';
      const m = this.makeMessage(this.tokenChannels.get(token) ?? '0', call.body as MessagePayload, { interactionToken: token });
      this.json(res, 200, this.publicMessage(m));
    });
    this.route('POST', `${api}/channels/:channel/messages`, 'POST /channels/:channel/messages', (_q, res, call, params) => {
      const m = this.makeMessage(params[0] ?? '0', call.body as MessagePayload);
      this.json(res, 200, this.publicMessage(m));
    });
    this.route('POST', `${api}/channels/:channel/typing`, 'POST /channels/:channel/typing', (_q, res) => {
      res.writeHead(204).end();
    });
    this.route('POST', `${api}/users/@me/channels`, 'POST /users/@me/channels', (_q, res, call) => {
      const recipient = String((call.body as { recipient_id?: string } | null)?.recipient_id ?? '');
      const channelId = this.dmChannelFor(recipient);
      this.json(res, 200, {
        id: channelId,
        type: ChannelType.DM,
        last_message_id: null,
        flags: 0,
        recipients: [{ id: recipient, username: 'user', discriminator: '0', global_name: null, avatar: null }],
      });
    });
    this.route('GET', '/attachments/:channel/:id/:name', 'GET /attachments', (_q, res, _call, params) => {
      const file = this.attachments.get(params[1] ?? '');
      if (!file) return this.json(res, 404, { message: '404: Not Found', code: 0 });
      res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.bytes.length });
      res.end(file.bytes);
    });
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const segments = url.pathname.split('/').filter(Boolean).map((s) => decodeURIComponent(s)); // P1
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const contentType = req.headers['content-type'] ?? '';
    let body: unknown = null;
    const files: RecordedFile[] = [];
    try {
      if (raw.length > 0 && contentType.startsWith('multipart/form-data')) {
        const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
        for (const [field, value] of form.entries()) {
          if (typeof value === 'string') {
            if (field === 'payload_json') body = JSON.parse(value);
          } else {
            files.push({ field, name: value.name, contentType: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
          }
        }
      } else if (raw.length > 0) {
        body = JSON.parse(raw.toString('utf8'));
      }
    } catch {
      body = raw.toString('utf8');
    }
    let match: { def: RouteDef; params: string[] } | null = null;
    for (const def of this.routes) {
      if (def.method !== req.method || def.pattern.length !== segments.length) continue;
      const params: string[] = [];
      let ok = true;
      def.pattern.forEach((p, i) => {
        const s = segments[i] ?? '';
        if (p.startsWith(':')) params.push(s);
        else if (p !== s) ok = false;
      });
      if (ok) {
        match = { def, params };
        break;
      }
    }
    const apiPath = url.pathname.startsWith('/api/v10') ? '/' + segments.slice(2).join('/') : '/' + segments.join('/');
    let token: string | null = null;
    let channelId: string | null = null;
    if (segments[2] === 'interactions') token = segments[4] ?? null;
    if (segments[2] === 'webhooks') token = segments[4] ?? null;
    if (segments[2] === 'channels') channelId = segments[3] ?? null;
    if (token && !this.tokenChannels.has(token)) this.tokenChannels.set(token, this.channelOfToken(token));
    const call: RecordedCall = {
      seq: ++this.seqCounter,
      at: performance.now(),
      method: req.method ?? 'GET',
      path: apiPath,
      route: match ? match.def.name : 'UNKNOWN',
      query: Object.fromEntries(url.searchParams),
      auth: req.headers.authorization ?? null,
      body,
      files,
      known: match !== null,
      status: 0,
      token,
      channelId,
    };
    if (this.verbose) console.log('[rest]', call.method, apiPath, JSON.stringify(body)?.slice(0, 300));
    // Authenticated routes must carry the exact bot token (interaction callbacks and webhooks go out without auth).
    const needsAuth = match !== null && !['interactions', 'webhooks'].includes(segments[2] ?? '') && segments[0] === 'api';
    if (needsAuth && call.auth !== `Bot ${this.token}`) {
      call.status = 403; // not 401: a 401 would make @discordjs/rest drop its token (P9)
      this.calls.push(call);
      this.json(res, 403, { message: 'Missing Access', code: 50001 });
      this.notify(call);
      return;
    }
    if (!match) {
      call.status = 404;
      this.calls.push(call);
      this.json(res, 404, { message: '404: Not Found', code: 0 });
      this.notify(call);
      return;
    }
    const fault = this.faults.find((f) => f.responses.length > 0 && f.match(call))?.responses.shift();
    if (fault) {
      call.status = fault.reset ? -1 : (fault.status ?? 500);
      this.calls.push(call);
      if (fault.reset) req.socket.destroy();
      else {
        const text = JSON.stringify(fault.body ?? {});
        res.writeHead(call.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...(fault.headers ?? {}) });
        res.end(text);
      }
      this.notify(call);
      return;
    }
    this.calls.push(call);
    try {
      await match.def.handler(req, res, call, match.params);
    } catch (err) {
      console.error('[fakeDiscord] handler error', err);
      if (!res.headersSent) this.json(res, 500, { message: 'fake server error', code: 0 });
    }
    call.status = res.statusCode;
    this.notify(call);
  }

  private channelOfToken(token: string): string {
    // Interaction envelopes carry channel ids; the token->channel mapping is registered when we send them.
    return this.pendingTokenChannels.get(token) ?? '0';
  }

  private notify(call: RecordedCall): void {
    const ready = this.waiters.filter((w) => w.pred(call));
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve(call);
  }

  async stop(): Promise<void> {
    for (const s of this.sessions.values()) s.ws?.terminate();
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
  }

}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
