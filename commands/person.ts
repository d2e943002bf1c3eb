// /person name: a profile (roles, defection, origin, age with every value when sources disagree, other
// spellings, sources). Autocomplete on every known name and spelling.
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { completeNames, profile } from '../src/answer/index.ts';
import { argsFrom, str, type Command } from '../src/discord/command.ts';
import { findPerson } from '../src/discord/people.ts';
import { UserError } from '../src/discord/reply.ts';

const data = new SlashCommandBuilder()
  .setName('person')
  .setDescription('Profile of a person in the articles')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((o) => o.setName('name').setDescription('Any spelling of the name').setRequired(true).setAutocomplete(true).setMaxLength(100))
  .toJSON();

export default {
  data,
  async run(args, ctx) {
    const name = str(args, 'name');
    if (!name) throw new UserError('Whose profile? Give a name, e.g. /person name:<a name from the articles>.');
    const person = findPerson(ctx.dataset.index, name);
    const a = profile(ctx.dataset.index, person.id);
    // The profile text opens with the name, which is already the title.
    const body = a.text.startsWith(`${person.name}\n`) ? a.text.slice(person.name.length + 1) : a.text;
    return { title: person.name, items: [{ text: body, sources: a.sources }], tone: a.sources.length > 0 ? 'answer' : 'info' };
  },
  execute: argsFrom,
  autocomplete(focused, ctx) {
    return completeNames(ctx.dataset.index, focused.value, { limit: 25 });
  },
} satisfies Command;
