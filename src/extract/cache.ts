// Per-article cache of prepared (cleaned, split, tagged) articles, keyed by the article's content hash, its
// manifest metadata and the extractor version: a changed article is prepared again, an unchanged one is read
// back, and a new extractor version starts a fresh cache folder.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RawArticle } from './load.js';
import type { PreparedArticle } from './prepared.js';
import { writeFileAtomic } from '../store/tableFile.js';
import { getOrMake } from './collections.js';
import { EXTRACTOR_VERSION } from './version.js';

const keys = new WeakMap<RawArticle, string>();

export class ArticleCache {
  readonly dir: string;

  constructor(root: string, version = EXTRACTOR_VERSION) {
    this.dir = path.join(root, `v${version}`);
  }

  keyOf(raw: RawArticle): string {
    return ArticleCache.keyOf(raw);
  }

  /** Content hash, id and manifest entry: what an article's prepared form depends on. */
  static keyOf(raw: RawArticle): string {
    // Asked several times per refresh (fingerprint, extraction) for thousands of articles: worked out once each.
    return getOrMake(keys, raw, () => createHash('sha256').update(raw.hash).update('\0').update(raw.id).update('\0').update(JSON.stringify(raw.meta)).digest('hex').slice(0, 40));
  }

  private fileOf(raw: RawArticle): string {
    return path.join(this.dir, `${this.keyOf(raw)}.json`);
  }

  /** The prepared article, or null when it is not cached (or its file is unreadable). */
  async get(raw: RawArticle): Promise<PreparedArticle | null> {
    return readFile(this.fileOf(raw), 'utf8').then((text) => JSON.parse(text) as PreparedArticle).catch(() => null);
  }

  /** The same as get(), blocking: for the few articles a refresh must read again mid-way. */
  getSync(raw: RawArticle): PreparedArticle | null {
    try {
      return JSON.parse(readFileSync(this.fileOf(raw), 'utf8')) as PreparedArticle;
    } catch {
      return null;
    }
  }

  async put(raw: RawArticle, prepared: PreparedArticle): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFileAtomic(this.fileOf(raw), JSON.stringify(prepared));
  }
}
