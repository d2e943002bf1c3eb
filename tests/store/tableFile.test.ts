// The table file: encoded item by item (so a running bot can store it in slices), it is the same file however
// it is written, its header is the checksum of its body, and it reads back as the table that was written.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, writeCorpus } from '../../src/bench/generate.ts';
import { extractFromDir } from '../../src/extract/index.ts';
import type { FactTable } from '../../src/facts/schema.ts';
import { decodeTable, encodeTable, readTable, writeTable } from '../../src/store/tableFile.ts';

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
    expect(header.format).toBe('dossier-table/2');
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
