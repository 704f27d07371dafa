#!/usr/bin/env node
// Launcher: runs the TypeScript sources (no build step for the user) as one bundle built on demand by
// esbuild — see bundle.mjs for why not tsx's loader. MAILFERRY_USE_TSX=1 runs them through tsx instead.
// Blob writes fsync each file: with libuv's default 4 threads they queue behind each other. libuv reads this
// when its thread pool first starts, which has not happened yet at this line.
process.env.UV_THREADPOOL_SIZE ??= '16';
// `mailferry … | head` closes the pipe early: that is the reader's choice, not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}
if (process.env.MAILFERRY_USE_TSX === '1') {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
} else {
  const { ensureBundle } = await import('./bundle.mjs');
  await import(await ensureBundle());
}
