// /defections [from] [to]: the timeline of who defected when, in what role, where to, each line with its source.
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { defectionTimeline, parseDateRange } from '../src/answer/index.ts';
import { argsFrom, str, type Command } from '../src/discord/command.ts';
import { UserError } from '../src/discord/reply.ts';

const data = new SlashCommandBuilder()
  .setName('defections')
  .setDescription('Timeline of defections, each with its source')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((o) => o.setName('from').setDescription('Start: a day, month or year, e.g. 2012-07 or "July 2012"').setMaxLength(30))
  .addStringOption((o) => o.setName('to').setDescription('End: a day, month or year, e.g. 2012-08-31').setMaxLength(30))
  .toJSON();

function dateArg(text: string | undefined, which: 'from' | 'to'): string | undefined {
  if (text === undefined) return undefined;
  const range = parseDateRange(text);
  if (!range)
    throw new UserError(`I could not read "${text}" as a date. Try a day (2012-07-11), a month (2012-07, July 2012) or a year (2012).`);
  return which === 'from' ? range.from : range.to;
}

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
