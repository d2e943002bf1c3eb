// Worker thread: prepares (cleans, splits, tags) the articles it is sent and posts back their compact form.
import { parentPort } from 'node:worker_threads';
import { prepareArticle } from './articles.js';
import type { RawArticle } from './load.js';
import { serialise } from './prepared.js';

parentPort?.on('message', (batch: RawArticle[]) => {
  parentPort?.postMessage(batch.map((raw) => serialise(prepareArticle(raw))));
});
