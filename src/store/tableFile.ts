// Reading and writing the fact table file. Writes are atomic (temp file, fsync, rename) and keep the
// previous table beside it, so a crash mid-write never leaves a half table where the bot reads.
import { copyFile, link, mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { FactTable } from '../facts/schema.js';

export const previousFileOf = (file: string) => file.replace(/\.json$/, '') + '.prev.json';

export async function writeFileAtomic(file: string, data: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(data, 'utf8');
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

export async function writeTable(file: string, table: FactTable): Promise<void> {
  await keepPrevious(file);
  await writeFileAtomic(file, JSON.stringify(table));
}

/** Parses and validates a stored table; throws with a readable reason when it is missing or broken. */
export async function readTable(file: string): Promise<FactTable> {
  const text = await readFile(file, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${(error as Error).message})`);
  }
  const parsed = FactTable.safeParse(json);
  if (!parsed.success) throw new Error(`${file} does not match the fact-table schema: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
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
