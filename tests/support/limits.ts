// The one checker every Discord test uses: each recorded reply must send allowed_mentions with an empty parse
// list and stay inside every Discord message, embed, component and autocomplete limit.
import { LIMITS } from '../../src/discord/render.ts';
import type { FakeDiscord, MessagePayload, RecordedCall } from './fakeDiscord.ts';

export function payloadViolations(p: MessagePayload): string[] {
  const out: string[] = [];
  const am = p.allowed_mentions;
  if (!am || !Array.isArray(am.parse) || am.parse.length !== 0) out.push(`allowed_mentions.parse must be [] (got ${JSON.stringify(am)})`);
  if (am?.users?.length || am?.roles?.length) out.push('allowed_mentions must not list users or roles');
  if ((p.content ?? '').length > LIMITS.content) out.push(`content ${p.content?.length} > ${LIMITS.content}`);
  const embeds = p.embeds ?? [];
  if (embeds.length > LIMITS.embeds) out.push(`${embeds.length} embeds > ${LIMITS.embeds}`);
  let total = 0;
  for (const e of embeds) {
    const t = e.title ?? '';
    const d = e.description ?? '';
    const f = e.footer?.text ?? '';
    const au = e.author?.name ?? '';
    if (t.length > LIMITS.title) out.push(`title ${t.length} > ${LIMITS.title}`);
    if (d.length > LIMITS.description) out.push(`description ${d.length} > ${LIMITS.description}`);
    if (f.length > LIMITS.footer) out.push(`footer ${f.length} > ${LIMITS.footer}`);
    if (au.length > LIMITS.author) out.push(`author ${au.length} > ${LIMITS.author}`);
    const fields = e.fields ?? [];
    if (fields.length > LIMITS.fields) out.push(`${fields.length} fields > ${LIMITS.fields}`);
    total += t.length + d.length + f.length + au.length;
    for (const field of fields) {
      if (field.name.length === 0 || field.name.length > LIMITS.fieldName) out.push(`field name length ${field.name.length}`);
      if (field.value.length === 0 || field.value.length > LIMITS.fieldValue) out.push(`field value length ${field.value.length}`);
      total += field.name.length + field.value.length;
    }
  }
  if (total > LIMITS.embedTotal) out.push(`embed total ${total} > ${LIMITS.embedTotal}`);
  const rows = p.components ?? [];
  if (rows.length > LIMITS.actionRows) out.push(`${rows.length} action rows > ${LIMITS.actionRows}`);
  const ids = new Set<string>();
  for (const row of rows) {
    if (row.components.length > LIMITS.buttonsPerRow) out.push(`${row.components.length} components in a row`);
    const selects = row.components.filter((c) => c.type === 3).length;
    if (selects > 0 && row.components.length > 1) out.push('a select menu must be alone in its row');
    for (const c of row.components) {
      if (c.custom_id !== undefined) {
        if (c.custom_id.length > LIMITS.customId) out.push(`custom_id ${c.custom_id.length} > ${LIMITS.customId}`);
        if (ids.has(c.custom_id)) out.push(`duplicate custom_id ${c.custom_id}`);
        ids.add(c.custom_id);
      }
      if (c.type === 2 && (c.label ?? '').length > LIMITS.buttonLabel) out.push('button label too long');
      if (c.type === 3) {
        const opts = c.options ?? [];
        if (opts.length === 0 || opts.length > LIMITS.selectOptions) out.push(`${opts.length} select options`);
        for (const o of opts) {
          if (o.label.length === 0 || o.label.length > LIMITS.selectLabel) out.push(`select label ${o.label.length}`);
          if (o.value.length === 0 || o.value.length > LIMITS.selectValue) out.push(`select value ${o.value.length}`);
          if ((o.description ?? '').length > LIMITS.selectDescription) out.push(`select description ${o.description?.length}`);
        }
      }
    }
  }
  return out;
}

export function choiceViolations(choices: Array<{ name: string; value: string | number }>): string[] {
  const out: string[] = [];
  if (choices.length > LIMITS.choices) out.push(`${choices.length} choices > ${LIMITS.choices}`);
  for (const c of choices) {
    if (c.name.length < 1 || c.name.length > LIMITS.choiceName) out.push(`choice name length ${c.name.length}`);
    if (typeof c.value === 'string' && (c.value.length < 1 || c.value.length > LIMITS.choiceValue)) out.push(`choice value length ${c.value.length}`);
  }
  return out;
}

/** Every reply and autocomplete answer the fake recorded, with its violations (empty list = all good). */
export function allViolations(fake: FakeDiscord): Array<{ call: string; problems: string[] }> {
  const out: Array<{ call: string; problems: string[] }> = [];
  for (const { call, payload } of fake.sentMessages()) {
    const problems = payloadViolations(payload);
    if (problems.length > 0) out.push({ call: `${call.method} ${call.path}`, problems });
  }
  for (const call of fake.calls.filter((c: RecordedCall) => c.route.includes('/callback'))) {
    const b = call.body as { type: number; data?: { choices?: Array<{ name: string; value: string | number }> } };
    if (b.type === 8) {
      const problems = choiceViolations(b.data?.choices ?? []);
      if (problems.length > 0) out.push({ call: `${call.method} ${call.path}`, problems });
    }
  }
  return out;
}

/** How many replies the checker looked at (so a test can assert it checked something). */
export function checkedCount(fake: FakeDiscord): number {
  return fake.sentMessages().length;
}
