// Reading and writing the fact table file. Writes are atomic (temp file, fsync, rename) and keep the
// previous table beside it, so a crash mid-write never leaves a half table where the bot reads.
//
// The file is a one-line header (format and the sha256 of the rest) and the table as compact JSON. Most of
// start-up is parsing it, and parsing costs per object more than per byte, so the many small records are
// stored as arrays of numbers: an article's sentences as one flat array of (paragraph, start, end), and an
// evidence as (article's position in the table, sentence, start, end). Their texts are restored on reading as
// slices of the article's text (sharing its memory). A record that does not fit that shape (a sentence whose
// text is not the article's text at its offsets, an evidence citing an article not in the table or quoting
// other words) is stored whole. A file whose checksum matches is what writeTable wrote from a validated table,
// so it is not validated again; a file without the header is validated in full.
//
// The JSON is written in ASCII, with other characters as \u escapes (it parses to the same strings): bytes that
// are all ASCII become a string without decoding UTF-8, which at 10,000 articles saves about 0.1 s of start-up.
import { createHash } from 'node:crypto';
import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { copyFile, link, mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { runMaybeSliced, runSteps, type Steps } from '../extract/steps.js';
import { FactTable, type Article, type Evidence } from '../facts/schema.js';

export const previousFileOf = (file: string) => file.replace(/\.json$/, '') + '.prev.json';

/** Writes a file atomically; `data` may be given as pieces, written in order. */
export async function writeFileAtomic(file: string, data: string | readonly string[]): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const handle = await open(temp, 'w');
  try {
    if (typeof data === 'string') await handle.writeFile(data, 'utf8');
    else for (const piece of data) await handle.writeFile(piece, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * Keep the current table as `.prev.json`, atomically too: a hard link (or, where links are not supported, a
 * synced copy) under a temporary name, then a rename. A crash part-way leaves the old `.prev.json` intact.
 */
async function keepPrevious(file: string): Promise<void> {
  const prev = previousFileOf(file);
  const temp = `${prev}.${process.pid}.${Date.now()}.tmp`;
  try {
    await link(file, temp);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // no earlier table to keep
    try {
      await copyFile(file, temp);
      const handle = await open(temp, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch {
      await unlink(temp).catch(() => undefined);
      return; // keeping the previous table is best effort; the new table is still written atomically
    }
  }
  try {
    await rename(temp, prev);
  } catch {
    await unlink(temp).catch(() => undefined);
  }
}

/**
 * Stores a table. With `sliceMs` (a running bot, after the table is served) it is encoded a few milliseconds at
 * a time, so questions are answered meanwhile: at 10,000 articles encoding it in one go blocks for about a second.
 */
export async function writeTable(file: string, table: FactTable, sliceMs?: number): Promise<void> {
  const pieces = await runMaybeSliced(encodedPieces(table), sliceMs);
  await keepPrevious(file);
  await writeFileAtomic(file, pieces);
}

/**
 * Parses a stored table; throws with a readable reason when it is missing or broken. The file is read in one
 * synchronous call: parsing it blocks for longer anyway, and the promise API reads it in many small chunks.
 */
export async function readTable(file: string): Promise<FactTable> {
  return decodeTable(readFileSync(file), file);
}

const FORMAT = 'dossier-table/3';
/** Format 2 stored records as objects, without the texts restored on reading; it reads the same way. */
const READABLE = new Set([FORMAT, 'dossier-table/2']);

interface Header {
  format: string;
  sha256: string;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

export function encodeTable(table: FactTable): string {
  return runSteps(encodedPieces(table)).join('');
}

/** Pieces of a stored body are gathered up to about this many characters before they are hashed and kept. */
const PIECE_CHARS = 1 << 20;

/**
 * The file's text in pieces, as steps of one stored item (an article, a person, an event or a quote): the
 * body is the JSON of the table with its items stored by storedItems(), built key by key and item by item, and
 * the header hashes it.
 */
function* encodedPieces(table: FactTable): Steps<string[]> {
  const pieces: string[] = [];
  const hash = createHash('sha256');
  let pending = '';
  const emit = (text: string) => {
    pending += asciiJson(text);
    if (pending.length >= PIECE_CHARS) flush();
  };
  const flush = () => {
    hash.update(pending);
    pieces.push(pending);
    pending = '';
  };
  const store = storedItems(table);
  let first = true;
  for (const [key, value] of Object.entries(table)) {
    if (value === undefined) continue; // as JSON.stringify leaves it out
    emit(`${first ? '{' : ','}${JSON.stringify(key)}:`);
    first = false;
    const items = key in store ? (value as unknown[]) : null;
    if (!items) {
      emit(JSON.stringify(value));
      continue;
    }
    const toStored = store[key as keyof typeof store] as (item: unknown) => unknown;
    emit('[');
    for (const [i, item] of items.entries()) {
      emit(`${i > 0 ? ',' : ''}${JSON.stringify(toStored(item))}`);
      yield;
    }
    emit(']');
  }
  emit('}');
  flush();
  const header: Header = { format: FORMAT, sha256: hash.digest('hex') };
  return [`${JSON.stringify(header)}\n`, ...pieces];
}

const NOT_ASCII = /[\u0080-\uffff]/g;
const escapeChar = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** JSON text with every character outside ASCII escaped (a pair of surrogates as two escapes, as JSON allows). */
export const asciiJson = (json: string) => json.replace(NOT_ASCII, escapeChar);

/** The text of bytes: copied as they are when all ASCII (what writeTable writes), decoded as UTF-8 otherwise. */
const textOf = (bytes: Buffer) => (isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8'));

/** Reads a table from the file's bytes (or text). The checksum is taken over the bytes, as they were written. */
export function decodeTable(data: string | Buffer, file: string): FactTable {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const newline = bytes.indexOf(0x0a);
  const lead = bytes.subarray(0, Math.max(0, newline)).toString('utf8');
  const header = newline > 0 && lead.startsWith('{"format":"dossier-table/') ? parseJson<Header>(lead, file) : null;
  if (header) {
    if (!READABLE.has(header.format)) throw new Error(`${file} is in format ${header.format}; this version reads ${FORMAT}`);
    const body = bytes.subarray(newline + 1);
    if (sha256(body) !== header.sha256) throw new Error(`${file} is damaged: its checksum does not match its content`);
    const stored = parseJson<StoredTable>(textOf(body), file);
    if (stored.schema !== 1) throw new Error(`${file} has table schema ${String(stored.schema)}, this version reads schema 1`);
    return expand(stored);
  }
  const parsed = FactTable.safeParse(parseJson<unknown>(bytes.toString('utf8'), file));
  if (!parsed.success) throw new Error(`${file} does not match the fact-table schema: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

function parseJson<T>(text: string, file: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${(error as Error).message})`);
  }
}

/** An evidence as stored: [position of its article in the table, sentence, start, end], or whole. */
type StoredEvidence = [number, number, number, number] | Stored<Evidence>;
type Stored<T extends { text: string }> = Omit<T, 'text'> & { text?: string };
type WithEvidence<T extends { evidence: Evidence }> = Omit<T, 'evidence'> & { evidence: StoredEvidence };
type Person = FactTable['people'][number];
/** Sentences as one flat array of (paragraph, start, end), or whole (format 2 left out texts equal to the slice). */
type StoredArticle = Omit<Article, 'sentences'> & { sentences: number[] | Array<Stored<Article['sentences'][number]>> };
type StoredPerson = Omit<Person, 'roles' | 'attributes' | 'mentions'> & {
  roles: Array<WithEvidence<Person['roles'][number]>>;
  attributes: Array<WithEvidence<Person['attributes'][number]>>;
  mentions: StoredEvidence[];
};
type StoredTable = Omit<FactTable, 'articles' | 'people' | 'events' | 'quotes'> & {
  articles: StoredArticle[];
  people: StoredPerson[];
  events: Array<WithEvidence<FactTable['events'][number]>>;
  quotes: Array<WithEvidence<FactTable['quotes'][number]>>;
};

/** True when an article's sentences are numbered in order and each is the article's text at its offsets. */
const plainSentences = (a: Article) => a.sentences.every((s, k) => s.index === k && s.text === a.text.slice(s.start, s.end));

/** Sentences as one flat list of (paragraph, start, end). */
function packSentences(sentences: Article['sentences']): number[] {
  const flat: number[] = [];
  for (const s of sentences) flat.push(s.paragraph, s.start, s.end);
  return flat;
}

/** How each listed item of a table is stored (see the top of this file). */
function storedItems(table: FactTable) {
  const position = new Map(table.articles.map((a, i) => [a.id, i]));
  const evidence = (e: Evidence): StoredEvidence => {
    const i = position.get(e.article);
    return i !== undefined && table.articles[i]!.sentences[e.sentence]?.text === e.text ? [i, e.sentence, e.start, e.end] : e;
  };
  const ev = <T extends { evidence: Evidence }>(item: T): WithEvidence<T> => ({ ...item, evidence: evidence(item.evidence) });
  return {
    articles: (a: Article): StoredArticle => ({ ...a, sentences: plainSentences(a) ? packSentences(a.sentences) : a.sentences }),
    people: (p: Person): StoredPerson => ({ ...p, roles: p.roles.map(ev), attributes: p.attributes.map(ev), mentions: p.mentions.map(evidence) }),
    events: ev<FactTable['events'][number]>,
    quotes: ev<FactTable['quotes'][number]>,
  };
}

/** Restores what storedItems() packed, in place; texts are slices that share the article text's memory. */
function expand(stored: StoredTable): FactTable {
  const articles = stored.articles as unknown as Article[];
  const byId = new Map<string, Article>();
  for (const a of stored.articles) {
    const packed = a.sentences;
    if (typeof packed[0] === 'number') {
      const flat = packed as number[];
      const sentences: Article['sentences'] = new Array(flat.length / 3);
      for (let k = 0, i = 0; i < flat.length; k++, i += 3) {
        const start = flat[i + 1]!;
        const end = flat[i + 2]!;
        sentences[k] = { index: k, paragraph: flat[i]!, start, end, text: a.text.slice(start, end) };
      }
      (a as unknown as Article).sentences = sentences;
    } else for (const s of packed as Array<Stored<Article['sentences'][number]>>) s.text ??= a.text.slice(s.start, s.end);
    byId.set(a.id, a as unknown as Article);
  }
  const evidence = (e: StoredEvidence): Evidence => {
    if (!Array.isArray(e)) {
      e.text ??= byId.get(e.article)?.sentences[e.sentence]?.text ?? '';
      return e as Evidence;
    }
    const [i, sentence, start, end] = e;
    const article = articles[i]!;
    return { article: article.id, sentence, start, end, text: article.sentences[sentence]!.text };
  };
  const withEvidence = <T extends { evidence: StoredEvidence }>(item: T) => {
    item.evidence = evidence(item.evidence);
  };
  for (const p of stored.people) {
    p.roles.forEach(withEvidence);
    p.attributes.forEach(withEvidence);
    p.mentions = p.mentions.map(evidence);
  }
  stored.events.forEach(withEvidence);
  stored.quotes.forEach(withEvidence);
  return stored as unknown as FactTable;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Deletes temporary files left beside the table (and its .prev.json) by a writer that died part-way. Only
 * files of processes that no longer run are removed (shards share the folder). Returns the names removed.
 */
export async function removeStaleTemps(file: string): Promise<string[]> {
  const dir = path.dirname(file);
  const bases = [path.basename(file), path.basename(previousFileOf(file))];
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const base = bases.find((b) => name.startsWith(`${b}.`));
    const m = base ? /^\.(\d+)\.\d+\.tmp$/.exec(name.slice(base.length)) : null;
    if (!m || processAlive(Number(m[1])) ) continue;
    await unlink(path.join(dir, name)).then(() => removed.push(name), () => undefined);
  }
  return removed;
}
