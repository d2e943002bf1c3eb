// Reply -> Discord message payload (embeds + components), inside every Discord limit however long the answer,
// always with allowed_mentions { parse: [] } and with every piece of echoed or article text escaped.
import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
} from 'discord.js';
import { dedupeSources } from '../answer/index.ts';
import type { Source } from '../facts/schema.ts';
import { shorten, sourceLabel, sourceNumbering, SourceMap, type Reply, type ReplyItem, type Tone } from './reply.ts';

export const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  selectLabel: 100,
  selectValue: 100,
  selectDescription: 100,
  selectPlaceholder: 150,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** Budgets we pack pages to: below the hard limits, so escaping and page footers never push us over. */
const BUDGET = { description: 3800, fields: 20, total: 5600, itemsPerPage: 10, itemText: 1500, sourceSentence: 300 };

export const COLORS: Record<Tone, number> = { answer: 0x2b6cb0, info: 0x718096, warning: 0xd69e2e, error: 0xc53030 };

/**
 * Escape markdown and defuse mention syntax in text that came from a user or an article. (discord.js's
 * escapeMarkdown does the same but measured ~7 ms per kilobyte here, too slow for long answers.)
 */
export function escapeText(text: string): string {
  return text
    .replace(/[\\*_~`|[\]]/g, '\\$&')
    .replace(/^([ \t]*)([#>-])/gm, '$1\\$2')
    .replace(/^([ \t]*\d+)\.(?=\s)/gm, '$1\\.')
    .replace(/@(everyone|here)/gi, '@\u200b$1')
    .replace(/<([@#&!])/g, '<\u200b$1');
}

/** Shorten keeping line breaks: cut at the last space or newline when it is not too far back, add an ellipsis. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return text.slice(0, Math.max(0, max));
  const head = text.slice(0, max - 1);
  const at = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\n'));
  return `${(at > max * 0.6 ? head.slice(0, at) : head).trimEnd()}…`;
}

/** Escape then fit into `max` characters (shortening the raw text, so no escape sequence is cut in half). */
export function fit(text: string, max: number): string {
  // Runs of blanks become one space; a lone space is left alone (replacing each space by itself was most of
  // the cost of rendering a long answer).
  let raw = text.replace(/[\t\r\f\v][ \t\r\f\v]*| [ \t\r\f\v]+/g, ' ').replace(/ ?\n ?/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  let out = escapeText(raw);
  while (out.length > max) {
    const over = out.length - max;
    raw = cut(raw, Math.max(1, raw.length - over - 1));
    out = escapeText(raw);
    if (raw.length <= 1) return out.slice(0, max);
  }
  return out;
}

export interface RenderOptions {
  page?: number;
  /** custom_id for a page button; pagination buttons appear only when given and there is more than one page. */
  pageCustomId?: (page: number) => string;
  /** Select-menu value that identifies a source's evidence sentence, or null when it cannot be looked up. */
  evidenceValue?: (source: Source) => string | null;
  /** A channel message (DM reply) rather than an interaction response: no ephemeral flag. */
  forMessage?: boolean;
}

export interface DiscordPayload {
  content?: string;
  embeds: APIEmbed[];
  components: Array<APIActionRowComponent<APIComponentInMessageActionRow>>;
  allowedMentions: { parse: []; repliedUser?: boolean };
  flags?: MessageFlags.Ephemeral;
  /** Attachments, uploaded as multipart; on an edit (page button) they replace the previous ones. */
  files?: Array<{ attachment: Buffer; name: string; description?: string }>;
}

export interface Rendered {
  payload: DiscordPayload;
  page: number;
  pageCount: number;
}

interface Page {
  /** Each item with its label and text escaped and fitted (worked out once, when paginating). */
  items: Array<{ item: ReplyItem; text: string }>;
  firstIndex: number;
}

/** Split an over-long item into chunks on sentence or word boundaries; sources stay with the last chunk. */
function splitItem(item: ReplyItem): ReplyItem[] {
  if (item.text.length <= BUDGET.itemText) return [item];
  const chunks: string[] = [];
  let rest = item.text;
  while (rest.length > BUDGET.itemText) {
    const window = rest.slice(0, BUDGET.itemText);
    let cut = Math.max(window.lastIndexOf('. '), window.lastIndexOf('\n'));
    if (cut < BUDGET.itemText * 0.5) cut = window.lastIndexOf(' ');
    if (cut < BUDGET.itemText * 0.5) cut = BUDGET.itemText - 1;
    chunks.push(rest.slice(0, cut + 1).trim());
    rest = rest.slice(cut + 1).trim();
  }
  if (rest !== '') chunks.push(rest);
  return chunks.map((text, i) => ({
    ...(i === 0 && item.label ? { label: item.label } : {}),
    text,
    sources: i === chunks.length - 1 ? item.sources : [],
  }));
}

/** An item's label and text, escaped and fitted: the part of its line that does not depend on the page. */
function itemText(item: ReplyItem): string {
  const label = item.label ? `**${fit(item.label, 200)}** — ` : '';
  return `${label}${fit(item.text, BUDGET.itemText + 200)}`;
}

function itemLine(text: string, index: number, numbered: boolean, refs: string): string {
  const lead = numbered ? `${index + 1}. ` : '';
  return `${lead}${text}${refs ? ` ${refs}` : ''}`;
}

function sourceField(n: number, s: Source, sentenceMax: number): APIEmbedField {
  return {
    name: fit(`[${n}] ${sourceLabel(s)}`, LIMITS.fieldName),
    value: `> ${fit(s.sentence || '(no sentence)', Math.min(sentenceMax, LIMITS.fieldValue - 2))}`,
  };
}

function paginate(reply: Reply): Page[] {
  const items = reply.items.flatMap(splitItem);
  const introLen = reply.intro ? fit(reply.intro, 1000).length + 2 : 0;
  const pages: Page[] = [];
  let current: Page = { items: [], firstIndex: 0 };
  // The distinct sources of the current page, kept as items are added (not recounted for every item).
  let pageSources = new SourceMap<true>();
  let desc = introLen;
  let total = reply.title.length + introLen + 100;
  items.forEach((item, i) => {
    const text = itemText(item);
    const line = itemLine(text, i, reply.numbered ?? false, '[99]'.repeat(Math.min(item.sources.length, 10))).length + 2;
    const itemSources = dedupeSources(item.sources);
    let added = 0;
    for (const s of itemSources) if (!pageSources.has(s)) added++;
    const newSources = pageSources.size + added;
    const srcCost = itemSources.length * (BUDGET.sourceSentence + 80);
    const fits =
      current.items.length < BUDGET.itemsPerPage &&
      desc + line <= BUDGET.description &&
      newSources <= BUDGET.fields &&
      total + line + srcCost <= BUDGET.total;
    if (!fits && current.items.length > 0) {
      pages.push(current);
      current = { items: [], firstIndex: i };
      pageSources = new SourceMap<true>();
      desc = introLen;
      total = reply.title.length + introLen + 100;
    }
    current.items.push({ item, text });
    for (const s of itemSources) pageSources.set(s, true);
    desc += line;
    total += line + srcCost;
  });
  if (current.items.length > 0 || pages.length === 0) pages.push(current);
  return pages;
}

export function pageCount(reply: Reply): number {
  return paginate(reply).length;
}

/** Render one page of a reply as a Discord message payload. */
export function renderReply(reply: Reply, opts: RenderOptions = {}): Rendered {
  const pages = paginate(reply);
  const pageNo = Math.min(Math.max(0, opts.page ?? 0), pages.length - 1);
  const page = pages[pageNo] ?? { items: [], firstIndex: 0 };

  // Number the sources of this page and build the item lines with their references.
  const { sources, numberOf } = sourceNumbering();
  const lines = page.items.map(({ item, text }, k) => {
    const refs = item.sources
      .map(numberOf)
      .filter((n, idx, arr) => arr.indexOf(n) === idx)
      .slice(0, 10)
      .map((n) => `[${n}]`)
      .join('');
    return itemLine(text, page.firstIndex + k, reply.numbered ?? false, refs);
  });

  const parts: string[] = [];
  if (reply.intro) parts.push(fit(reply.intro, 1000));
  if (lines.length > 0) parts.push(lines.join(reply.numbered ? '\n' : '\n\n'));
  let description = parts.join('\n\n');
  if (description.length > LIMITS.description) description = `${description.slice(0, LIMITS.description - 1)}…`;
  if (description === '') description = '\u200b';

  const title = fit(reply.title, LIMITS.title);
  const footerParts: string[] = [];
  if (reply.footer) footerParts.push(reply.footer);
  if (pages.length > 1) footerParts.push(`Page ${pageNo + 1} of ${pages.length}`);
  const footer = footerParts.length > 0 ? shorten(footerParts.join(' · '), 500) : undefined;

  // Source fields: shrink the quoted sentences until the embed fits the 6,000-character total.
  const maxFields = LIMITS.fields - 1;
  const shown = sources.slice(0, maxFields);
  const hidden = sources.length - shown.length;
  let sentenceMax = BUDGET.sourceSentence;
  let fields: APIEmbedField[] = [];
  for (;;) {
    fields = shown.map((s, i) => sourceField(i + 1, s, sentenceMax));
    if (hidden > 0) fields.push({ name: 'More sources', value: `…and ${hidden} more not shown here.` });
    const total =
      title.length + description.length + (footer?.length ?? 0) + fields.reduce((a, f) => a + f.name.length + f.value.length, 0);
    if (total <= LIMITS.embedTotal - 100 || sentenceMax <= 40) break;
    sentenceMax = Math.floor(sentenceMax * 0.7);
  }

  const embed: APIEmbed = { title, description, color: COLORS[reply.tone] };
  if (fields.length > 0) embed.fields = fields;
  if (footer) embed.footer = { text: footer };
  if (reply.image && reply.files?.some((f) => f.name === reply.image)) embed.image = { url: `attachment://${reply.image}` };

  const components: Array<APIActionRowComponent<APIComponentInMessageActionRow>> = [];
  if (pages.length > 1 && opts.pageCustomId) {
    const prev = opts.pageCustomId(pageNo - 1);
    const next = opts.pageCustomId(pageNo + 1);
    components.push({
      type: ComponentType.ActionRow,
      components: [
        { type: ComponentType.Button, style: ButtonStyle.Secondary, label: '◀ Previous', custom_id: `${prev}`.slice(0, LIMITS.customId), disabled: pageNo === 0 },
        { type: ComponentType.Button, style: ButtonStyle.Secondary, label: `${pageNo + 1} / ${pages.length}`, custom_id: 'noop:page', disabled: true },
        { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Next ▶', custom_id: `${next}`.slice(0, LIMITS.customId), disabled: pageNo >= pages.length - 1 },
      ],
    });
  }
  if (reply.evidenceMenu !== false && opts.evidenceValue && shown.length > 0) {
    const seen = new Set<string>();
    const options: Array<{ label: string; value: string; description: string }> = [];
    shown.forEach((s, i) => {
      const value = opts.evidenceValue?.(s) ?? null;
      if (value === null || value.length > LIMITS.selectValue || seen.has(value) || options.length >= LIMITS.selectOptions) return;
      seen.add(value);
      options.push({
        label: shorten(`[${i + 1}] ${sourceLabel(s)}`, LIMITS.selectLabel),
        value,
        description: shorten(s.sentence || '(no sentence)', LIMITS.selectDescription),
      });
    });
    if (options.length > 0)
      components.push({
        type: ComponentType.ActionRow,
        components: [{ type: ComponentType.StringSelect, custom_id: 'ev', placeholder: 'Read the paragraph behind a source…', options }],
      });
  }

  const payload: DiscordPayload = { embeds: [embed], components, allowedMentions: { parse: [] } };
  if (reply.files && reply.files.length > 0)
    payload.files = reply.files.map((f) => ({ attachment: Buffer.from(f.data), name: f.name, ...(f.description ? { description: f.description } : {}) }));
  if (reply.ephemeral && !opts.forMessage) payload.flags = MessageFlags.Ephemeral;
  return { payload, page: pageNo, pageCount: pages.length };
}

/** Autocomplete choices inside Discord's limits (at most 25, names and values 1..100 characters). */
export function fitChoices(choices: Array<{ name: string; value: string }>): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = [];
  const seen = new Set<string>();
  for (const c of choices) {
    if (out.length >= LIMITS.choices) break;
    const name = shorten(c.name, LIMITS.choiceName);
    const value = c.value.length > LIMITS.choiceValue ? shorten(c.name, LIMITS.choiceValue) : c.value;
    // Several spellings of one person share a value (the person id): dedupe on name and value together.
    const key = `${name}\u0000${value}`;
    if (name === '' || value === '' || seen.has(key)) continue;
    seen.add(key);
    out.push({ name, value });
  }
  return out;
}
