// Property-based tests (fast-check) over hostile questions: the answer engine and every user-facing command's
// run() -> renderReply() pipeline never throw (other than a UserError meant for the user), finish quickly, stay
// inside Discord's limits, send allowed_mentions with an empty parse list, and escape every echoed character.
// Run over the invented fixture table and over the table extracted from the real seeds.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_QUESTION } from '../../commands/ask.ts';
import { commandMap } from '../../commands/index.ts';
import { answer, completeNames, type AnswerIndex } from '../../src/answer/index.ts';
import type { Args, Command, CommandContext, DatasetLike } from '../../src/discord/command.ts';
import { escapeText, fitChoices, renderReply, type DiscordPayload } from '../../src/discord/render.ts';
import { UserError, userErrorReply, type Reply } from '../../src/discord/reply.ts';
import { Dataset } from '../../src/store/dataset.ts';
import { fixtureTable, MemoryDataset } from '../support/fixtureTable.ts';
import { choiceViolations, payloadViolations } from '../support/limits.ts';
import type { MessagePayload } from '../support/fakeDiscord.ts';

/** The named hostile inputs of the brief, always tried besides the random ones. */
export const NAMED_CASES: Array<[string, string]> = [
  ['empty', ''],
  ['whitespace', ' \t\n  \u00a0\u2003 '],
  ['6,000 characters', 'who defected '.repeat(500).slice(0, 6000)],
  ['6,000 characters without spaces', 'x'.repeat(6000)],
  ['emoji and mixed scripts', 'who 🕵️‍♀️ defected 在七月 в июле في يوليو 👨‍👩‍👧‍👦?'],
  ['right-to-left', 'متى انشق رياض حجاب؟ \u202eevil\u202c מתי ערק'],
  ['zero-width characters', 'who\u200b de\u200cfec\u200dted\u2060 in\ufeff july?'],
  ['markdown and code fences', '```js\nprocess.exit()\n``` **bold** __u__ ~~s~~ ||spoiler|| > quote\n# heading\n- list [link](http://x.y)'],
  ['@everyone', '@everyone @here who defected?'],
  ['user mention', 'when did <@123> defect? <@!123456789012345678>'],
  ['role mention', 'ping <@&456> and <#789> and </ask:1>'],
  ['URLs', 'https://example.com/?q=<script>alert(1)</script> http://127.0.0.1:1/x'],
  ['regex-looking', '.*( [[ (?<x> \\ $1 ^$ {1,} | +'],
  ['SQL-looking', "'; DROP TABLE facts; -- \" OR 1=1"],
  ['a lone quote mark', '"'],
  ['a lone apostrophe', "'"],
  ['lone surrogates', '\ud800 who \udfff defected'],
  ['control characters', 'who\u0000\u0007\u001b[31m defected\r\n'],
];

const hostile: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom(...NAMED_CASES.map(([, q]) => q)),
  // Question-shaped text with hostile pieces spliced in.
  fc
    .tuple(
      fc.constantFrom('when did ', 'who is ', 'how old is ', 'what did ', 'who defected in ', 'where did ', ''),
      fc.constantFrom('@everyone', '<@123>', '<@&456>', '```', '**', '.*(', '[[', '"', '\u200b', 'ardelean', 'marrow', 'hijab', 'July 2012', '\u202e'),
      fc.string({ maxLength: 30 }),
      fc.constantFrom(' defect?', ' say?', '', ' go?'),
    )
    .map((parts) => parts.join('')),
);

function toMessagePayload(p: DiscordPayload): MessagePayload {
  return {
    ...(p.content !== undefined ? { content: p.content } : {}),
    embeds: p.embeds as MessagePayload['embeds'],
    components: p.components as MessagePayload['components'],
    allowed_mentions: { parse: [...p.allowedMentions.parse] },
  };
}

/** Undo escapeText: drop the backslashes it added and the zero-width spaces it put after "@" and "<". */
function unescapeText(text: string): string {
  return text.replace(/\\([\\*_~`|[\]#>\-.])/g, '$1').replace(/([@<])\u200b/g, '$1');
}

/** No unescaped markdown or mention syntax: every special character is preceded by a backslash. */
function unsafeSpots(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if ('*_~`|[]'.includes(c)) {
      let slashes = 0;
      for (let j = i - 1; j >= 0 && text[j] === '\\'; j--) slashes++;
      if (slashes % 2 === 0) out.push(`${c}@${i}`);
    }
  }
  if (/@(everyone|here)/i.test(text)) out.push('@everyone/@here');
  if (/<[@#&!]/.test(text)) out.push('<@ mention');
  return out;
}

/** The renderer's own markup (bold item labels, [n] source references) is intended; everything else must be escaped. */
function withoutOwnMarkup(text: string): string {
  return text.replace(/^(\d+\. )?\*\*((?:\\.|[^*\\])*)\*\* — /gm, '$1$2 ').replace(/(?<!\\)\[\d+\]/g, '');
}

/**
 * Run `work`, recording how long it took. A call over the bound is timed twice more and the fastest kept: a
 * real blow-up is slow every time, a garbage-collection pause or a busy shared core is not.
 */
function timed<T>(work: () => T, times: number[], bound = PER_CALL_MS): T {
  let t = performance.now();
  const result = work();
  let best = performance.now() - t;
  for (let i = 0; i < 2 && best >= bound; i++) {
    t = performance.now();
    work();
    best = Math.min(best, performance.now() - t);
  }
  times.push(best);
  return result;
}

async function timedAsync<T>(work: () => Promise<T>, times: number[], bound = PER_CALL_MS): Promise<T> {
  let t = performance.now();
  const result = await work();
  let best = performance.now() - t;
  for (let i = 0; i < 2 && best >= bound; i++) {
    t = performance.now();
    await work();
    best = Math.min(best, performance.now() - t);
  }
  times.push(best);
  return result;
}

function stats(times: number[]): { n: number; median: number; p99: number; max: number } {
  const s = [...times].sort((a, b) => a - b);
  const at = (q: number): number => Number((s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0).toFixed(2));
  return { n: s.length, median: at(0.5), p99: at(0.99), max: Number((s[s.length - 1] ?? 0).toFixed(2)) };
}

/** Generous per-call bound: the engine answers in well under a millisecond; this only catches blow-ups. */
const PER_CALL_MS = 100;
const RUNS = 300;

const fixtureIndexDataset = new MemoryDataset(fixtureTable(30));
let seedDir = '';
let seedDataset: Dataset;

beforeAll(async () => {
  seedDir = await mkdtemp(path.join(tmpdir(), 'dossier-props-'));
  await cp(path.resolve('seeds'), path.join(seedDir, 'seeds'), { recursive: true });
  seedDataset = await Dataset.open({ seedsDir: path.join(seedDir, 'seeds'), dataFile: path.join(seedDir, 'data', 'facts.json') });
}, 120_000);

afterAll(async () => {
  if (seedDir) await rm(seedDir, { recursive: true, force: true });
});

const tables: Array<{ label: string; dataset: () => DatasetLike }> = [
  { label: 'invented fixture table', dataset: () => fixtureIndexDataset },
  { label: 'table extracted from the seeds', dataset: () => seedDataset },
];

function ctxFor(dataset: DatasetLike): CommandContext {
  return {
    dataset,
    invoker: { id: '1', name: 'tester', where: 'guild', isModerator: false },
    maxArticleBytes: 1000,
    fetchFile: async () => {
      throw new Error('no files in property tests');
    },
  };
}

/** Run a command like the handler does: a UserError becomes its own reply; anything else fails the property. */
async function replyFor(command: Command, args: Args, dataset: DatasetLike): Promise<Reply> {
  try {
    return await command.run(args, ctxFor(dataset));
  } catch (err) {
    if (err instanceof UserError) return userErrorReply(err);
    throw err;
  }
}

function checkRendered(reply: Reply, question: string): void {
  for (const forMessage of [false, true]) {
    const rendered = renderReply(reply, { pageCustomId: (p) => `pg|ask|${p}|{}`, forMessage });
    const payload = rendered.payload;
    expect(payload.allowedMentions.parse).toEqual([]);
    expect(payloadViolations(toMessagePayload(payload))).toEqual([]);
    for (let page = 1; page < Math.min(rendered.pageCount, 4); page++)
      expect(payloadViolations(toMessagePayload(renderReply(reply, { page, forMessage }).payload))).toEqual([]);
    const embed = payload.embeds[0];
    // The echoed question (title) and every text is escaped: no live markdown, no mention syntax.
    for (const text of [embed?.title ?? '', embed?.description ?? '', ...(embed?.fields ?? []).flatMap((f) => [f.name, f.value.replace(/^> /, '')])])
      expect(unsafeSpots(withoutOwnMarkup(text))).toEqual([]);
    if (question.trim() !== '' && question.length <= 200 && !/[\u200b]/.test(question))
      expect(unescapeText(embed?.title ?? '').replace(/\s+/g, ' ').trim()).toBe(question.replace(/\s+/g, ' ').trim());
  }
}

describe.each(tables)('answer() over the $label', ({ dataset }) => {
  it(`never throws, always says something, cites only real articles, < ${PER_CALL_MS} ms a call (${RUNS} random + named questions)`, () => {
    const index: AnswerIndex = dataset().index;
    const ids = new Set(dataset().table.articles.map((a) => a.id));
    const times: number[] = [];
    const slowest: Array<{ ms: number; q: string }> = [];
    const check = (q: string): void => {
      const a = timed(() => answer(index, q), times, q.length <= MAX_QUESTION ? PER_CALL_MS : 5 * PER_CALL_MS);
      slowest.push({ ms: times[times.length - 1] ?? 0, q });
      expect(typeof a.text).toBe('string');
      expect(a.text.trim().length).toBeGreaterThan(0);
      for (const s of a.sources) {
        expect(ids.has(s.article)).toBe(true);
        expect(s.sentence.length).toBeGreaterThan(0);
      }
    };
    for (const [, q] of NAMED_CASES) check(q);
    fc.assert(fc.property(hostile, (q) => check(q)), { numRuns: RUNS });
    const s = stats(times);
    slowest.sort((x, y) => y.ms - x.ms);
    console.log(`[answer timing] ${JSON.stringify(s)} slowest: ${JSON.stringify(slowest.slice(0, 3).map((x) => ({ ms: Math.round(x.ms), q: x.q.slice(0, 40), len: x.q.length })))}`);
    // The bot never passes more than MAX_QUESTION (300) characters to answer() (/ask and DMs both refuse longer
    // questions); longer ones (the CLI) get a looser bound: a 6,000-character single word costs ~50 ms here.
    for (const x of slowest) expect(x.ms, `${x.q.length} chars`).toBeLessThan(x.q.length <= MAX_QUESTION ? PER_CALL_MS : 5 * PER_CALL_MS);
  });

  it('autocomplete over arbitrary partial input stays inside Discord limits', () => {
    const index = dataset().index;
    const times: number[] = [];
    fc.assert(
      fc.property(hostile, fc.boolean(), (partial, speakersOnly) => {
        const choices = fitChoices(timed(() => completeNames(index, partial, { speakersOnly, limit: 25 }), times));
        expect(choiceViolations(choices)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
    expect(stats(times).max).toBeLessThan(PER_CALL_MS);
  });
});

describe.each(tables)('commands -> rendered reply over the $label', ({ dataset }) => {
  const user = [...commandMap.values()].filter((c) => !c.moderatorOnly && c.data.name !== 'timeline');
  it(`/ask with named hostile questions: within limits, allowed_mentions empty, echoed text escaped`, async () => {
    const ask = commandMap.get('ask') as Command;
    for (const [label, q] of NAMED_CASES) {
      const reply = await replyFor(ask, { question: q }, dataset());
      try {
        checkRendered(reply, q.length <= 300 ? q : '');
      } catch (err) {
        throw new Error(`named case "${label}": ${(err as Error).message}`);
      }
    }
  });

  it(`every user command (${user.map((c) => `/${c.data.name}`).join(' ')}) with arbitrary arguments`, async () => {
    const times: number[] = [];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...user), hostile, hostile, async (command, a, b) => {
        const names = (command.data.options ?? []).map((o) => o.name);
        const args: Args = {};
        if (names[0]) args[names[0]] = a;
        if (names[1]) args[names[1]] = b;
        const reply = await timedAsync(() => replyFor(command, args, dataset()), times);
        checkRendered(reply, command.data.name === 'ask' && a.length <= 300 ? a : '');
      }),
      { numRuns: RUNS },
    );
    expect(stats(times).max).toBeLessThan(PER_CALL_MS);
  });
});

describe('the renderer alone', () => {
  const source = fc.record({
    article: fc.string({ maxLength: 60 }),
    outlet: fc.option(fc.string({ maxLength: 120 }), { nil: null }),
    published: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
    sentence: fc.string({ unit: 'grapheme', maxLength: 3000 }),
  });
  const replyArb: fc.Arbitrary<Reply> = fc.record({
    title: hostile,
    intro: fc.option(fc.string({ unit: 'grapheme', maxLength: 3000 }), { nil: undefined }),
    items: fc.array(fc.record({ label: fc.option(hostile, { nil: undefined }), text: fc.oneof(hostile, fc.string({ maxLength: 8000 })), sources: fc.array(source, { maxLength: 30 }) }), { maxLength: 40 }),
    tone: fc.constantFrom('answer' as const, 'info' as const, 'warning' as const, 'error' as const),
    ephemeral: fc.boolean(),
    numbered: fc.boolean(),
    footer: fc.option(fc.string({ maxLength: 3000 }), { nil: undefined }),
  }).map((r) => {
    const out: Reply = { title: r.title, items: r.items.map((i) => ({ text: i.text, sources: i.sources, ...(i.label !== undefined ? { label: i.label } : {}) })), tone: r.tone, ephemeral: r.ephemeral, numbered: r.numbered };
    if (r.intro !== undefined) out.intro = r.intro;
    if (r.footer !== undefined) out.footer = r.footer;
    return out;
  });

  it('any reply, any page: within every limit, no mentions, no unescaped markdown, < 100 ms', () => {
    const times: number[] = [];
    fc.assert(
      fc.property(replyArb, fc.nat(5), (reply, page) => {
        const r = timed(() => renderReply(reply, { page, pageCustomId: (p) => `pg|x|${p}|{}`, evidenceValue: (s) => `${s.article.slice(0, 50)}#1` }), times);
        expect(r.payload.allowedMentions.parse).toEqual([]);
        expect(payloadViolations(toMessagePayload(r.payload))).toEqual([]);
        expect(unsafeSpots(r.payload.embeds[0]?.title ?? '')).toEqual([]);
      }),
      { numRuns: 200 },
    );
    expect(stats(times).max).toBeLessThan(PER_CALL_MS);
  });

  it('escapeText: nothing unescaped survives, and unescaping gives the text back', () => {
    fc.assert(
      fc.property(fc.oneof(hostile, fc.string({ unit: 'binary', maxLength: 500 })), (text) => {
        const escaped = escapeText(text);
        expect(unsafeSpots(escaped)).toEqual([]);
        if (!text.includes('\u200b')) expect(unescapeText(escaped)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('fitChoices: any choices end up inside the autocomplete limits', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ name: hostile, value: hostile }), { maxLength: 60 }), (choices) => {
        expect(choiceViolations(fitChoices(choices))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
