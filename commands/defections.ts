// /defections [from] [to]: the timeline of who defected when, in what role, where to, each line with its source.
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { defectionTimeline } from '../src/answer/index.ts';
import { argsFrom, str, type Command } from '../src/discord/command.ts';
import { dateArg, withDateRange } from '../src/discord/dateOptions.ts';
import { UserError } from '../src/discord/reply.ts';

const data = withDateRange(new SlashCommandBuilder()
  .setName('defections')
  .setDescription('Timeline of defections, each with its source')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM))
  .toJSON();

export default {
  data,
  pageArgs: ['from', 'to'],
  async run(args, ctx) {
    const fromText = str(args, 'from');
    const toText = str(args, 'to');
    const from = dateArg(fromText, 'from');
    const to = dateArg(toText, 'to');
    if (from && to && from > to) throw new UserError(`"${fromText}" is after "${toText}": swap them?`);
    const range = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
    const entries = defectionTimeline(ctx.dataset.index, range);
    const span = from || to ? ` (${from ?? 'start'} to ${to ?? 'now'})` : '';
    if (entries.length === 0)
      return { title: `Defections${span}`, intro: 'The articles report no defection in that period.', items: [], tone: 'info' };
    return {
      title: `Defections${span}`,
      intro: `${entries.length} defection${entries.length === 1 ? '' : 's'} in the articles.`,
      items: entries.map((e) => ({ text: e.line, sources: e.sources })),
      tone: 'answer',
      numbered: true,
    };
  },
  execute: argsFrom,
} satisfies Command;
