// A list answer says which sources each of its lines has, so a reply shown page by page cites, on every page,
// the sources of what that page shows (a long list used to carry all its sources on its last chunk only).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, buildIndex, dedupeSources, type AnswerIndex } from '../../src/answer/index.ts';
import { MONTHS } from '../../src/answer/dates.ts';
import { generateCorpus, writeCorpus } from '../../src/bench/generate.ts';
import { renderReply } from '../../src/discord/render.ts';
import { answerReply } from '../../src/discord/reply.ts';
import { extractFromDir } from '../../src/extract/index.ts';
import type { Answer, Source } from '../../src/facts/schema.ts';

let dir: string;
let index: AnswerIndex;
let busiestMonth: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dossier-parts-'));
  await writeCorpus(path.join(dir, 'seeds'), generateCorpus({ articles: 120, seed: 'parts' }), { planted: false });
  index = buildIndex(await extractFromDir(path.join(dir, 'seeds')));
  const perMonth = new Map<number, number>();
  for (const e of index.table.events) {
    const month = e.kind === 'defection' && e.date?.value ? Number(e.date.value.slice(5, 7)) : 0;
    if (month) perMonth.set(month, (perMonth.get(month) ?? 0) + 1);
  }
  const [month] = [...perMonth].sort((a, b) => b[1] - a[1])[0]!;
  busiestMonth = MONTHS[month - 1]!;
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const key = (s: Source) => `${s.article}\u0000${s.sentence}`;

describe('list answers, line by line', () => {
  const questions = () => [`who defected in ${busiestMonth}?`, 'who defected?'];

  it('the lines are the text, each listed fact has its own sources, and together they are the answer\'s sources', () => {
    for (const q of questions()) {
      const a: Answer = answer(index, q);
      expect(a.parts, q).toBeDefined();
      const parts = a.parts!;
      expect(parts.map((p) => p.text).join('\n')).toBe(a.text);
      expect(parts[0]!.sources).toEqual([]); // the heading
      expect(parts.length).toBeGreaterThan(5);
      for (const p of parts.slice(1)) expect(p.sources.length, p.text).toBeGreaterThan(0);
      expect(new Set(parts.flatMap((p) => p.sources.map(key)))).toEqual(new Set(a.sources.map(key)));
    }
  });

  it('rendered page by page, every page cites sources, and the pages together cite every source', () => {
    for (const q of questions()) {
      const a = answer(index, q);
      const reply = answerReply('Answer', a);
      const pages = renderReply(reply).pageCount;
      expect(pages, q).toBeGreaterThan(1);
      let cited = 0;
      for (let page = 0; page < pages; page++) {
        const fields = renderReply(reply, { page }).payload.embeds[0]!.fields ?? [];
        expect(fields.length, `${q} page ${page + 1}`).toBeGreaterThan(0);
        cited += fields.length;
      }
      expect(cited).toBeGreaterThanOrEqual(dedupeSources(a.sources).length);
    }
  });
});
