// /article add file [published] [outlet] and /article remove id (moderators): change the seeds folder, then
// refresh as /refresh does. The file is checked here (safe .txt name, size, UTF-8 text) and again by the store.
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { argsFrom, str, type Command, type FileArg } from '../src/discord/command.ts';
import { requireModerator } from '../src/discord/moderators.ts';
import { articleChoices, findArticle } from '../src/discord/people.ts';
import { reportReply } from '../src/discord/report.ts';
import { UserError, shorten } from '../src/discord/reply.ts';

const data = new SlashCommandBuilder()
  .setName('article')
  .setDescription('Moderators: add or remove an article')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .addSubcommand((s) =>
    s
      .setName('add')
      .setDescription('Add a .txt article (UTF-8 text) and refresh the table')
      .addAttachmentOption((o) => o.setName('file').setDescription('The article as a .txt file').setRequired(true))
      .addStringOption((o) => o.setName('published').setDescription('Publication date, YYYY-MM-DD').setMinLength(10).setMaxLength(10))
      .addStringOption((o) => o.setName('outlet').setDescription('Who published it, e.g. Reuters').setMaxLength(80)),
  )
  .addSubcommand((s) =>
    s
      .setName('remove')
      .setDescription('Remove an article and refresh the table')
      .addStringOption((o) => o.setName('id').setDescription('Article id').setRequired(true).setAutocomplete(true).setMaxLength(100)),
  )
  .toJSON();

/** Safe article file names: one path segment of letters, digits, dots, dashes, underscores, ending .txt. */
export const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}\.txt$/;

export function checkFileName(name: string): void {
  if (!SAFE_NAME.test(name) || name.includes('..'))
    throw new UserError(
      `"${shorten(name, 80)}" is not an acceptable file name: use one plain name of letters, digits, dots, dashes or underscores ending in .txt (no folders).`,
      [],
      'File refused',
    );
}

export function checkText(bytes: Uint8Array, name: string): void {
  if (bytes.includes(0)) throw new UserError(`"${shorten(name, 80)}" looks like a binary file, not text.`, [], 'File refused');
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UserError(`"${shorten(name, 80)}" is not UTF-8 text. Save it as UTF-8 and try again.`, [], 'File refused');
  }
  if (bytes.length === 0 || new TextDecoder().decode(bytes).trim() === '')
    throw new UserError(`"${shorten(name, 80)}" is empty.`, [], 'File refused');
}

function checkDate(published: string | undefined): void {
  if (published === undefined) return;
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(published) && !Number.isNaN(Date.parse(`${published}T00:00:00Z`)) &&
    new Date(`${published}T00:00:00Z`).toISOString().startsWith(published);
  if (!ok) throw new UserError(`"${shorten(published, 20)}" is not a date: write it as YYYY-MM-DD.`, [], 'Bad date');
}

export default {
  data,
  moderatorOnly: true,
  slow: true,
  ephemeral: () => true,
  async run(args, ctx) {
    requireModerator(ctx.invoker);
    if (args.subcommand === 'remove') {
      const id = str(args, 'id');
      if (!id) throw new UserError('Which article? Give its id (see /sources).');
      const article = findArticle(ctx.dataset.table, id);
      const report = await ctx.dataset.removeArticle(article.id);
      const note = report.ok && ctx.afterChange ? await ctx.afterChange() : null;
      return reportReply(report, `Article removed: ${article.id}`, note);
    }
    const file = args.file;
    if (typeof file !== 'object') throw new UserError('Attach the article as a .txt file.');
    const f: FileArg = file;
    checkFileName(f.name);
    const kb = (n: number): string => `${Math.ceil(n / 1024)} KB`;
    if (f.size > ctx.maxArticleBytes)
      throw new UserError(`"${shorten(f.name, 80)}" is too large (${kb(f.size)}); the limit is ${kb(ctx.maxArticleBytes)}.`, [], 'File refused');
    const published = str(args, 'published');
    checkDate(published);
    const outlet = str(args, 'outlet');
    const bytes = await ctx.fetchFile(f, ctx.maxArticleBytes);
    if (bytes.length > ctx.maxArticleBytes)
      throw new UserError(`"${shorten(f.name, 80)}" is too large (${kb(bytes.length)}); the limit is ${kb(ctx.maxArticleBytes)}.`, [], 'File refused');
    checkText(bytes, f.name);
    const report = await ctx.dataset.addArticle({
      fileName: f.name,
      bytes,
      ...(published ? { published } : {}),
      ...(outlet ? { outlet } : {}),
    });
    const note = report.ok && ctx.afterChange ? await ctx.afterChange() : null;
    return reportReply(report, 'Article added', note);
  },
  execute: argsFrom,
  autocomplete(focused, ctx) {
    return articleChoices(ctx.dataset.table, focused.value);
  },
} satisfies Command;
