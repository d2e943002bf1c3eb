// /refresh (moderators): re-extract from the seeds folder, validate, swap the table in atomically, report changes.
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { argsFrom, type Command } from '../src/discord/command.ts';
import { requireModerator } from '../src/discord/moderators.ts';
import { reportReply } from '../src/discord/report.ts';

const data = new SlashCommandBuilder()
  .setName('refresh')
  .setDescription('Moderators: re-read the articles folder and rebuild the fact table')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .toJSON();

export default {
  data,
  moderatorOnly: true,
  slow: true,
  ephemeral: () => true,
  async run(_args, ctx) {
    requireModerator(ctx.invoker);
    const queued = ctx.dataset.busy;
    const report = await ctx.dataset.refresh();
    const note = report.ok && ctx.afterChange ? await ctx.afterChange() : null;
    const reply = reportReply(report, 'Refresh', note);
    if (queued && reply.intro) reply.intro = `Another refresh was running; yours ran after it. ${reply.intro}`;
    return reply;
  },
  execute: argsFrom,
} satisfies Command;
