// What a command is: Discord registration data, a pure-ish run(args, ctx) -> Reply shared by the bot and the
// console, and a thin discord.js adapter (execute/autocomplete) that only turns an interaction into args.
import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { FactTable } from '../facts/schema.ts';
import type { AnswerIndex } from '../answer/index.ts';
import type { RefreshReport } from '../store/dataset.ts';
import type { Reply } from './reply.ts';

/** An uploaded file (Discord attachment, or a local path in the console). */
export interface FileArg {
  kind: 'file';
  name: string;
  url: string;
  size: number;
  contentType: string | null;
}

export type ArgValue = string | number | boolean | FileArg;
/** Option values by name; a subcommand's name is under `subcommand`. */
export type Args = Record<string, ArgValue | undefined>;

/** The parts of the served Dataset (src/store/dataset.ts) the commands use. */
export interface DatasetLike {
  readonly seedsDir: string;
  readonly table: FactTable;
  readonly index: AnswerIndex;
  readonly busy: boolean;
  refresh(onProgress?: (done: number, total: number) => void): Promise<RefreshReport>;
  addArticle(input: { fileName: string; bytes: Uint8Array; published?: string; outlet?: string }): Promise<RefreshReport>;
  removeArticle(id: string): Promise<RefreshReport>;
  reload(): Promise<void>;
}

export interface Invoker {
  id: string;
  name: string;
  /** guild, dm, or console */
  where: 'guild' | 'dm' | 'console';
  isModerator: boolean;
}

export interface CommandContext {
  dataset: DatasetLike;
  invoker: Invoker;
  maxArticleBytes: number;
  /** Download an attachment (or read a console file), refusing anything over maxBytes. */
  fetchFile(file: FileArg, maxBytes: number): Promise<Uint8Array>;
  /** Called after the table changed here (refresh, article add/remove): reload it on the other shards. Returns a note. */
  afterChange?: () => Promise<string | null>;
}

export interface Choice {
  name: string;
  value: string;
}

export interface Command {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Refused at run time unless the invoker is a moderator (besides default_member_permissions). */
  moderatorOnly?: boolean;
  /** Work that may exceed Discord's 3-second window: defer at once. */
  slow?: boolean;
  /** Whether the reply is ephemeral before it is computed (for deferring). */
  ephemeral?: (args: Args) => boolean;
  /** Option names that page buttons must carry to re-run the command (strings only). */
  pageArgs?: string[];
  run(args: Args, ctx: CommandContext): Promise<Reply>;
  /** discord.js adapter: interaction -> args (the central handler then runs, renders and replies). */
  execute(interaction: ChatInputCommandInteraction): Args;
  autocomplete?(focused: { name: string; value: string }, ctx: { dataset: DatasetLike }, interaction?: AutocompleteInteraction): Choice[];
}

export function str(args: Args, name: string): string | undefined {
  const v = args[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object') return v.name;
  const s = String(v).trim();
  return s === '' ? undefined : s;
}

export function bool(args: Args, name: string): boolean {
  const v = args[name];
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return ['true', 'yes', '1', 'on'].includes(v.toLowerCase());
  return false;
}

/** The generic adapter: read every option of the interaction (subcommand included) into Args. */
export function argsFrom(interaction: ChatInputCommandInteraction): Args {
  const args: Args = {};
  const sub = interaction.options.getSubcommand(false);
  if (sub) args.subcommand = sub;
  const top = interaction.options.data;
  const options = sub ? (top[0]?.options ?? []) : top;
  for (const o of options) {
    if (o.attachment) {
      args[o.name] = {
        kind: 'file',
        name: o.attachment.name,
        url: o.attachment.url,
        size: o.attachment.size,
        contentType: o.attachment.contentType,
      };
    } else if (o.value !== undefined) {
      args[o.name] = o.value;
    }
  }
  return args;
}
