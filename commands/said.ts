// /said person [about]: a speaker's quotes, verbatim, each with its source; paginated.
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { completeNames, quotesBy } from '../src/answer/index.ts';
import { argsFrom, str, type Command } from '../src/discord/command.ts';
import { findPerson } from '../src/discord/people.ts';
import { UserError } from '../src/discord/reply.ts';

const data = new SlashCommandBuilder()
  .setName('said')
  .setDescription("A person's quotes, verbatim, with sources")
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((o) => o.setName('person').setDescription('Who said it').setRequired(true).setAutocomplete(true).setMaxLength(100))
  .addStringOption((o) => o.setName('about').setDescription('Only quotes about this (a word or two)').setMaxLength(40))
  .toJSON();

export default {
  data,
  pageArgs: ['person', 'about'],
  async run(args, ctx) {
    const name = str(args, 'person');
    if (!name) throw new UserError('Whose quotes? Give a name.');
    const about = str(args, 'about');
    const person = findPerson(ctx.dataset.index, name);
    const quotes = quotesBy(ctx.dataset.index, person.id, about);
    const title = `${person.name}${about ? ` on "${about}"` : ''}`;
    if (quotes.length === 0)
      return {
        title,
        intro: about ? `The articles quote no words of ${person.name} about "${about}".` : `The articles quote no words of ${person.name}.`,
        items: [],
        tone: 'info',
      };
    return {
      title,
      intro: `${quotes.length} quote${quotes.length === 1 ? '' : 's'}:`,
      items: quotes.map(({ quote, source }) => ({
        text: `"${quote.text}"${quote.addressee ? ` (to ${quote.addressee})` : ''}${quote.via ? ` (via ${quote.via})` : ''}`,
        sources: [source],
      })),
      tone: 'answer',
      numbered: true,
    };
  },
  execute: argsFrom,
  autocomplete(focused, ctx) {
    return completeNames(ctx.dataset.index, focused.value, { speakersOnly: true, limit: 25 });
  },
} satisfies Command;
