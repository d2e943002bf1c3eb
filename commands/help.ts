// /help: what the bot knows (counts from the served table) and how to ask.
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { argsFrom, type Command } from '../src/discord/command.ts';

const data = new SlashCommandBuilder()
  .setName('help')
  .setDescription('What this bot knows and how to ask')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .toJSON();

export default {
  data,
  async run(_args, ctx) {
    const t = ctx.dataset.table;
    const defector = t.events.find((e) => e.kind === 'defection' && e.person !== null);
    const name = defector ? (t.people.find((p) => p.id === defector.person)?.name ?? null) : (t.people[0]?.name ?? null);
    const example = name ?? 'someone';
    const dated = t.articles.map((a) => a.published).filter((d): d is string => d !== null).sort();
    const span = dated.length > 0 ? ` published ${dated[0]} to ${dated[dated.length - 1]}` : '';
    return {
      title: 'Dossier: answers from the news articles, with sources',
      intro:
        `I know ${t.articles.length} article${t.articles.length === 1 ? '' : 's'}${span}: ` +
        `${t.people.length} people, ${t.events.length} events and ${t.quotes.length} quotes. ` +
        'Every answer cites the article, outlet, date and sentence it comes from; when the articles do not say, I say so. ' +
        'You can also send me a direct message with any question.',
      items: [
        { label: '/ask question', text: `Any question in words: "when did ${example} defect?", "who defected in July?", "what did ${example} say?", "how old is ${example}?"`, sources: [] },
        { label: '/defections [from] [to]', text: 'The list of defections, who, when, in what role, e.g. from:2012-07 to:2012-08.', sources: [] },
        { label: '/timeline [from] [to] [person]', text: 'The defections drawn as a picture: a mark per defection on a time axis, coloured by kind of post.', sources: [] },
        { label: '/person name', text: 'A profile: roles, defection, origin, age, other spellings (start typing for suggestions).', sources: [] },
        { label: '/said person [about]', text: 'Their quotes, verbatim, each with its source.', sources: [] },
        { label: '/sources [article]', text: 'The articles, or the facts read from one; the menu under an answer shows the paragraph behind a source.', sources: [] },
        { label: '/refresh, /article add, /article remove', text: 'Moderators only: rebuild the table, add or remove an article.', sources: [] },
      ],
      tone: 'info',
    };
  },
  execute: argsFrom,
} satisfies Command;
