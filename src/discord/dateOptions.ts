// The from/to date options shared by /defections and /timeline: one description, one parser, one error.
import type { SlashCommandBuilder } from 'discord.js';
import { parseDateRange } from '../answer/index.ts';
import { UserError } from './reply.ts';

/** Adds the optional `from` and `to` options (a day, month or year). */
export function withDateRange<B extends Pick<SlashCommandBuilder, 'addStringOption'>>(builder: B): B {
  builder
    .addStringOption((o) => o.setName('from').setDescription('Start: a day, month or year, e.g. 2012-07 or "July 2012"').setMaxLength(30))
    .addStringOption((o) => o.setName('to').setDescription('End: a day, month or year, e.g. 2012-08-31').setMaxLength(30));
  return builder;
}

/** The first (for `from`) or last (for `to`) day a typed date can mean; a helpful error when it is not a date. */
export function dateArg(text: string | undefined, which: 'from' | 'to'): string | undefined {
  if (text === undefined) return undefined;
  const range = parseDateRange(text);
  if (!range) throw new UserError(`I could not read "${text}" as a date. Try a day (2012-07-11), a month (2012-07, July 2012) or a year (2012).`);
  return which === 'from' ? range.from : range.to;
}
