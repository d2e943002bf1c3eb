// `npm start`: the bot (or, without a token, the console) from the esbuild build of src/, made first when the
// sources changed since the last one (scripts/build.mjs). Running the build instead of the TypeScript through
// tsx saves about 0.6 s of start-up.
//
// package.json runs it with a 64 MB young generation (--min-semi-space-size / --max-semi-space-size; node takes
// them only on its command line). Loading a stored table allocates objects that all survive, and with node's
// default 1-16 MB young generation V8 copies them from one young space to another in 14-15 scavenges: at
// 10,000 articles 220-280 ms of pauses, and Dataset.open took 0.83-0.94 s, against no scavenge and 0.66-0.68 s
// with 64 MB (--trace-gc, two runs each). The benchmark runs with the same flags (src/bench/run.ts reads them
// from package.json).
import { builtEntry } from './build.mjs';

let main;
try {
  main = await builtEntry('main', { log: (m) => console.error(m) });
} catch (error) {
  // A folder that cannot be written, say: the bot still starts, only more slowly.
  console.error(`[build] could not build (${error instanceof Error ? error.message : String(error)}); running src/ through tsx`);
}
if (main) await import(main);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
