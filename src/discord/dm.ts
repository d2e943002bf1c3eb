// Direct messages: any DM to the bot is a question, answered in the DM exactly as /ask answers it.
import type { Message } from 'discord.js';
import type { Command } from './command.ts';
import { commandContext, errorReply, onceMore, renderOptions, slowDown, type BotContext } from './handler.ts';
import { renderReply } from './render.ts';
import type { Reply } from './reply.ts';

export async function handleDirectMessage(message: Message, bot: BotContext): Promise<void> {
  if (message.author.bot || message.inGuild()) return;
  const question = message.content.trim();
  if (question === '') return;
  const ask: Command | undefined = bot.commands.get('ask');
  const args = { question };
  let reply: Reply;
  try {
    const admission = bot.cooldown?.questions.admit(message.author.id, 'dm') ?? { allowed: true };
    if (!admission.allowed) {
      // Over the limit: say so once, then stay quiet until allowed again (answering a flood would be a flood).
      if (!admission.notify) return;
      throw slowDown(admission.waitMs);
    }
    if (!ask) throw new Error('the ask command is not registered');
    const invoker = { id: message.author.id, name: message.author.username, where: 'dm' as const, isModerator: bot.config.moderatorUserIds.includes(message.author.id) };
    reply = await ask.run(args, commandContext(bot, invoker));
  } catch (err) {
    reply = errorReply(err, bot, `DM from ${message.author.id}`);
  }
  const { payload } = renderReply(reply, { ...renderOptions(bot, ask ?? null, args), forMessage: true });
  try {
    const { flags: _ephemeralOnlyForInteractions, ...rest } = payload;
    await onceMore(() => message.reply({ ...rest, allowedMentions: { parse: [], repliedUser: false } }));
  } catch (err) {
    bot.log.error(`[incident] could not answer the DM ${message.id}:`, err);
  }
}
