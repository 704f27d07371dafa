// Runs the real `mailferry` command (bin/mailferry.js) as a child process, in a temp directory of its own.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';
import { configFields } from '../../src/config/fields.ts';
import { openStore } from '../../src/store/open.ts';
import { addDomain } from '../../src/admin/domains.ts';
import { addAccount } from '../../src/admin/accounts.ts';

export const BIN = fileURLToPath(new URL('../../bin/mailferry.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  /** extra environment; MAILFERRY_* of the parent environment are never passed on */
  env?: Record<string, string>;
  /** written to standard input, which is then closed (a pipe, not a terminal) */
  input?: string;
  timeoutMs?: number;
}

export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('MAILFERRY_')) env[key] = value;
  return { ...env, ...extra };
}

export function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: cleanEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** A temp directory removed after the test. */
export function tempDir(t: TestContext, prefix = 'mailferry-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** runCli bound to one data directory: `cli('domain', 'add', 'example.org')`. */
export function cliIn(dataDir: string, options: RunOptions = {}) {
  return (...args: string[]): Promise<CliResult> => runCli(['--data-dir', dataDir, ...args], { cwd: dirname(dataDir), ...options });
}

/** Environment that puts every listener of `serve` (http, pop3, imap, …) on a free port of its own. */
export function ephemeralPorts(): Record<string, string> {
  const ports = configFields().filter((field) => field.kind === 'number' && /(^|\.)(port|\w*Port)$/.test(field.path));
  return Object.fromEntries(ports.map((field) => [field.env, '0']));
}

/**
 * Set-up through the admin functions the CLI itself calls, in-process: saves a child process per step
 * where the step is not what the test is about.
 */
export async function seed(dataDir: string, setup: { domains?: string[]; accounts?: Record<string, string> }): Promise<void> {
  const store = await openStore({ dataDir });
  try {
    for (const domain of setup.domains ?? []) await addDomain(store, domain);
    for (const [address, password] of Object.entries(setup.accounts ?? {})) await addAccount(store, address, password);
  } finally {
    await store.close();
  }
}
