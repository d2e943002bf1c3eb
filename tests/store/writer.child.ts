// Child process for tests/store/crash.test.ts: rewrites a big fact table through writeTable() in a loop,
// announcing each write on stdout, until the test kills it with SIGKILL part-way through one.
// Usage: node --import tsx tests/store/writer.child.ts <table file> <megabytes>
import { readTable, writeTable } from '../../src/store/tableFile.ts';

const [file, megabytes] = process.argv.slice(2);
if (!file || !megabytes) throw new Error('usage: writer.child.ts <file> <megabytes>');
const table = await readTable(file);
const first = table.articles[0];
if (!first) throw new Error('the table needs an article');
const padding = 'x'.repeat(Number(megabytes) * 1024 * 1024);
for (let i = 1; ; i++) {
  const version = `big-${i}`;
  table.generatedAt = version;
  first.text = `${version} ${padding}`;
  process.stdout.write(`writing ${version}\n`);
  await writeTable(file, table);
  process.stdout.write(`wrote ${version}\n`);
}
