// Who may run /refresh and /article: in a guild, members with Manage Server (Administrator implies it) or a
// role listed in MODERATOR_ROLE_IDS; anywhere, users listed in MODERATOR_USER_IDS (the only way in DMs).
// Commands also carry default_member_permissions, but a server can override that, so this runs every time.
import { PermissionFlagsBits, type Interaction } from 'discord.js';
import type { Config } from '../config.ts';
import type { Invoker } from './command.ts';
import { UserError } from './reply.ts';

export type ModeratorConfig = Pick<Config, 'moderatorRoleIds' | 'moderatorUserIds'>;

export function isModerator(interaction: Interaction, config: ModeratorConfig): boolean {
  if (config.moderatorUserIds.includes(interaction.user.id)) return true;
  if (!interaction.inGuild()) return false;
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  const roles = interaction.member.roles;
  const ids = Array.isArray(roles) ? roles : [...roles.cache.keys()];
  return ids.some((r) => config.moderatorRoleIds.includes(r));
}

export function invokerOf(interaction: Interaction, config: ModeratorConfig): Invoker {
  return {
    id: interaction.user.id,
    name: interaction.user.username,
    where: interaction.inGuild() ? 'guild' : 'dm',
    isModerator: isModerator(interaction, config),
  };
}

export function refusal(invoker: Invoker): UserError {
  return new UserError(
    invoker.where === 'dm'
      ? 'Only moderators can do this. In direct messages that means users listed in MODERATOR_USER_IDS; ask the bot owner.'
      : 'Only moderators can do this: members with the Manage Server permission or a moderator role. Ask a moderator to run it.',
    [],
    'Not allowed',
  );
}

export function requireModerator(invoker: Invoker): void {
  if (!invoker.isModerator) throw refusal(invoker);
}
