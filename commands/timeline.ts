// /timeline [from] [to] [person]: the defections drawn as a PNG (src/timeline), attached to an embed that shows
// it (attachment://timeline.png) and lists every mark with its sources. Rasterising runs off the event loop,
// so the central handler can still defer if it ever takes more than a couple of seconds.
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { completeNames } from '../src/answer/index.ts';
import { argsFrom, str, type Command } from '../src/discord/command.ts';
import { findPerson } from '../src/discord/people.ts';
import { dateArg, withDateRange } from '../src/discord/dateOptions.ts';
import { UserError, type Reply } from '../src/discord/reply.ts';
import type { MarkInput } from '../src/timeline/data.ts';
import { shortDate } from '../src/timeline/layout.ts';
import { timelinePngAsync } from '../src/timeline/render.ts';

export const TIMELINE_FILE = 'timeline.png';

const data = withDateRange(new SlashCommandBuilder()
  .setName('timeline')
  .setDescription('Picture of who defected when, coloured by kind of post, with the sources')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM))
  .addStringOption((o) => o.setName('person').setDescription('Only this person (any spelling)').setAutocomplete(true).setMaxLength(100))
  .toJSON();


/** One line per mark: who, role, and every date with the articles giving it when they disagree. */
export function markLine(m: MarkInput): string {
  const who = m.role ? `${m.name}, ${m.role}` : m.name;
  const only = m.dates.length === 1 ? m.dates[0] : undefined;
  if (only) return `${who}: ${shortDate(only.date)}`;
  if (m.dates.length === 0) return `${who}: date not given`;
  return `${who}: sources differ, ${m.dates.map((d) => `${shortDate(d.date)} (${d.cites.join(', ')})`).join(' or ')}`;
}

export default {
  data,
  pageArgs: ['from', 'to', 'person'],
  async run(args, ctx): Promise<Reply> {
    const fromText = str(args, 'from');
    const toText = str(args, 'to');
    const from = dateArg(fromText, 'from');
    const to = dateArg(toText, 'to');
    if (from && to && from > to) throw new UserError(`"${fromText}" is after "${toText}": swap them?`);
    const personArg = str(args, 'person');
    const person = personArg ? findPerson(ctx.dataset.index, personArg) : null;
    const query = { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(person ? { person: person.id, personName: person.name } : {}) };
    const image = await timelinePngAsync(ctx.dataset.index, query);
    const span = from || to ? ` (${from ?? 'start'} to ${to ?? 'now'})` : '';
    if (image.marks.length === 0) {
      const intro = person
        ? `The articles report no defection by ${person.name}${span ? ` in that period` : ''}.`
        : 'The articles report no defection in that period.';
      return { title: person ? `Timeline: ${person.name}` : `Timeline${span}`, intro, items: [], tone: 'info' };
    }
    const n = image.marks.length;
    return {
      title: image.layout.title.text,
      intro: `${image.layout.subtitle?.text ?? `${n} defections`}. Each mark and its sources:`,
      items: image.marks.map((m) => ({ text: markLine(m), sources: m.sources })),
      tone: 'answer',
      numbered: true,
      files: [{ name: TIMELINE_FILE, data: image.png, description: `Timeline of ${n} defection${n === 1 ? '' : 's'}` }],
      image: TIMELINE_FILE,
    };
  },
  execute: argsFrom,
  autocomplete(focused, ctx) {
    return focused.name === 'person' ? completeNames(ctx.dataset.index, focused.value, { limit: 25 }) : [];
  },
} satisfies Command;
