// Child process for tests/store/refresh.test.ts: a script that opens a dataset and waits for its index
// warm-up must see the warm-up finish (the warm-up's own timers do not keep a process alive).
// Usage: node --import tsx tests/store/warm.child.ts <seeds dir> <table file>
import { Dataset } from '../../src/store/dataset.ts';

const [seedsDir, dataFile] = process.argv.slice(2);
if (!seedsDir || !dataFile) throw new Error('usage: warm.child.ts <seeds dir> <table file>');
const dataset = await Dataset.open({ seedsDir, dataFile });
await dataset.whenWarm();
process.stdout.write('warm\n');
