// /ask question [ephemeral]: any question in words; the same answer as the CLI, the console and DMs.
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { answer } from '../src/answer/index.ts';
import { argsFrom, bool, str, type Command } from '../src/discord/command.ts';
import { UserError } from '../src/discord/reply.ts';
import { shorten } from '../src/discord/reply.ts';

export const MAX_QUESTION = 300;

const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask a question about the news articles (answers cite their sources)')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((o) =>
    o.setName('question').setDescription('e.g. "who defected in July?" or "what did the minister say?"').setRequired(true).setMaxLength(MAX_QUESTION),
  )
  .addBooleanOption((o) => o.setName('ephemeral').setDescription('Show the answer only to you'))
  .toJSON();

export default {
  data,
  ephemeral: (args) => bool(args, 'ephemeral'),
  pageArgs: ['question'],
  async run(args, ctx) {
    const question = str(args, 'question');
    if (!question) throw new UserError('Ask me a question about the articles, for example "who defected?"');
    if (question.length > MAX_QUESTION) throw new UserError(`That question is too long: keep it under ${MAX_QUESTION} characters.`);
    const a = answer(ctx.dataset.index, question);
    return {
      title: shorten(question, 200),
      items: [{ text: a.text, sources: a.sources }],
      tone: a.sources.length > 0 ? 'answer' : 'info',
      ephemeral: bool(args, 'ephemeral'),
    };
  },
  execute: argsFrom,
} satisfies Command;
