#!/usr/bin/env node
// Launcher: runs the TypeScript sources (no build step for the user) as one bundle built on demand by
// esbuild — see bundle.mjs for why not tsx's loader. MAILFERRY_USE_TSX=1 runs them through tsx instead.
if (process.env.MAILFERRY_USE_TSX === '1') {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
} else {
  const { ensureBundle } = await import('./bundle.mjs');
  await import(await ensureBundle());
}
