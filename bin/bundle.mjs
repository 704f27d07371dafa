// Runs the TypeScript sources as one esbuild bundle instead of through tsx's loader: the loader thread and
// per-file transforms cost ~70 MB of resident memory, which the import and sync memory budgets cannot spare.
// The bundle is rebuilt when any file under src/ is newer than it; concurrent starts write to a temporary
// name and rename, so they never read a half-written bundle.
import { readdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Two levels below the root, like src/<dir>/<file>.ts, so `new URL('../../package.json', import.meta.url)`
// in the sources still finds the package file.
const bundlePath = join(root, '.build', 'bundle', 'mailferry.mjs');

function newestSourceTime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? newestSourceTime(path) : statSync(path).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

function bundleTime() {
  try {
    return statSync(bundlePath).mtimeMs;
  } catch {
    return -1;
  }
}

/** Returns the path of an up-to-date bundle of src/cli/main.ts, building it when needed. */
export async function ensureBundle() {
  if (bundleTime() >= newestSourceTime(join(root, 'src'))) return bundlePath;
  const { build } = await import('esbuild');
  const temporary = `${bundlePath}.${process.pid}.tmp`;
  await build({
    entryPoints: [join(root, 'src', 'cli', 'main.ts')],
    outfile: temporary,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    keepNames: true,
    logLevel: 'error',
  });
  renameSync(temporary, bundlePath);
  return bundlePath;
}
