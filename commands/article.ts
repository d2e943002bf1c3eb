// /article add file [published] [outlet] and /article remove id (moderators): change the seeds folder, then
// refresh as /refresh does. The file is checked by the store's rules (validateNewArticle), before queueing.
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { argsFrom, str, type Command, type FileArg } from '../src/discord/command.ts';
import { requireModerator } from '../src/discord/moderators.ts';
import { articleChoices, findArticle } from '../src/discord/people.ts';
import { reportReply } from '../src/discord/report.ts';
import { DatasetError, validateNewArticle } from '../src/store/dataset.ts';
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

/**
 * The checks on the uploaded file itself (safe name, size, UTF-8 text, readable, date, outlet) are the store's
 * (validateNewArticle in src/store/dataset.ts): one set of rules, run here before the refresh queue so a bad file
 * is refused at once, and again by Dataset.addArticle. Only the download limit is checked here.
 */
export function checkArticle(input: { fileName: string; bytes: Uint8Array; published?: string; outlet?: string }, maxBytes: number): void {
  try {
    validateNewArticle(input, maxBytes);
  } catch (error) {
    if (error instanceof DatasetError) throw new UserError(`"${shorten(input.fileName, 80)}" was not added: ${error.message}`, [], 'File refused');
    throw error;
  }
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
    const kb = (n: number): string => `${Math.ceil(n / 1024)} KB`;
    if (f.size > ctx.maxArticleBytes)
      throw new UserError(`"${shorten(f.name, 80)}" is too large (${kb(f.size)}); the limit is ${kb(ctx.maxArticleBytes)}.`, [], 'File refused');
    const published = str(args, 'published');
    const outlet = str(args, 'outlet');
    const bytes = await ctx.fetchFile(f, ctx.maxArticleBytes);
    if (bytes.length > ctx.maxArticleBytes)
      throw new UserError(`"${shorten(f.name, 80)}" is too large (${kb(bytes.length)}); the limit is ${kb(ctx.maxArticleBytes)}.`, [], 'File refused');
    const input = { fileName: f.name, bytes, ...(published ? { published } : {}), ...(outlet ? { outlet } : {}) };
    checkArticle(input, ctx.maxArticleBytes);
    const queued = ctx.dataset.busy;
    const report = await ctx.dataset.addArticle(input);
    const note = report.ok && ctx.afterChange ? await ctx.afterChange() : null;
    const reply = reportReply(report, 'Article added', note);
    if (queued && reply.intro) reply.intro = `A refresh was running; this ran after it. ${reply.intro}`;
    return reply;
  },
  execute: argsFrom,
  autocomplete(focused, ctx) {
    return articleChoices(ctx.dataset.table, focused.value);
  },
} satisfies Command;
