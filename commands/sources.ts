// /sources [article]: the articles (id, outlet, date, title, facts), or one article's facts. Every reply with
// sources carries a select menu to read the evidence paragraph (see src/discord/evidence.ts).
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { articleFacts, listArticles } from '../src/answer/index.ts';
import { argsFrom, str, type Command } from '../src/discord/command.ts';
import { articleChoices, findArticle } from '../src/discord/people.ts';
import { shorten } from '../src/discord/reply.ts';

const data = new SlashCommandBuilder()
  .setName('sources')
  .setDescription('The articles the bot knows, or the facts read from one of them')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((o) => o.setName('article').setDescription('An article id (see the list)').setAutocomplete(true).setMaxLength(100))
  .toJSON();

export default {
  data,
  pageArgs: ['article'],
  async run(args, ctx) {
    const id = str(args, 'article');
    if (id) {
      const article = findArticle(ctx.dataset.table, id);
      const facts = articleFacts(ctx.dataset.index, article.id);
      return {
        title: shorten(article.title || article.id, 200),
        intro: `${article.id} · ${article.outlet ?? 'unknown outlet'} · ${article.published ?? 'undated'}`,
        items: facts ? [{ text: facts.text, sources: facts.sources }] : [],
        tone: facts && facts.sources.length > 0 ? 'answer' : 'info',
      };
    }
    const list = listArticles(ctx.dataset.index);
    return {
      title: 'Sources',
      intro: list.length === 0 ? 'No articles are loaded.' : `${list.length} article${list.length === 1 ? '' : 's'}. Use /sources article:<id> for one article's facts.`,
      items: list.map(({ article, facts }) => ({
        label: article.id,
        text: `${article.outlet ?? 'unknown outlet'}, ${article.published ?? 'undated'}: ${shorten(article.title, 150)} (${facts} fact${facts === 1 ? '' : 's'})`,
        sources: [],
      })),
      tone: 'info',
    };
  },
  execute: argsFrom,
  autocomplete(focused, ctx) {
    return articleChoices(ctx.dataset.table, focused.value);
  },
} satisfies Command;
