// Pure parts of the Discord layer: rendering inside the limits, escaping, choices, config validation,
// the console's text-command parser and its answers (same run() as the bot).
import { Readable, Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandMap } from '../../commands/index.ts';
import { answerLine, parseLine, runConsole } from '../../src/cli/console.ts';
import { ConfigError, parseConfig } from '../../src/config.ts';
import { parsePageCustomId, pageCustomId } from '../../src/discord/handler.ts';
import { evidenceValue } from '../../src/discord/evidence.ts';
import { escapeText, fit, fitChoices, renderReply } from '../../src/discord/render.ts';
import { dedupeSources } from '../../src/answer/index.ts';
import { renderText, type Reply } from '../../src/discord/reply.ts';
import type { Source } from '../../src/facts/schema.ts';
import { fixtureTable, MemoryDataset } from '../support/fixtureTable.ts';
import { choiceViolations, payloadViolations } from '../support/limits.ts';

function src(i: number, sentenceLength: number): Source {
  return { article: `art_${i}`, outlet: `Outlet ${i}`, published: '2031-01-01', sentence: `S${i} ${'x'.repeat(sentenceLength)}` };
}

function toWire(reply: Reply, page = 0): Parameters<typeof payloadViolations>[0] {
  const { payload } = renderReply(reply, { page, pageCustomId: (p) => `pg|ask|${p}|{}`, evidenceValue: (s) => `${s.article}#1` });
  return JSON.parse(
    JSON.stringify({ embeds: payload.embeds, components: payload.components, allowed_mentions: payload.allowedMentions, content: payload.content }),
  ) as Parameters<typeof payloadViolations>[0];
}

describe('renderReply stays inside every Discord limit', () => {
  const huge = 'word '.repeat(5000);
  const cases: Array<{ label: string; reply: Reply; minPages: number }> = [
    { label: 'one 25,000-character answer', reply: { title: 'Q', items: [{ text: huge, sources: [src(1, 50)] }], tone: 'answer' }, minPages: 5 },
    { label: '60 sources on one item', reply: { title: 'Q', items: [{ text: 'short', sources: Array.from({ length: 60 }, (_, i) => src(i, 900)) }], tone: 'answer' }, minPages: 1 },
    { label: '200 items with 2,000-char sources', reply: { title: 'T'.repeat(400), items: Array.from({ length: 200 }, (_, i) => ({ text: `item ${i}`, sources: [src(i, 2000)] })), tone: 'answer', numbered: true }, minPages: 10 },
    { label: 'markdown-heavy text (escaping doubles it)', reply: { title: '*'.repeat(300), intro: '_'.repeat(3000), items: [{ text: '*'.repeat(4000), sources: [src(1, 0)] }], tone: 'info' }, minPages: 1 },
    { label: 'empty reply', reply: { title: 'Nothing', items: [], tone: 'info' }, minPages: 1 },
  ];
  for (const c of cases) {
    it(c.label, () => {
      const first = renderReply(c.reply, { pageCustomId: (p) => `pg|ask|${p}|{}` });
      expect(first.pageCount).toBeGreaterThanOrEqual(c.minPages);
      for (let p = 0; p < first.pageCount; p++) expect(payloadViolations(toWire(c.reply, p))).toEqual([]);
    });
  }

  it('every source of a long list appears on some page, numbered per page', () => {
    const reply: Reply = { title: 'T', items: Array.from({ length: 45 }, (_, i) => ({ text: `line ${i}`, sources: [src(i, 100)] })), tone: 'answer', numbered: true };
    const seen = new Set<string>();
    const pages = renderReply(reply).pageCount;
    for (let p = 0; p < pages; p++) for (const f of renderReply(reply, { page: p }).payload.embeds[0]?.fields ?? []) seen.add(/art\\_(\d+)/.exec(f.name)?.[1] ?? '?');
    expect(seen.size).toBe(45);
  });

  it('ephemeral only on interaction replies, never on DM messages', () => {
    const reply: Reply = { title: 'x', items: [], tone: 'error', ephemeral: true };
    expect(renderReply(reply).payload.flags).toBe(64);
    expect(renderReply(reply, { forMessage: true }).payload.flags).toBeUndefined();
  });
});

describe('escapeText', () => {
  const cases: Array<[string, string]> = [
    ['@everyone look', '@\u200beveryone look'],
    ['hi @here', 'hi @\u200bhere'],
    ['<@123456789012345678>', '<\u200b@123456789012345678>'],
    ['<@&123456789012345678>', '<\u200b@&123456789012345678>'],
    ['**bold** _it_', '\\*\\*bold\\*\\* \\_it\\_'],
    ['plain text', 'plain text'],
  ];
  for (const [input, expected] of cases) it(JSON.stringify(input), () => expect(escapeText(input)).toBe(expected));
});

describe('fit: whitespace runs become one space, then the text is escaped', () => {
  // The rule as first written (every blank run replaced, even a lone space): fit must give the same text.
  const reference = (text: string) =>
    escapeText(text.replace(/[ \t\r\f\v]+/g, ' ').replace(/ ?\n ?/g, '\n').replace(/\n{3,}/g, '\n\n').trim());
  const cases: Array<[string, string]> = [
    ['one two', 'one two'],
    ['one  \t two', 'one two'],
    ['one\ttwo', 'one two'],
    [' \r\f\vone \n two\n\n\n\nthree ', 'one\ntwo\n\nthree'],
    ['- item\n 1. first', '\\- item\n1\\. first'],
  ];
  for (const [input, expected] of cases) it(JSON.stringify(input), () => expect(fit(input, 1000)).toBe(expected));

  it('equals the reference rule on any mix of blanks, line breaks and markdown', () => {
    const text = fc.string({ unit: fc.constantFrom(' ', ' ', '\t', '\r', '\f', '\v', '\n', 'a', 'b', '*', '#', '1', '.', '-', '@'), maxLength: 120 });
    fc.assert(fc.property(text, (t) => fit(t, 10_000) === reference(t)));
  });
});

describe('evidenceValue: the select value of a source, found through the index', () => {
  const dataset = new MemoryDataset(fixtureTable(0));
  const first = dataset.table.articles.find((a) => a.id === 'vel_001');
  const s0 = first?.sentences[0]?.text ?? '';
  const s1 = first?.sentences[1]?.text ?? '';
  const source = (article: string, sentence: string): Source => ({ article, outlet: null, published: null, sentence });
  const cases: Array<{ label: string; source: Source; value: string | null }> = [
    { label: 'the exact sentence', source: source('vel_001', s0), value: 'vel_001#0' },
    { label: 'the sentence with other whitespace', source: source('vel_001', `  ${s1.replaceAll(' ', ' \n\t')} `), value: 'vel_001#1' },
    { label: 'part of a sentence', source: source('vel_001', s1.slice(0, 30)), value: 'vel_001#1' },
    { label: 'a sentence of another article', source: source('vel_002', s0), value: null },
    { label: 'an article not in the table', source: source('vel_999', s0), value: null },
    { label: 'an empty sentence', source: source('vel_001', ' \n '), value: null },
  ];
  for (const c of cases) it(c.label, () => expect(evidenceValue(dataset.index, c.source)).toBe(c.value));
});

describe('dedupeSources: same article and sentence is one source, whatever the object', () => {
  const a = (sentence: string, article = 'art_1', outlet: string | null = 'O'): Source => ({ article, outlet, published: null, sentence });
  const cases: Array<{ label: string; sources: Source[]; keep: number[] }> = [
    { label: 'none', sources: [], keep: [] },
    { label: 'copies of one source', sources: [a('x'), a('x'), a('x', 'art_1', null)], keep: [0] },
    { label: 'same sentence in two articles', sources: [a('x'), a('x', 'art_2')], keep: [0, 1] },
    { label: 'first-seen order', sources: [a('y'), a('x'), a('y'), a('z')], keep: [0, 1, 3] },
  ];
  for (const c of cases) it(c.label, () => expect(dedupeSources(c.sources)).toEqual(c.keep.map((k) => c.sources[k])));
});

describe('fitChoices', () => {
  it('caps at 25, shortens names to 100, drops empty and duplicate names', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ name: `${'N'.repeat(150)}${i}`, value: `v${i}` }));
    const out = fitChoices([{ name: '', value: 'x' }, { name: 'A', value: 'a' }, { name: 'A', value: 'a2' }, ...many]);
    expect(out.length).toBe(25);
    expect(out[0]).toEqual({ name: 'A', value: 'a' });
    expect(choiceViolations(out)).toEqual([]);
  });
});

describe('page custom ids', () => {
  const defections = commandMap.get('defections');
  const ask = commandMap.get('ask');
  if (!defections || !ask) throw new Error('commands missing');
  it('round-trip inline when short', () => {
    const id = pageCustomId(defections, { from: '2012-07', to: '2012-08' }, 3);
    expect(id.length).toBeLessThanOrEqual(100);
    expect(parsePageCustomId(id)).toEqual({ command: 'defections', args: { from: '2012-07', to: '2012-08' }, page: 3 });
  });
  it('fall back to a cache key when the args are long', () => {
    const question = 'q'.repeat(250);
    const id = pageCustomId(ask, { question }, 1);
    expect(id).toMatch(/^pc\|[0-9a-f]{12}\|1$/);
    expect(parsePageCustomId(id)).toEqual({ command: 'ask', args: { question }, page: 1 });
  });
  it('reject garbage', () => {
    expect(parsePageCustomId('pg|x|1|not json')).toBeNull();
    expect(parsePageCustomId('pc|unknown|1')).toBeNull();
    expect(parsePageCustomId('hello')).toBeNull();
  });
});

describe('parseConfig', () => {
  const ok: Array<{ env: Record<string, string>; expect: Partial<ReturnType<typeof parseConfig>> }> = [
    { env: {}, expect: { token: undefined, seedsDir: 'seeds', dataFile: 'data/facts.json', moderatorRoleIds: [], maxArticleBytes: 200_000 } },
    { env: { DISCORD_TOKEN: ' abc.def ', MODERATOR_ROLE_IDS: '123456789012345678, 223456789012345678,' }, expect: { token: 'abc.def', moderatorRoleIds: ['123456789012345678', '223456789012345678'] } },
    { env: { DISCORD_API_URL: 'http://127.0.0.1:9/api/', SEEDS_DIR: '/tmp/s', DATA_FILE: '/tmp/f.json' }, expect: { apiUrl: 'http://127.0.0.1:9/api', seedsDir: '/tmp/s', dataFile: '/tmp/f.json' } },
    { env: { DISCORD_GUILD_ID: '', DISCORD_CLIENT_ID: '123456789012345678' }, expect: { guildId: undefined, clientId: '123456789012345678' } },
    { env: { TOTAL_SHARDS: '2' }, expect: { totalShards: 2 } },
    { env: { TOTAL_SHARDS: '' }, expect: { totalShards: undefined } },
  ];
  for (const c of ok) it(`accepts ${JSON.stringify(c.env)}`, () => expect(parseConfig(c.env)).toMatchObject(c.expect));

  const bad: Array<{ env: Record<string, string>; message: RegExp }> = [
    { env: { DISCORD_CLIENT_ID: 'my-bot' }, message: /DISCORD_CLIENT_ID must be a Discord id/ },
    { env: { MODERATOR_USER_IDS: '123456789012345678,alice' }, message: /MODERATOR_USER_IDS: "alice" is not a Discord id/ },
    { env: { DISCORD_API_URL: 'localhost:80' }, message: /DISCORD_API_URL must be an http\(s\) URL/ },
    { env: { DISCORD_TOKEN: 'Bot abc' }, message: /must not contain spaces/ },
    { env: { MAX_ARTICLE_BYTES: 'lots' }, message: /MAX_ARTICLE_BYTES/ },
    { env: { TOTAL_SHARDS: '0' }, message: /TOTAL_SHARDS must be a whole number/ },
  ];
  for (const c of bad)
    it(`rejects ${JSON.stringify(c.env)}`, () => {
      expect(() => parseConfig(c.env)).toThrow(ConfigError);
      expect(() => parseConfig(c.env)).toThrow(c.message);
    });

  it('lists every problem at once', () => {
    try {
      parseConfig({ DISCORD_CLIENT_ID: 'x', DISCORD_GUILD_ID: 'y' });
      expect.unreachable();
    } catch (err) {
      expect((err as ConfigError).problems).toHaveLength(2);
    }
  });
});

describe('console parser', () => {
  const cases: Array<{ line: string; expect: unknown }> = [
    { line: 'who defected?', expect: { kind: 'question', question: 'who defected?' } },
    { line: '/person name:Hijab', expect: { kind: 'command', args: { name: 'Hijab' } } },
    { line: '/person Tomas Ardelean', expect: { kind: 'command', args: { name: 'Tomas Ardelean' } } },
    { line: '/defections from:2012-07', expect: { kind: 'command', args: { from: '2012-07' } } },
    { line: '/defections from:July 2012 to:August 2012', expect: { kind: 'command', args: { from: 'July 2012', to: 'August 2012' } } },
    { line: '/said person:Ilse Marrow about:the council', expect: { kind: 'command', args: { person: 'Ilse Marrow', about: 'the council' } } },
    { line: '/ask question:is it true? ephemeral:true', expect: { kind: 'command', args: { question: 'is it true?', ephemeral: true } } },
    { line: '/article remove id:vel_003', expect: { kind: 'command', args: { subcommand: 'remove', id: 'vel_003' } } },
    { line: '/help', expect: { kind: 'command', args: {} } },
    { line: '/nope x', expect: { kind: 'error' } },
    { line: '/article explode', expect: { kind: 'error' } },
    { line: '/said about:x', expect: { kind: 'error' } },
  ];
  for (const c of cases)
    it(c.line, () => {
      const parsed = parseLine(c.line);
      expect(parsed).toMatchObject(c.expect as object);
    });
});

describe('console answers (same run() as the bot)', () => {
  const dataset = new MemoryDataset(fixtureTable(3));
  const cases: Array<{ line: string; expect: RegExp }> = [
    { line: 'When did Tomas Ardelean defect?', expect: /30 March 2031[\s\S]*\[1\] vel_001 · Northwire · 2031-04-02/ },
    { line: '/person name:ardelean', expect: /^Tomas Ardelean\nRoles: deputy energy minister[\s\S]*51[\s\S]*52/ },
    { line: '/defections from:2031-05', expect: /3 defections[\s\S]*Okaro/ },
    { line: '/said person:Marrow about:council', expect: /We will not serve the council any longer/ },
    { line: '/sources', expect: /vel_001: Northwire, 2031-04-02/ },
    { line: '/person name:Qqqqq Zzzzz', expect: /Unknown person/ },
    { line: '/refresh', expect: /Refresh\nDone in/ },
  ];
  for (const c of cases) it(c.line, async () => expect(await answerLine(c.line, dataset, { maxArticleBytes: 1000 })).toMatch(c.expect));

  it('piped input: answers every line, then ends', async () => {
    const chunks: string[] = [];
    const output = new Writable({
      write(chunk: Buffer, _enc, cb) {
        chunks.push(chunk.toString());
        cb();
      },
    });
    await runConsole(dataset, { maxArticleBytes: 1000, input: Readable.from(['who is ilse marrow?\n', '\n', '/help\n']), output });
    const out = chunks.join('');
    expect(out).toMatch(/Ilse Marrow[\s\S]*spokeswoman/);
    expect(out).toMatch(/Dossier: answers from the news articles/);
  });

  it('renderText numbers sources once', () => {
    const s = src(1, 5);
    const text = renderText({ title: 'T', items: [{ text: 'a', sources: [s] }, { text: 'b', sources: [s] }], tone: 'answer' });
    expect(text).toBe(`T\na [1]\nb [1]\nSources:\n  [1] art_1 · Outlet 1 · 2031-01-01: "S1 xxxxx"`);
  });
});
