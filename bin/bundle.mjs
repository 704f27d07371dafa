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
const bundleDir = join(root, '.build', 'bundle');

function newestSourceTime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? newestSourceTime(path) : statSync(path).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

function modifiedTime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

/**
 * Returns the path of an up-to-date bundle of `entry` (relative to the project root; default the CLI),
 * building it when it or anything under src/ changed. Benchmarks bundle their child scripts the same way.
 */
export async function ensureBundle(entry = 'src/cli/main.ts') {
  const bundlePath = join(bundleDir, `${entry.replace(/[/.]/g, '_')}.mjs`);
  const built = modifiedTime(bundlePath);
  if (built >= newestSourceTime(join(root, 'src')) && built >= modifiedTime(join(root, entry))) return bundlePath;
  const { build } = await import('esbuild');
  const temporary = `${bundlePath}.${process.pid}.tmp`;
  await build({
    entryPoints: [join(root, entry)],
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
