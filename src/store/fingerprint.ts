// A digest of what a table is made from: every article's content, id and manifest entry, the folder-level
// warnings, and the extractor version. Equal digests mean a refresh would produce the same table.
import { createHash } from 'node:crypto';
import { ArticleCache } from '../extract/cache.js';
import { readSeeds, type SeedsFolder } from '../extract/load.js';
import { EXTRACTOR_VERSION } from '../extract/version.js';

export async function seedsFingerprint(seedsDir: string): Promise<string> {
  return fingerprintOf(await readSeeds(seedsDir));
}

/** The digest of a folder already read with `readSeeds`. */
export function fingerprintOf({ articles, warnings }: SeedsFolder): string {
  const hash = createHash('sha256').update(EXTRACTOR_VERSION);
  for (const key of articles.map((a) => ArticleCache.keyOf(a)).sort()) hash.update('\0').update(key);
  hash.update('\0').update(JSON.stringify(warnings));
  return hash.digest('hex');
}
