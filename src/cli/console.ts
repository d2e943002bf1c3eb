// The console (npm start without DISCORD_TOKEN): type a question, or a slash command as text
// (`/person name:Karimi`, `/defections from:2012-07`, `/article add file:path/to/new.txt`), and read the same
// answers the bot gives. With piped stdin it answers each line and exits at the end of input.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import type { APIApplicationCommandOption } from 'discord.js';
import { commandMap } from '../../commands/index.ts';
import type { Args, Command, CommandContext, DatasetLike } from '../discord/command.ts';
import { fetchFile } from '../discord/handler.ts';
import { renderText, UserError, userErrorReply, type Reply } from '../discord/reply.ts';

const SUBCOMMAND = 1;
const ATTACHMENT = 11;
const BOOLEAN = 5;
const INTEGER = 4;
const NUMBER = 10;

export type Parsed =
  | { kind: 'question'; question: string }
  | { kind: 'command'; command: Command; args: Args }
  | { kind: 'error'; message: string };

function optionsOf(command: Command, sub: string | undefined): APIApplicationCommandOption[] {
  const top = command.data.options ?? [];
  if (sub === undefined) return top;
  const s = top.find((o) => o.type === SUBCOMMAND && o.name === sub);
  return s && 'options' in s ? (s.options ?? []) : [];
}

/** Parse one console line: a question, or `/name [sub] key:value key:value` (values may contain spaces). */
export function parseLine(line: string, commands: ReadonlyMap<string, Command> = commandMap): Parsed {
  const text = line.trim();
  if (!text.startsWith('/')) return { kind: 'question', question: text };
  const m = /^\/(\S+)\s*(.*)$/s.exec(text);
  const name = (m?.[1] ?? '').toLowerCase();
  let rest = m?.[2] ?? '';
  const command = commands.get(name);
  if (!command) return { kind: 'error', message: `Unknown command /${name}. Commands: ${[...commands.keys()].map((c) => `/${c}`).join(', ')}` };
  const args: Args = {};
  const subs = (command.data.options ?? []).filter((o) => o.type === SUBCOMMAND).map((o) => o.name);
  if (subs.length > 0) {
    const sm = /^(\S+)\s*(.*)$/s.exec(rest);
    const sub = sm?.[1];
    if (!sub || !subs.includes(sub)) return { kind: 'error', message: `/${name} needs one of: ${subs.join(', ')}` };
    args.subcommand = sub;
    rest = sm?.[2] ?? '';
  }
  const options = optionsOf(command, typeof args.subcommand === 'string' ? args.subcommand : undefined);
  const names = options.map((o) => o.name);
  const keyRe = new RegExp(`(?:^|\\s)(${names.map((n) => n.replace(/[^\w-]/g, '')).join('|')}):`, 'g');
  const hits = names.length > 0 ? [...rest.matchAll(keyRe)] : [];
  if (hits.length === 0 && rest.trim() !== '') {
    const required = options.filter((o) => 'required' in o && o.required);
    const target = required.length === 1 ? required[0] : options.length === 1 ? options[0] : undefined;
    if (!target) return { kind: 'error', message: `Write the options as name:value (${names.join(', ')})` };
    args[target.name] = rest.trim();
  }
  hits.forEach((hit, i) => {
    const key = hit[1] ?? '';
    const start = (hit.index ?? 0) + hit[0].length;
    const end = hits[i + 1]?.index ?? rest.length;
    const raw = rest.slice(start, end).trim();
    const opt = options.find((o) => o.name === key);
    if (opt?.type === BOOLEAN) args[key] = ['true', 'yes', '1', 'on'].includes(raw.toLowerCase());
    else if (opt?.type === INTEGER || opt?.type === NUMBER) args[key] = Number(raw);
    else if (opt?.type === ATTACHMENT) args[key] = { kind: 'file', name: basename(raw), url: pathToFileURL(resolve(raw)).href, size: -1, contentType: null };
    else args[key] = raw;
  });
  for (const o of options)
    if ('required' in o && o.required && args[o.name] === undefined) return { kind: 'error', message: `/${name} needs ${o.name}:<${o.description}>` };
  return { kind: 'command', command, args };
}

/** Where the console writes files a reply attaches (the /timeline PNG): DOSSIER_FILES_DIR, else a temp folder. */
export function consoleFilesDir(): string {
  return resolve(process.env.DOSSIER_FILES_DIR ?? join(tmpdir(), 'dossier'));
}

let fileCounter = 0;

/** Write a reply's attachments to disk (a new name each time) and return one "Wrote NAME: PATH" line per file. */
async function writeReplyFiles(reply: Reply, dir: string): Promise<string[]> {
  if (!reply.files || reply.files.length === 0) return [];
  await mkdir(dir, { recursive: true });
  const lines: string[] = [];
  for (const f of reply.files) {
    const ext = extname(f.name);
    fileCounter += 1;
    const path = join(dir, `${basename(f.name, ext)}-${process.pid}-${fileCounter}${ext}`);
    await writeFile(path, f.data);
    lines.push(`Wrote ${f.name}: ${path}`);
  }
  return lines;
}

/** Answer one console line (the same code path as the bot: command.run, then a plain-text rendering). */
export async function answerLine(
  line: string,
  dataset: DatasetLike,
  opts: { maxArticleBytes: number; commands?: ReadonlyMap<string, Command>; filesDir?: string },
): Promise<string> {
  const commands = opts.commands ?? commandMap;
  const parsed = parseLine(line, commands);
  if (parsed.kind === 'error') return parsed.message;
  const ctx: CommandContext = {
    dataset,
    invoker: { id: 'console', name: 'console', where: 'console', isModerator: true },
    maxArticleBytes: opts.maxArticleBytes,
    fetchFile,
  };
  let reply: Reply;
  try {
    if (parsed.kind === 'question') {
      const ask = commands.get('ask');
      if (!ask) return 'The ask command is missing.';
      reply = await ask.run({ question: parsed.question }, ctx);
    } else {
      for (const [k, v] of Object.entries(parsed.args)) {
        if (typeof v === 'object' && v.size < 0) {
          const st = await stat(new URL(v.url)).catch(() => null);
          if (!st) return `No such file: ${v.name}`;
          parsed.args[k] = { ...v, size: st.size };
        }
      }
      reply = await parsed.command.run(parsed.args, ctx);
    }
  } catch (err) {
    if (err instanceof UserError) reply = userErrorReply(err);
    else return `Error: ${err instanceof Error ? err.message : String(err)}`;
  }
  const written = await writeReplyFiles(reply, opts.filesDir ?? consoleFilesDir());
  return [renderText(reply), ...written].join('\n');
}

export async function runConsole(dataset: DatasetLike, opts: { maxArticleBytes: number; input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream }): Promise<void> {
  const input = opts.input ?? process.stdin;
  const output = opts.output ?? process.stdout;
  const interactive = input === process.stdin && process.stdin.isTTY === true;
  const rl = createInterface({ input, ...(interactive ? { output, prompt: 'dossier> ' } : {}), terminal: interactive });
  if (interactive) {
    output.write('Dossier console. Ask a question, or type a command: /help, /person name:..., /defections from:2012-07. Ctrl-D to quit.\n');
    rl.prompt();
  }
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '') {
      if (interactive) rl.prompt();
      continue;
    }
    if (interactive && (line === 'exit' || line === 'quit')) break;
    output.write(`${await answerLine(line, dataset, opts)}\n\n`);
    if (interactive) rl.prompt();
  }
  rl.close();
}
