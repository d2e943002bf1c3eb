// Prepares many articles on worker threads (both cores), in batches, reporting progress as batches finish.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RawArticle } from './load.js';
import type { PreparedArticle } from './prepared.js';


export function defaultWorkers(): number {
  return Math.max(1, Math.min(availableParallelism(), 8));
}

export async function prepareInWorkers(raws: RawArticle[], workers: number, onDone?: (count: number) => void): Promise<PreparedArticle[]> {
  const results: PreparedArticle[] = new Array(raws.length);
  let next = 0;
  // Small batches keep both workers busy to the end and progress moving; large ones cost fewer messages.
  const batchSize = Math.max(1, Math.min(25, Math.ceil(raws.length / (workers * 4))));
  const pool = Array.from({ length: Math.min(workers, Math.ceil(raws.length / batchSize)) }, () => new Worker(new URL('./worker-boot.mjs', import.meta.url)));
  try {
    await Promise.all(pool.map((worker) => new Promise<void>((resolve, reject) => {
      let batchStart = 0;
      const send = () => {
        if (next >= raws.length) {
          resolve();
          return;
        }
        batchStart = next;
        next = Math.min(raws.length, next + batchSize);
        worker.postMessage(raws.slice(batchStart, next));
      };
      worker.on('message', (batch: PreparedArticle[]) => {
        batch.forEach((p, i) => {
          results[batchStart + i] = p;
        });
        onDone?.(batch.length);
        send();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => {
        if (code !== 0) reject(new Error(`extraction worker exited with code ${code}`));
      });
      send();
    })));
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}
