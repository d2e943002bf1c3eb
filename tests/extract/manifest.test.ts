// manifest.json on a refresh: entries validated by the previous read are reused only when their fields are the
// same strings; anything else is validated again, so a changed or broken entry is caught as on a first read.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readManifest, type ManifestEntry } from '../../src/extract/load.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dossier-manifest-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const FIRST = { 'a.txt': { published: '2014-05-06', outlet: 'Kestova Post' }, 'b.txt': { published: '2014-05-07', outlet: 'Norland Wire', title: 'Two' } };

async function read(manifest: unknown, previous?: ReadonlyMap<string, ManifestEntry>) {
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  return readManifest(dir, previous);
}

describe('readManifest with the previous entries', () => {
  const cases: Array<{ name: string; change: Record<string, unknown>; reused: boolean; entry: ManifestEntry | null; warning?: RegExp }> = [
    { name: 'unchanged', change: {}, reused: true, entry: FIRST['b.txt'] },
    { name: 'a field changed', change: { outlet: 'Kestova Herald' }, reused: false, entry: { ...FIRST['b.txt'], outlet: 'Kestova Herald' } },
    { name: 'a field added', change: { url: 'https://example.org/two' }, reused: false, entry: { ...FIRST['b.txt'], url: 'https://example.org/two' } },
    { name: 'a field now broken', change: { published: '2014-02-30' }, reused: false, entry: null, warning: /not a real date/ },
    { name: 'a field of the wrong type', change: { outlet: 7 }, reused: false, entry: null, warning: /manifest entry ignored/ },
    { name: 'an unknown field (dropped, as on a first read)', change: { editor: 'someone' }, reused: false, entry: FIRST['b.txt'] },
  ];
  it.each(cases)('$name', async ({ change, reused, entry, warning }) => {
    const first = await read(FIRST);
    const again = await read({ ...FIRST, 'b.txt': { ...FIRST['b.txt'], ...change } }, first.entries);
    expect(again.entries.get('a.txt')).toBe(first.entries.get('a.txt'));
    expect(again.entries.get('b.txt') === first.entries.get('b.txt')).toBe(reused);
    if (entry) expect(again.entries.get('b.txt')).toEqual(entry);
    else expect(again.entries.has('b.txt')).toBe(false);
    if (warning) expect(again.warnings.map((w) => w.message).join('\n')).toMatch(warning);
  });

  it('a manifest that is not an object mapping file names is refused with a warning', async () => {
    for (const manifest of [[FIRST], 'text', null]) {
      const { entries, warnings } = await read(manifest);
      expect(entries.size).toBe(0);
      expect(warnings.map((w) => w.message)).toEqual(['manifest.json must be an object mapping file names to { published, outlet }']);
    }
  });
});
