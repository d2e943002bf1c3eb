// Rewrites tests/fixtures/golden/*.json from the current extractor. Review the diff before committing.
import { writeFile } from 'node:fs/promises';
import { extractFromDir } from '../src/extract/index.js';
import { summarise } from '../tests/extract/golden.js';

const table = await extractFromDir('seeds');
for (const article of table.articles) {
  await writeFile(`tests/fixtures/golden/${article.id}.json`, JSON.stringify(summarise(table, article.id), null, 2) + '\n');
}
console.log(`wrote ${table.articles.length} golden files`);
