// Stage 0: read a seeds folder and its manifest into raw articles, with per-file warnings.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import path from 'node:path';
import { z } from 'zod';

export const ManifestEntry = z.object({
  published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'published must be YYYY-MM-DD'),
  outlet: z.string().min(1),
  title: z.string().optional(),
  url: z.string().optional(),
});
export type ManifestEntry = z.infer<typeof ManifestEntry>;

export interface RawArticle {
  id: string;
  file: string;
  raw: string;
  hash: string;
  meta: ManifestEntry | null;
}

export interface LoadWarning {
  article: string | null;
  message: string;
}

const READ_BATCH = 64;

/** Largest article we accept; bigger files are refused with a warning (they are not news articles). */
export const MAX_ARTICLE_BYTES = 1_000_000;

export function articleIdOf(file: string): string {
  return file.replace(/\.txt$/i, '');
}

export function hashText(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Is this a real calendar date, not in the future? Returns the reason it is not, or null. */
export function checkPublished(value: string, today = new Date()): string | null {
  const time = Date.parse(`${value}T00:00:00Z`);
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value) return `"${value}" is not a real date`;
  if (time > today.getTime()) return `"${value}" is in the future`;
  return null;
}

/** Decodes bytes as strict UTF-8 text; null for binary or non-UTF-8 content. */
export function decodeArticle(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  // Control characters other than tab/newline/CR mean binary content.
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text)) return null;
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/**
 * Reads and validates manifest.json. `previous` holds entries validated by an earlier read: an entry whose
 * fields are the same strings is taken as it is, so a refresh of a large folder validates only what changed.
 */
export async function readManifest(dir: string, previous?: ReadonlyMap<string, ManifestEntry>): Promise<{ entries: Map<string, ManifestEntry>; warnings: LoadWarning[] }> {
  const entries = new Map<string, ManifestEntry>();
  const warnings: LoadWarning[] = [];
  let text: string;
  try {
    text = await readFile(path.join(dir, 'manifest.json'), 'utf8');
  } catch {
    warnings.push({ article: null, message: 'no manifest.json: articles load without outlet or publication date' });
    return { entries, warnings };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    warnings.push({ article: null, message: `manifest.json is not valid JSON (${(error as Error).message}); articles load without metadata` });
    return { entries, warnings };
  }
  // A JSON object's keys are strings, so the object itself is the check (a schema for it copied 10,000 entries).
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    warnings.push({ article: null, message: 'manifest.json must be an object mapping file names to { published, outlet }' });
    return { entries, warnings };
  }
  for (const [file, value] of Object.entries(parsed)) {
    const before = previous?.get(file);
    if (before && sameFields(value, before)) {
      entries.set(file, before);
      continue;
    }
    const entry = ManifestEntry.safeParse(value);
    if (!entry.success) {
      warnings.push({ article: articleIdOf(file), message: `manifest entry ignored: ${entry.error.issues.map((i) => i.message).join('; ')}` });
      continue;
    }
    const bad = checkPublished(entry.data.published);
    if (bad) {
      warnings.push({ article: articleIdOf(file), message: `manifest entry ignored: published ${bad}` });
      continue;
    }
    entries.set(file, entry.data);
  }
  return { entries, warnings };
}

/** True when a manifest value has exactly the fields of a validated entry, with the same values. */
function sameFields(value: unknown, entry: ManifestEntry): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.keys(value).length === Object.keys(entry).length && sameEntry(value as ManifestEntry, entry);
}

/** A seeds folder as read: its good articles, and a warning for everything skipped. */
export interface SeedsFolder {
  articles: RawArticle[];
  warnings: LoadWarning[];
  /** Each file's size, modification time and decoded text, so the next read skips files that did not change. */
  files?: ReadonlyMap<string, FileRead>;
}

/** One file as read: its stamp, and its text and hash or why it was skipped. */
export interface FileRead {
  size: number;
  mtimeMs: number;
  text: { raw: string; hash: string } | { skipped: string };
}

/** Files stamped per turn of the event loop: a few milliseconds, so questions asked meanwhile barely wait. */
const STAT_SLICE = 500;

/**
 * Size and modification time of files in a folder. Synchronous calls in slices: a stat of a cached inode takes
 * microseconds, while a promise per file through the thread pool cost about three times as much in all
 * (measured on 10,000 files).
 */
export async function statFiles(dir: string, names: readonly string[]): Promise<Array<{ size: number; mtimeMs: number }>> {
  const stamps: Array<{ size: number; mtimeMs: number }> = [];
  // The names come from readdir (no separators), so joining once saves path.join's normalising per file.
  const prefix = path.join(dir, path.sep);
  for (let i = 0; i < names.length; i += STAT_SLICE) {
    if (i > 0) await nextTurn();
    for (const name of names.slice(i, i + STAT_SLICE)) {
      const { size, mtimeMs } = statSync(prefix + name);
      stamps.push({ size, mtimeMs });
    }
  }
  return stamps;
}

/** Every field of a manifest entry; the compiler insists a new field is listed here, so it is compared too. */
const ENTRY_FIELDS = Object.keys({ published: true, outlet: true, title: true, url: true } satisfies Record<keyof ManifestEntry, true>) as Array<keyof ManifestEntry>;

const sameEntry = (a: ManifestEntry | null, b: ManifestEntry | null): boolean => a === b || (!!a && !!b && ENTRY_FIELDS.every((f) => a[f] === b[f]));

/** Decodes one file's bytes, or says why it is skipped. */
function readArticleBytes(bytes: Buffer): FileRead['text'] {
  if (bytes.length > MAX_ARTICLE_BYTES) return { skipped: `skipped: ${bytes.length} bytes is over the ${MAX_ARTICLE_BYTES}-byte limit` };
  const raw = decodeArticle(bytes);
  if (raw === null) return { skipped: 'skipped: not UTF-8 text (binary or another encoding)' };
  if (!raw.trim()) return { skipped: 'skipped: the file is empty' };
  return { raw, hash: hashText(raw) };
}

/**
 * Reads every `.txt` file of a folder with its manifest entry. Bad files become warnings, never exceptions.
 * With the folder as `previous`ly read, a file whose size and modification time are unchanged is not read
 * again (what make and git assume too): a refresh of a large folder reads only what changed.
 */
export async function readSeeds(dir: string, previous?: SeedsFolder): Promise<SeedsFolder> {
  let validated: Map<string, ManifestEntry> | undefined;
  if (previous) {
    validated = new Map();
    for (const a of previous.articles) if (a.meta) validated.set(a.file, a.meta);
  }
  const { entries, warnings } = await readManifest(dir, validated);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new Error(`cannot read the seeds folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const files = names.filter((f) => f.toLowerCase().endsWith('.txt')).sort();
  const articles: RawArticle[] = [];
  const seenHashes = new Map<string, string>();
  // Files are stamped and read in parallel batches (a large folder is thousands of small files), then
  // checked in order.
  const reads = new Map<string, FileRead>();
  const stamps = await statFiles(dir, files);
  const previousArticles = new Map((previous?.articles ?? []).map((a) => [a.file, a]));
  const changed: number[] = [];
  files.forEach((f, k) => {
    const before = previous?.files?.get(f);
    const now = stamps[k]!;
    if (before && before.size === now.size && before.mtimeMs === now.mtimeMs) reads.set(f, before);
    else changed.push(k);
  });
  for (let i = 0; i < changed.length; i += READ_BATCH) {
    const batch = changed.slice(i, i + READ_BATCH);
    const contents = await Promise.all(batch.map((k) => readFile(path.join(dir, files[k]!))));
    batch.forEach((k, j) => {
      const { size, mtimeMs } = stamps[k]!;
      reads.set(files[k]!, { size, mtimeMs, text: readArticleBytes(contents[j]!) });
    });
  }
  for (const file of files) {
    const id = articleIdOf(file);
    const read = reads.get(file)!.text;
    if ('skipped' in read) {
      warnings.push({ article: id, message: read.skipped });
      continue;
    }
    const { raw, hash } = read;
    const twin = seenHashes.get(hash);
    if (twin) {
      warnings.push({ article: id, message: `skipped: same text as ${twin}` });
      continue;
    }
    seenHashes.set(hash, id);
    const meta = entries.get(file) ?? null;
    if (!meta) warnings.push({ article: id, message: 'no manifest entry: outlet and date unknown, relative dates stay relative' });
    // The same object as last time when nothing about the article changed: what is worked out per article
    // object (its cache key) is then not worked out again.
    const before = previousArticles.get(file);
    articles.push(before && before.raw === raw && sameEntry(before.meta, meta) ? before : { id, file, raw, hash, meta });
  }
  const present = new Set(files);
  for (const file of entries.keys()) {
    if (!present.has(file)) warnings.push({ article: articleIdOf(file), message: 'manifest lists a file that is not in the folder' });
  }
  return { articles, warnings, files: reads };
}
