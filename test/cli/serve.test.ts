import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, cleanEnv, ephemeralPorts, runCli, tempDir } from './run-cli.ts';

interface Serving {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts `mailferry serve` and waits for its start line; the log goes to stderr, or to log.file if configured. */
function startServe(args: string[], env: Record<string, string>, logFile?: string): Promise<Serving> {
  const child = spawn(process.execPath, [BIN, ...args, 'serve'], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 20_000;
    const poll = setInterval(() => {
      const log = logFile ? (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '') : stderr;
      const line = log.split('\n').find((l) => l.includes('"listening"'));
      if (line) {
        clearInterval(poll);
        resolve({ child, url: JSON.parse(line).listening[0], stderr: () => stderr, exited });
      } else if (child.exitCode !== null || Date.now() > deadline) {
        clearInterval(poll);
        child.kill('SIGKILL');
        reject(new Error(`serve did not start: ${stderr}`));
      }
    }, 50);
  });
}

test('serve answers GET /health, logs one major start line, and stops cleanly on SIGTERM', async (t) => {
  const dir = tempDir(t);
  const server = await startServe(['--data-dir', join(dir, 'data')], ephemeralPorts());
  t.after(() => server.child.kill('SIGKILL'));
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);

  const response = await fetch(`${server.url}/health`);
  assert.equal(response.status, 200);
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  assert.deepEqual(await response.json(), { status: 'ok', version: pkg.version });
  assert.equal((await fetch(`${server.url}/nothing`)).status, 404);

  const startLines = server.stderr().split('\n').filter((l) => l.includes('serving on'));
  assert.equal(startLines.length, 1);
  const start = JSON.parse(startLines[0]);
  assert.equal(start.level, 30, 'the start line is at the major level');
  assert.equal(start.dataDir, join(dir, 'data'));

  server.child.kill('SIGTERM');
  assert.equal(await server.exited, 0);
  assert.match(server.stderr(), /SIGTERM received, stopping/);
  assert.match(server.stderr(), /mailferry stopped/);
  await assert.rejects(fetch(`${server.url}/health`));
});

test('serve stops on SIGINT too, with the log in log.file from the config file', async (t) => {
  const dir = tempDir(t);
  const logFile = join(dir, 'logs', 'mailferry.log');
  writeFileSync(join(dir, 'mailferry.yaml'), `store:\n  dataDir: ${join(dir, 'data')}\nlog:\n  file: ${logFile}\nhttp:\n  port: 0\n`);
  const server = await startServe(['--config', join(dir, 'mailferry.yaml')], ephemeralPorts(), logFile);
  t.after(() => server.child.kill('SIGKILL'));
  assert.equal((await fetch(`${server.url}/health`)).status, 200);
  server.child.kill('SIGINT');
  assert.equal(await server.exited, 0);
  assert.equal(server.stderr(), '', 'nothing on stderr when logging to a file');
  assert.match(readFileSync(logFile, 'utf8'), /mailferry stopped/);
});

test('serve on a port already taken fails with one line naming the address and the key to change', async (t) => {
  const dir = tempDir(t);
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  t.after(() => blocker.close());
  const port = (blocker.address() as { port: number }).port;
  const result = await runCli(['--data-dir', join(dir, 'data'), '--log-level', 'problems', 'serve'], {
    env: { ...ephemeralPorts(), MAILFERRY_HTTP_PORT: String(port) },
  });
  assert.equal(result.code, 1);
  assert.equal(
    result.stderr,
    `error: cannot listen on 127.0.0.1:${port}: address already in use (change http.port (MAILFERRY_HTTP_PORT) or http.host)\n`,
  );
});
