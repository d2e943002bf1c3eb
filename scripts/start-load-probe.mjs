// The benchmark's start-up probe (src/bench/loadProbe.ts), started the way `npm start` starts the bot
// (scripts/start.mjs): the build is checked first, and the probe runs from it.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt } from './build.mjs';

const dir = await ensureBuilt({ log: (m) => console.error(m) });
await import(pathToFileURL(path.join(dir, 'load-probe.js')).href);
