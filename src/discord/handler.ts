// The one interaction handler. Slash commands, autocomplete, page buttons and the evidence menu all go
// through here: moderator check, deferral when work may pass Discord's 3-second window, rendering, and errors
// (expected ones -> their own ephemeral message with "did you mean"; anything else -> a short ephemeral
// reply with an incident id, logged, and the process keeps running).
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  DiscordAPIError,
  HTTPError,
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type RepliableInteraction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import type { Config } from '../config.ts';
import type { Args, Command, CommandContext, DatasetLike, FileArg, Invoker } from './command.ts';
import { waitText, type Cooldown } from './cooldown.ts';
import { evidenceReply, evidenceValue } from './evidence.ts';
import { invokerOf, refusal } from './moderators.ts';
import { fitChoices, renderReply, type DiscordPayload, type RenderOptions } from './render.ts';
import { UserError, userErrorReply, type Reply } from './reply.ts';

export interface Logger {
  info(message: string): void;
  error(message: string, err?: unknown): void;
}

export const consoleLogger: Logger = {
  info: (m) => console.log(m),
  error: (m, e) => console.error(m, e ?? ''),
};

export interface BotContext {
  config: Pick<Config, 'moderatorRoleIds' | 'moderatorUserIds' | 'maxArticleBytes'>;
  dataset: DatasetLike;
  commands: ReadonlyMap<string, Command>;
  log: Logger;
  /** Reload the table on the other shards after a change here. */
  afterChange?: () => Promise<string | null>;
  /** Milliseconds before a still-running command is deferred (Discord allows 3 s). */
  deferAfterMs?: number;
  /** Per-user cooldowns (src/discord/cooldown.ts); absent = none. */
  cooldown?: BotCooldowns;
}

export interface BotCooldowns {
  /** Slash commands other than moderator ones, and DMs. */
  questions: Cooldown;
  autocomplete: Cooldown;
}

/** The friendly refusal for a user over the question cooldown. */
export function slowDown(waitMs: number): UserError {
  return new UserError(
    `You are asking faster than I can keep up with. Please wait ${waitText(waitMs)} and ask again; everyone gets the same limit so the bot stays quick for all.`,
    [],
    'Slow down',
  );
}

/** Download an attachment over http(s), or read a local file (console), refusing more than maxBytes. */
export async function fetchFile(file: FileArg, maxBytes: number): Promise<Uint8Array> {
  if (file.url.startsWith('file:')) {
    const path = fileURLToPath(file.url);
    const st = await stat(path);
    if (st.size > maxBytes) return new Uint8Array(st.size); // size is what the caller checks
    return new Uint8Array(await readFile(path));
  }
  const res = await fetch(file.url, { signal: AbortSignal.timeout(15_000) });
  if (!res.ok || !res.body) throw new UserError(`I could not download "${file.name}" (HTTP ${res.status}). Try attaching it again.`);
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await res.body.cancel();
    return new Uint8Array(declared);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of res.body) {
    chunks.push(chunk);
    total += chunk.length;
    if (total > maxBytes) break;
  }
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}

export function commandContext(bot: BotContext, invoker: Invoker): CommandContext {
  const afterChange = bot.afterChange;
  return {
    dataset: bot.dataset,
    invoker,
    maxArticleBytes: bot.config.maxArticleBytes,
    fetchFile,
    // The change itself succeeded: failing to reach the other shards is reported and logged, not an incident.
    ...(afterChange
      ? {
          afterChange: () =>
            afterChange().catch((err: unknown) => {
              bot.log.error(`[incident ${incidentId()}] could not ask the other shards to reload:`, err);
              return 'The other shards could not be reached; they load the new table when they restart or at the next refresh.';
            }),
        }
      : {}),
  };
}

// ------------------------------------------------------------------ page buttons

const PAGE_CACHE_MAX = 500;
const pageCache = new Map<string, { command: string; args: Record<string, string> }>();

/** custom_id for page `page` of `command` run with `args`: self-contained when it fits in 100 chars, else cached. */
export function pageCustomId(command: Command, args: Args, page: number): string {
  const kept: Record<string, string> = {};
  for (const name of command.pageArgs ?? []) {
    const v = args[name];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') kept[name] = String(v);
  }
  const inline = `pg|${command.data.name}|${page}|${JSON.stringify(kept)}`;
  if (inline.length <= 100) return inline;
  const key = randomBytes(6).toString('hex');
  pageCache.set(key, { command: command.data.name, args: kept });
  if (pageCache.size > PAGE_CACHE_MAX) {
    const oldest = pageCache.keys().next().value;
    if (oldest !== undefined) pageCache.delete(oldest);
  }
  return `pc|${key}|${page}`;
}

export function parsePageCustomId(customId: string): { command: string; args: Record<string, string>; page: number } | null {
  const parts = customId.split('|');
  if (parts[0] === 'pg' && parts.length >= 4) {
    const json = parts.slice(3).join('|');
    try {
      const parsed: unknown = JSON.parse(json);
      if (typeof parsed !== 'object' || parsed === null) return null;
      const args: Record<string, string> = {};
      for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') args[k] = v;
      return { command: parts[1] ?? '', args, page: Number(parts[2]) };
    } catch {
      return null;
    }
  }
  if (parts[0] === 'pc' && parts.length === 3) {
    const hit = pageCache.get(parts[1] ?? '');
    return hit ? { ...hit, page: Number(parts[2]) } : null;
  }
  return null;
}

/** Render options for a reply to `command` run with `args`: page buttons and the evidence menu. */
export function renderOptions(bot: BotContext, command: Command | null, args: Args, page = 0): RenderOptions {
  return {
    page,
    // No page buttons on moderator commands: a page click re-runs the command, which would refresh again.
    ...(command && !command.moderatorOnly ? { pageCustomId: (p: number) => pageCustomId(command, args, p) } : {}),
    evidenceValue: (s) => evidenceValue(bot.dataset.index, s),
  };
}

// ------------------------------------------------------------------ replies and errors

function withoutFlags(payload: DiscordPayload): Omit<DiscordPayload, 'flags'> {
  const { flags: _flags, ...rest } = payload;
  return rest;
}

/**
 * A request that never got an answer (connection reset or refused): @discordjs/rest retries only ECONNRESET
 * and timeouts. Discord's own answers (DiscordAPIError, HTTPError after its retries) are never retried here.
 */
export function isNetworkError(err: unknown): boolean {
  if (!(err instanceof Error) || err instanceof DiscordAPIError || err instanceof HTTPError) return false;
  const code = (err as NodeJS.ErrnoException).code ?? (err.cause as NodeJS.ErrnoException | undefined)?.code ?? '';
  return ['UND_ERR_SOCKET', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'UND_ERR_CONNECT_TIMEOUT'].includes(code) || /other side closed|fetch failed|socket hang up/i.test(err.message);
}

/** Send once more, after a short pause, when the first attempt was lost on the network. */
export async function onceMore(send: () => Promise<unknown>): Promise<void> {
  try {
    await send();
  } catch (err) {
    if (!isNetworkError(err)) throw err;
    await new Promise((r) => setTimeout(r, 250));
    await send(); // if the first one did arrive, Discord refuses this one (already acknowledged): logged upstream
  }
}

/** Send a rendered reply however far the interaction got (fresh, deferred, already replied). */
async function deliver(interaction: RepliableInteraction, payload: DiscordPayload): Promise<void> {
  await onceMore(() => deliverOnce(interaction, payload));
}

async function deliverOnce(interaction: RepliableInteraction, payload: DiscordPayload): Promise<void> {
  const wantsEphemeral = payload.flags === MessageFlags.Ephemeral;
  if (interaction.deferred && !interaction.replied) {
    if (wantsEphemeral && !interaction.ephemeral) {
      // Deferred in public but the reply must be private (an error): drop the placeholder, follow up privately.
      await interaction.deleteReply().catch(() => undefined);
      await interaction.followUp(payload);
    } else {
      await interaction.editReply(withoutFlags(payload));
    }
  } else if (interaction.replied) {
    await interaction.followUp(payload);
  } else {
    await interaction.reply(payload);
  }
}

export function incidentId(): string {
  return randomBytes(4).toString('hex');
}

export function incidentReply(id: string): Reply {
  return {
    title: 'Something went wrong',
    intro: `That failed on my side (incident ${id}). It has been logged; please try again, or tell a moderator the incident id.`,
    items: [],
    tone: 'error',
    ephemeral: true,
  };
}

/** Reply for an error: UserError -> its own message; anything else -> incident id, logged. */
export function errorReply(err: unknown, bot: BotContext, where: string): Reply {
  if (err instanceof UserError) return userErrorReply(err);
  const id = incidentId();
  bot.log.error(`[incident ${id}] ${where}:`, err);
  return incidentReply(id);
}

async function withDeferral<T>(
  interaction: RepliableInteraction,
  work: Promise<T>,
  opts: { now: boolean; ephemeral: boolean; update?: boolean; afterMs: number },
): Promise<T> {
  const defer = async (): Promise<void> => {
    if (interaction.deferred || interaction.replied) return;
    if (opts.update && (interaction.isButton() || interaction.isStringSelectMenu())) await interaction.deferUpdate();
    else await interaction.deferReply(opts.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  };
  work.catch(() => undefined); // handled by the caller's await; avoids an unhandled rejection while we defer
  if (opts.now) {
    await defer();
    return work;
  }
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), opts.afterMs);
  });
  try {
    const first = await Promise.race([work, late]);
    if (first !== 'late') return first;
  } finally {
    clearTimeout(timer);
  }
  await defer();
  return work;
}

// ------------------------------------------------------------------ the handler

export async function handleInteraction(interaction: Interaction, bot: BotContext): Promise<void> {
  try {
    if (interaction.isAutocomplete()) return await handleAutocomplete(interaction, bot);
    if (interaction.isChatInputCommand()) return await handleCommand(interaction, bot);
    if (interaction.isButton()) return await handleButton(interaction, bot);
    if (interaction.isStringSelectMenu()) return await handleSelect(interaction, bot);
  } catch (err) {
    if (!interaction.isRepliable()) {
      bot.log.error(`[incident ${incidentId()}] interaction ${interaction.id}:`, err);
      return;
    }
    const reply = errorReply(err, bot, `interaction ${interaction.isChatInputCommand() ? `/${interaction.commandName}` : interaction.id}`);
    try {
      await deliver(interaction, renderReply(reply).payload);
    } catch (sendErr) {
      bot.log.error(`[incident] could not send the error reply for interaction ${interaction.id}:`, sendErr);
    }
  }
}

async function handleAutocomplete(interaction: AutocompleteInteraction, bot: BotContext): Promise<void> {
  const command = bot.commands.get(interaction.commandName);
  const focused = interaction.options.getFocused(true);
  let choices: Array<{ name: string; value: string }> = [];
  const admission = bot.cooldown?.autocomplete.admit(interaction.user.id, 'autocomplete') ?? { allowed: true };
  if (!admission.allowed) {
    // Told once, then no answer at all until allowed again (src/discord/cooldown.ts): a flood costs no REST call.
    if (!admission.notify) return;
    // Autocomplete cannot show a message: one choice says why, and picking it keeps what the user typed.
    const typed = String(focused.value).trim();
    await interaction.respond(typed ? fitChoices([{ name: `Suggestions paused: typing fast. Back in ${waitText(admission.waitMs)}.`, value: typed }]) : []);
    return;
  }
  try {
    if (command?.autocomplete) choices = command.autocomplete({ name: focused.name, value: String(focused.value) }, { dataset: bot.dataset }, interaction);
  } catch (err) {
    bot.log.error(`[incident ${incidentId()}] autocomplete /${interaction.commandName}:`, err);
  }
  await interaction.respond(fitChoices(choices));
}

async function handleCommand(interaction: ChatInputCommandInteraction, bot: BotContext): Promise<void> {
  const command = bot.commands.get(interaction.commandName);
  if (!command) throw new UserError(`I don't have a /${interaction.commandName} command (any more). Try /help.`);
  const invoker = invokerOf(interaction, bot.config);
  if (command.moderatorOnly && !invoker.isModerator) throw refusal(invoker);
  if (!command.moderatorOnly) {
    const admission = bot.cooldown?.questions.admit(invoker.id, 'command') ?? { allowed: true };
    if (!admission.allowed) {
      // Told once ("slow down", ephemeral), then no reply at all until allowed again: each further refused
      // command costs no REST call. The user alone sees "The application did not respond" for those.
      if (!admission.notify) return;
      throw slowDown(admission.waitMs);
    }
  }
  const args = command.execute(interaction);
  const ephemeral = command.ephemeral?.(args) ?? false;
  const work = command.run(args, commandContext(bot, invoker));
  const reply = await withDeferral(interaction, work, { now: command.slow ?? false, ephemeral, afterMs: bot.deferAfterMs ?? 2000 });
  if (ephemeral) reply.ephemeral = true;
  await deliver(interaction, renderReply(reply, renderOptions(bot, command, args)).payload);
}

async function handleButton(interaction: ButtonInteraction, bot: BotContext): Promise<void> {
  const parsed = parsePageCustomId(interaction.customId);
  if (!parsed) throw new UserError('This button has expired. Run the command again.');
  const command = bot.commands.get(parsed.command);
  if (!command) throw new UserError('This button belongs to a command that no longer exists. Try /help.');
  // Moderator commands never get page buttons (a click would run them again): a crafted id is refused too.
  if (command.moderatorOnly) throw new UserError('This button has expired. Run the command again.');
  const invoker = invokerOf(interaction, bot.config);
  if (command.moderatorOnly && !invoker.isModerator) throw refusal(invoker);
  const args: Args = { ...parsed.args };
  const work = command.run(args, commandContext(bot, invoker));
  const reply = await withDeferral(interaction, work, { now: false, ephemeral: false, update: true, afterMs: bot.deferAfterMs ?? 2000 });
  const payload = withoutFlags(renderReply(reply, renderOptions(bot, command, args, parsed.page)).payload);
  if (interaction.deferred) await interaction.editReply(payload);
  else await interaction.update(payload);
}

async function handleSelect(interaction: StringSelectMenuInteraction, bot: BotContext): Promise<void> {
  if (interaction.customId !== 'ev') throw new UserError('This menu has expired. Run the command again.');
  const value = interaction.values[0];
  if (!value) throw new UserError('Pick a source to read its paragraph.');
  const reply = evidenceReply(bot.dataset.index, value);
  await interaction.reply(renderReply(reply, renderOptions(bot, null, {})).payload);
}
