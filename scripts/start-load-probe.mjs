// The benchmark's start-up probe (src/bench/loadProbe.ts), started the way `npm start` starts the bot
// (scripts/start.mjs): the build is checked first, and the probe runs from it.
import { builtEntry } from './build.mjs';

await import(await builtEntry('load-probe', { log: (m) => console.error(m) }));
