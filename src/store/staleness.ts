// Has the seeds folder changed since the stored table was written? At start-up that means a stat of every file
// (70-170 ms for 10,000 articles here), so it runs on a worker thread while this one parses the table, and
// start-up pays only for starting the thread (about 4 ms).
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

type Fs = { statSync: (file: string) => { mtimeMs: number }; readdirSync: (dir: string) => string[] };
type Path = { join: (...parts: string[]) => string };

/**
 * True when the folder or any file in it was modified after `since` (ms). Self-contained (no imports, no
 * closure) because its source text is also what the worker thread runs.
 */
export function changedSince(fs: Fs, path: Path, dir: string, since: number): boolean {
  if (fs.statSync(dir).mtimeMs > since) return true;
  for (const name of fs.readdirSync(dir)) if (fs.statSync(path.join(dir, name)).mtimeMs > since) return true;
  return false;
}

// An eval'd CommonJS worker, started without the parent's flags: with `--import tsx` inherited, the thread
// would start the TypeScript loader first and take a quarter of a second longer.
const WORKER_SOURCE = `const { parentPort, workerData } = require('node:worker_threads');
parentPort.postMessage((${changedSince.toString()})(require('node:fs'), require('node:path'), workerData.dir, workerData.since));`;

function inWorker(dir: string, since: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { dir, since } });
    worker.unref();
    worker.once('message', (changed: boolean) => resolve(changed));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the staleness check stopped (exit ${code})`)));
  });
}

/**
 * Starts checking, at once and off this thread, whether anything in `seedsDir` is newer than `dataFile`. Rejects
 * when the table file or the folder cannot be read. If the worker cannot run, the check runs here instead.
 */
export function seedsChangedSince(seedsDir: string, dataFile: string): Promise<boolean> {
  let since: number;
  try {
    since = fs.statSync(dataFile).mtimeMs;
  } catch (error) {
    return Promise.reject(error);
  }
  return inWorker(seedsDir, since).catch(() => changedSince(fs, path, seedsDir, since));
}
