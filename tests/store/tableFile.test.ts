// The table file: encoded item by item (so a running bot can store it in slices), it is the same file however
// it is written, its header is the checksum of its body, and it reads back as the table that was written,
// including records that do not fit the packed form, and files written in the previous format.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, writeCorpus } from '../../src/bench/generate.ts';
import { extractFromDir } from '../../src/extract/index.ts';
import type { FactTable } from '../../src/facts/schema.ts';
import { decodeTable, encodeTable, readTable, writeTable } from '../../src/store/tableFile.ts';
import { fixtureTable } from '../support/fixtureTable.ts';

let dir: string;
const tables: Record<string, FactTable> = {};
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dossier-tablefile-'));
  tables.seeds = { ...(await extractFromDir('seeds')), sourceFingerprint: 'f'.repeat(64) };
  const corpus = generateCorpus({ articles: 30, seed: 'table-file' });
  await writeCorpus(path.join(dir, 'gen'), corpus, { planted: false });
  tables.generated = await extractFromDir(path.join(dir, 'gen')); // no sourceFingerprint: the key is left out
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the table file', () => {
  it.each(['seeds', 'generated'])('%s: one header line with the body\'s sha256, and a body of one JSON document', (name) => {
    const text = encodeTable(tables[name]!);
    const newline = text.indexOf('\n');
    const header = JSON.parse(text.slice(0, newline)) as { format: string; sha256: string };
    const body = text.slice(newline + 1);
    expect(header.format).toBe('dossier-table/3');
    expect(header.sha256).toBe(createHash('sha256').update(body).digest('hex'));
    const stored = JSON.parse(body) as Record<string, unknown>;
    expect(Object.keys(stored)).toEqual(Object.keys(tables[name]!).filter((k) => tables[name]![k as keyof FactTable] !== undefined));
  });

  it.each(['seeds', 'generated'])('%s: reads back as the table written', (name) => {
    expect(decodeTable(encodeTable(tables[name]!), name)).toEqual(JSON.parse(JSON.stringify(tables[name]!)));
  });

  it.each(['seeds', 'generated'])('%s: written in slices, the file is byte for byte the one written in one go', async (name) => {
    const once = path.join(dir, `${name}-once.json`);
    const sliced = path.join(dir, `${name}-sliced.json`);
    await writeTable(once, tables[name]!);
    await writeTable(sliced, tables[name]!, 0); // a turn of the event loop after every item
    expect(await readFile(sliced, 'utf8')).toBe(await readFile(once, 'utf8'));
    expect(await readFile(once, 'utf8')).toBe(encodeTable(tables[name]!));
    expect(await readTable(sliced)).toEqual(JSON.parse(JSON.stringify(tables[name]!)));
  });
});

describe('the body is ASCII', () => {
  it.each(['seeds', 'generated'])('%s: every character outside ASCII is written as an escape', (name) => {
    expect(JSON.stringify(tables[name]!)).toMatch(/[^\x00-\x7f]/); // the table has some (curly quotes, accents)
    expect(encodeTable(tables[name]!)).toMatch(/^[\x00-\x7f]*$/);
  });

  it('letters, characters beyond the basic plane and a lone surrogate read back as they were', () => {
    const odd = 'Zoë said: \u201cwe left\u201d \u{1F600} \ud800 end';
    const table = oddly((t) => (t.quotes[0]!.speakerName = odd));
    const text = encodeTable(table);
    expect(text).toMatch(/^[\x00-\x7f]*$/);
    expect(decodeTable(text, 'odd').quotes[0]!.speakerName).toBe(odd);
    expect(decodeTable(Buffer.from(text, 'latin1'), 'odd')).toEqual(table);
  });

  it('a body written in UTF-8 (by the writer before this one) reads the same', () => {
    const text = encodeTable(tables.seeds!);
    const body = JSON.stringify(JSON.parse(text.slice(text.indexOf('\n') + 1)));
    expect(body).toMatch(/[^\x00-\x7f]/);
    const header = JSON.stringify({ format: 'dossier-table/3', sha256: createHash('sha256').update(body).digest('hex') });
    expect(decodeTable(Buffer.from(`${header}\n${body}`, 'utf8'), 'utf8.json')).toEqual(decodeTable(text, 'ascii.json'));
  });
});

/** A deep copy of a table, changed by `edit`: records the packed form cannot hold must be stored whole. */
function oddly(edit: (t: FactTable) => void): FactTable {
  const t = structuredClone({ ...fixtureTable(2), extractorVersion: '0.0.0-test', generatedAt: '2031-07-01T00:00:00.000Z' });
  edit(t);
  return t;
}

describe('records stored whole', () => {
  const cases: Array<{ name: string; table: FactTable; packedSentences: number; packedEvidence: (body: string) => boolean }> = [
    { name: 'an ordinary table: every sentence list and evidence packed', table: oddly(() => undefined), packedSentences: 3, packedEvidence: (b) => !b.includes('"evidence":{') },
    {
      name: 'an evidence whose text is not its sentence',
      table: oddly((t) => (t.people[0]!.roles[0]!.evidence.text = 'Other words entirely.')),
      packedSentences: 3,
      packedEvidence: (b) => b.includes('"text":"Other words entirely."'),
    },
    {
      name: 'an evidence citing an article that is not in the table',
      table: oddly((t) => (t.events[0]!.evidence = { article: 'gone_999', sentence: 4, start: 1, end: 9, text: 'A sentence from a removed article.' })),
      packedSentences: 3,
      packedEvidence: (b) => b.includes('"article":"gone_999"'),
    },
    {
      name: 'a sentence whose text is not the article text at its offsets',
      table: oddly((t) => (t.articles[1]!.sentences[0]!.text = 'Rewritten.')),
      packedSentences: 2,
      packedEvidence: (b) => b.includes('"text":"Rewritten."'),
    },
    {
      name: 'sentences not numbered in order',
      table: oddly((t) => (t.articles[0]!.sentences[1]!.index = 7)),
      packedSentences: 2,
      packedEvidence: (b) => b.includes('"index":7'),
    },
  ];
  it.each(cases)('$name: reads back as written', ({ table, packedSentences, packedEvidence }) => {
    const text = encodeTable(table);
    const body = JSON.parse(text.slice(text.indexOf('\n') + 1)) as { articles: Array<{ sentences: unknown[] }> };
    expect(body.articles.filter((a) => typeof a.sentences[0] === 'number')).toHaveLength(packedSentences);
    expect(packedEvidence(text)).toBe(true);
    expect(decodeTable(text, 'odd')).toEqual(table);
  });
});

describe('a file written in format 2', () => {
  // Written by format 2's writer from fixtureTable(2) (records as objects, texts equal to the article's left out).
  const FILE = 'tests/fixtures/table/format2.json';
  it('reads back as the table it was written from', async () => {
    expect(await readFile(FILE, 'utf8')).toMatch(/^\{"format":"dossier-table\/2"/);
    expect(await readTable(FILE)).toEqual({ ...fixtureTable(2), extractorVersion: '0.0.0-fixture', generatedAt: '2031-07-01T00:00:00.000Z' });
  });
  it('an unknown format is refused with both formats named', () => {
    const text = encodeTable(oddly(() => undefined)).replace('dossier-table/3', 'dossier-table/9');
    expect(() => decodeTable(text, 'future.json')).toThrow('future.json is in format dossier-table/9; this version reads dossier-table/3');
  });
});
