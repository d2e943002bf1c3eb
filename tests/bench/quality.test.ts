// Scoring: the matcher on invented tables (so a wrong extraction really lowers the score), then the real
// extractor on a small generated corpus, held to floors measured on this machine (values in the comment
// below): defections found, quotes attributed, and no denial ever counted as a defection.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, writeCorpus } from '../../src/bench/generate.ts';
import type { Planted } from '../../src/bench/planted.ts';
import { normaliseText, quoteTextMatches, scoreTable, type Score } from '../../src/bench/score.ts';
import { extractFromDir } from '../../src/extract/index.ts';
import type { Evidence, FactTable } from '../../src/facts/schema.ts';

describe('text matching', () => {
  it.each([
    ['“Curly,” quotes.', 'curly," quotes'],
    ['  Many   spaces , ', 'many spaces'],
    ['Ação', 'acao'],
  ])('normaliseText(%j) = %j', (input, out) => {
    expect(normaliseText(input)).toBe(out);
  });

  it.each([
    ['The regime has fallen', 'The regime has fallen.', true],
    ['the regime has fallen', 'The regime has fallen', true],
    ['The regime has fallen', 'The regime has fallen. We are free', true],
    ['We are free', 'The regime has fallen. We are free of it all now', false],
    ['Something else entirely', 'The regime has fallen', false],
    ['yes', 'yes sir', false],
  ])('quoteTextMatches(%j, %j) = %s', (extracted, planted, expected) => {
    expect(quoteTextMatches(extracted, planted)).toBe(expected);
  });
});

// A two-article invented table and its planted facts; each case changes the table and states the score.
const ev = (article: string, text: string): Evidence => ({ article, sentence: 0, start: 0, end: text.length, text });
function baseTable(): FactTable {
  const article = (id: string) => ({ id, file: `${id}.txt`, outlet: 'Kelsk Courier', published: '2015-03-04', title: id, text: '', sentences: [], hash: id });
  return {
    schema: 1,
    extractorVersion: 'test',
    generatedAt: '2015-03-04T00:00:00Z',
    articles: [article('a1'), article('a2')],
    people: [
      { id: 'ivo', name: 'Ivo Bralorov', aliases: ['Ivo Bralorov', 'Ivo Brallorov', 'Bralorov'], roles: [], attributes: [], articles: ['a1', 'a2'], mentions: [] },
      { id: 'rada', name: 'Rada Velistin', aliases: ['Rada Velistin'], roles: [], attributes: [], articles: ['a1'], mentions: [] },
    ],
    events: [
      { id: 'e1', kind: 'defection', person: 'ivo', subject: 'Ivo Bralorov', role: null, date: { text: 'on Monday', value: '2015-03-02', precision: 'day', from: '2015-03-02', to: '2015-03-02', qualifier: null }, place: null, announcedVia: null, helpedBy: [], evidence: ev('a1', 'Ivo Bralorov defected on Monday.') },
      { id: 'e2', kind: 'defection', person: 'ivo', subject: 'Ivo Brallorov', role: null, date: null, place: null, announcedVia: null, helpedBy: [], evidence: ev('a2', 'Ivo Brallorov, who defected in March.') },
    ],
    quotes: [
      { id: 'q1', text: 'The regime has fallen', speaker: 'ivo', speakerName: 'Ivo Bralorov', addressee: null, via: null, evidence: ev('a1', '"The regime has fallen," he said.') },
      { id: 'q2', text: 'a fabrication', speaker: null, speakerName: 'The interior ministry', addressee: null, via: null, evidence: ev('a1', '') },
    ],
    warnings: [],
  };
}
const planted: Planted = {
  seed: 't',
  articles: 2,
  people: [
    { id: 'p1', name: 'Ivo Bralorov', spellings: ['Ivo Bralorov', 'Ivo Brallorov'], role: 'colonel', age: 50, hometown: 'Kelsk', loyalist: false, defected: '2015-03-02' },
    { id: 'p2', name: 'Rada Velistin', spellings: ['Rada Velistin'], role: 'minister', age: 44, hometown: 'Kelsk', loyalist: true, defected: null },
  ],
  defections: [
    { person: 'p1', name: 'Ivo Bralorov', written: 'Ivo Bralorov', article: 'a1', date: { value: '2015-03-02', precision: 'day', text: 'on Monday' }, role: 'colonel', inPassing: false },
    { person: 'p1', name: 'Ivo Bralorov', written: 'Ivo Brallorov', article: 'a2', date: { value: '2015-03', precision: 'month', text: 'in March' }, role: 'colonel', inPassing: true },
  ],
  quotes: [
    { speaker: 'p1', speakerName: 'Ivo Bralorov', written: 'Ivo Bralorov', article: 'a1', text: 'The regime has fallen', addressee: null },
    { speaker: null, speakerName: 'the Tarvian interior ministry', written: 'the interior ministry', article: 'a1', text: 'a fabrication', addressee: null },
  ],
  denials: [{ person: 'p2', name: 'Rada Velistin', written: 'Rada Velistin', article: 'a1' }],
  events: [],
};

type Case = [string, (t: FactTable) => void, { dp: number; dr: number; date: number; qp: number; qr: number; denied: number }];
const cases: Case[] = [
  ['as extracted', () => undefined, { dp: 1, dr: 1, date: 0.5, qp: 1, qr: 1, denied: 0 }],
  ['a defection missed', (t) => t.events.splice(1, 1), { dp: 1, dr: 0.5, date: 1, qp: 1, qr: 1, denied: 0 }],
  ['a denial counted as a defection', (t) => t.events.push({ ...t.events[0]!, id: 'e3', person: 'rada', subject: 'Rada Velistin' }), { dp: 2 / 3, dr: 1, date: 0.5, qp: 1, qr: 1, denied: 1 }],
  ['a duplicate event for one person and article counts once', (t) => t.events.push({ ...t.events[0]!, id: 'e4' }), { dp: 1, dr: 1, date: 0.5, qp: 1, qr: 1, denied: 0 }],
  ['a quote given to the wrong speaker', (t) => Object.assign(t.quotes[0]!, { speaker: 'rada', speakerName: 'Rada Velistin' }), { dp: 1, dr: 1, date: 0.5, qp: 0.5, qr: 0.5, denied: 0 }],
  ['an unplanted quote', (t) => t.quotes.push({ ...t.quotes[0]!, id: 'q3', text: 'Nothing like this was said' }), { dp: 1, dr: 1, date: 0.5, qp: 2 / 3, qr: 1, denied: 0 }],
  ['an institution quote without speaker', (t) => Object.assign(t.quotes[1]!, { speakerName: null }), { dp: 1, dr: 1, date: 0.5, qp: 0.5, qr: 0.5, denied: 0 }],
];

describe('scoreTable', () => {
  it.each(cases)('%s', (_name, change, want) => {
    const table = baseTable();
    change(table);
    const s = scoreTable(table, planted);
    expect(s.defections.precision).toBeCloseTo(want.dp);
    expect(s.defections.recall).toBeCloseTo(want.dr);
    expect(s.defections.dateAccuracy).toBeCloseTo(want.date);
    expect(s.quotes.precision).toBeCloseTo(want.qp);
    expect(s.quotes.recall).toBeCloseTo(want.qr);
    expect(s.denialsCounted).toBe(want.denied);
  });

  it('matches quotes one to one: a short quote and the full line it comes from are both found', () => {
    const short = 'a government that kills its own people';
    const full = 'I can no longer serve a government that kills its own people';
    const both: Planted = { ...planted, quotes: [...planted.quotes, ...[short, full].map((text) => ({ ...planted.quotes[0]!, article: 'a2', text }))] };
    const table = baseTable();
    for (const [i, text] of [full, short].entries()) table.quotes.push({ ...table.quotes[0]!, id: `q${i + 3}`, text, evidence: ev('a2', text) });
    const s = scoreTable(table, both);
    expect(s.quotes.recall).toBe(1);
    expect(s.quotes.precision).toBe(1);
  });
});

describe('the real extractor on a generated corpus', () => {
  let dir: string;
  let score: Score;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dossier-quality-'));
    const corpus = generateCorpus({ articles: 30, seed: 'quality' });
    await writeCorpus(dir, corpus);
    score = scoreTable(await extractFromDir(dir), corpus.planted);
  }, 120_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  // Floors: measured values on seed "quality" minus a margin, so an extractor change that loses ground fails.
  it.each([
    // measured 2026-11-22 (extractor 1.x): recall 0.526, main-story recall 1.0, precision 0.769, dates 1.0,
    // quote text 1.0, quote recall 0.884, quote precision 0.884.
    ['defection recall', 0.48, () => score.defections.recall],
    ['defection recall, main stories', 0.85, () => score.defections.mainRecall],
    ['defection precision', 0.7, () => score.defections.precision],
    ['defection date accuracy (found ones)', 0.9, () => score.defections.dateAccuracy],
    ['quote text recall', 0.95, () => score.quotes.textRecall],
    ['quote recall (text and speaker)', 0.8, () => score.quotes.recall],
    ['quote precision', 0.8, () => score.quotes.precision],
  ])('%s >= %s', (_name, floor, value) => {
    expect(value()).toBeGreaterThanOrEqual(floor);
  });

  it('never counts a denied defection', () => {
    expect(score.denials).toBeGreaterThan(0);
    expect(score.denialsCounted).toBe(0);
  });
});
