// The static command registry, imported by the bot (src/discord/bot.ts), the deploy script and the console.
import type { Command } from '../src/discord/command.ts';
import article from './article.ts';
import ask from './ask.ts';
import defections from './defections.ts';
import help from './help.ts';
import person from './person.ts';
import refresh from './refresh.ts';
import said from './said.ts';
import sources from './sources.ts';
import timeline from './timeline.ts';

export const commands: readonly Command[] = [ask, defections, timeline, person, said, sources, refresh, article, help];

export const commandMap: ReadonlyMap<string, Command> = new Map(commands.map((c) => [c.data.name, c]));
