// Builds the bot into plain JavaScript with esbuild, so `npm start` runs it without tsx. Through tsx, node
// starts a loader thread and compiles every module on the way in: about 0.6 s of start-up before the first
// question can be answered, whatever the size of the table. The build is cheap (esbuild, a few hundred ms),
// and is redone only when the sources changed.
//
// Each build goes to its own folder named after the hash of its inputs (build/<hash>/), so a running bot
// keeps loading its lazy parts (extraction, the console, the Discord layer) from the build it started with
// while a newer one is made beside it. Packages (except zod, see BUNDLED) stay outside the bundle: node loads them
// from node_modules as usual, and the NLP library is still imported only when an extraction runs.
//
// Usage: node scripts/build.mjs (prints the folder); builtEntry() from scripts/start*.mjs, ensureBuilt() from the benchmark.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_ROOT = path.join(REPO, 'build');
/** Folders and files whose content decides the build (the lock file: zod's version is bundled in). */
const INPUTS = ['src', 'commands', 'package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build.mjs'];
/** Builds kept beside the newest, for bots still running from them. */
const KEEP = 4;

/**
 * Packages bundled in rather than loaded from node_modules: zod is about a hundred small modules, and node
 * loading them one by one took 130–210 ms of start-up; bundled, it is one file parsed once.
 */
const BUNDLED = new Set(['zod']);

/** Every other package is loaded from node_modules at run time. */
function externalPackages() {
  const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  return Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).filter((name) => !BUNDLED.has(name));
}

/** Entry points: the bot, the extraction worker thread, and the benchmark's start-up probe. */
export const ENTRIES = {
  main: 'src/main.ts',
  worker: 'src/extract/worker.ts',
  'load-probe': 'src/bench/loadProbe.ts',
};

function* filesUnder(rel) {
  const full = path.join(REPO, rel);
  if (!statSync(full).isDirectory()) {
    yield rel;
    return;
  }
  for (const entry of readdirSync(full, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const child = path.join(rel, entry.name);
    if (entry.isDirectory()) yield* filesUnder(child);
    else if (/\.(?:[cm]?[jt]s|json)$/.test(entry.name)) yield child;
  }
}

/** Hash of every input's path and content (contents, not times: a checkout or a copy keeps the same build). */
export function inputHash() {
  const hash = createHash('sha256');
  for (const rel of INPUTS.flatMap((r) => [...filesUnder(r)])) hash.update(`${rel}\0`).update(readFileSync(path.join(REPO, rel))).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** The folder of the build for the current sources, building it first when it does not exist. */
export async function ensureBuilt({ log = () => undefined } = {}) {
  const hash = inputHash();
  const dir = path.join(OUT_ROOT, hash);
  if (existsSync(path.join(dir, 'ok'))) return dir;
  const started = performance.now();
  // Unique per call: test files build at the same time, from processes or threads of one process.
  const temp = `${dir}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  const { build } = await import('esbuild');
  try {
    await build({
      absWorkingDir: REPO,
      entryPoints: ENTRIES,
      outdir: temp,
      bundle: true,
      splitting: true, // what is imported lazily stays in its own chunk, loaded when needed
      format: 'esm',
      platform: 'node',
      target: 'node20',
      external: externalPackages(),
      sourcemap: 'linked', // stack traces in logs point at src/
      logLevel: 'silent', // its errors are in the error thrown
    });
    // The extraction pool starts its threads from worker-boot.mjs beside its own code (under tsx, a file that
    // registers tsx first); in a build, that is this file, which loads the bundled worker directly.
    writeFileSync(path.join(temp, 'worker-boot.mjs'), "await import('./worker.js');\n");
    writeFileSync(path.join(temp, 'ok'), `${new Date().toISOString()}\n`);
  } catch (error) {
    removeQuietly(temp); // esbuild's error is the one to report
    throw error;
  }
  try {
    renameSync(temp, dir);
  } catch (error) {
    // Another process made the same build meanwhile: use theirs.
    removeQuietly(temp);
    if (!existsSync(path.join(dir, 'ok'))) throw error;
  }
  log(`[build] built ${path.relative(REPO, dir)} in ${Math.round(performance.now() - started)} ms`);
  prune(hash);
  return dir;
}

/** The URL of an entry point (a key of ENTRIES) of the build for the current sources, building it first if needed. */
export async function builtEntry(name, options) {
  return pathToFileURL(path.join(await ensureBuilt(options), `${name}.js`)).href;
}

/** Removes a folder, best effort. */
function removeQuietly(dir) {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // a temporary folder left behind is never used
  }
}

/** Removes all but the newest few builds (best effort). */
function prune(current) {
  let names;
  try {
    names = readdirSync(OUT_ROOT).filter((n) => /^[0-9a-f]{16}$/.test(n) && n !== current);
  } catch {
    return;
  }
  const byAge = names.map((n) => ({ n, t: statSync(path.join(OUT_ROOT, n)).mtimeMs })).sort((a, b) => b.t - a.t);
  for (const { n } of byAge.slice(KEEP)) rmSync(path.join(OUT_ROOT, n), { recursive: true, force: true });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await ensureBuilt({ log: (m) => console.error(m) }));
}
