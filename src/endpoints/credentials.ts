// Where an endpoint's secret comes from: a password (file, environment, prompt — never argv) or an OAuth2
// bearer token printed by a command, run again when the server says the token expired (DESIGN requirement 2).
// Secrets never reach a log line or an error message (invariant 5).
import { execFile } from 'node:child_process';

export type Secret = { kind: 'password'; password: string } | { kind: 'bearer'; token: string };

export interface CredentialProvider {
  /** the secret for the next login; `refresh` after the server refused an expired token */
  secret(options?: { refresh?: boolean }): Promise<Secret>;
  /** true when a refresh can give a different secret (a token command) */
  readonly refreshable: boolean;
}

export class CredentialError extends Error {
  override name = 'CredentialError';
}

/** A password read once (from wherever `read` gets it) and kept for reconnections. */
export function passwordProvider(read: () => Promise<string>): CredentialProvider {
  let cached: Promise<string> | undefined;
  return {
    refreshable: false,
    async secret() {
      cached ??= read();
      return { kind: 'password', password: await cached };
    },
  };
}

const TOKEN_COMMAND_TIMEOUT_MS = 60_000;

/** Runs `command` through the shell; its standard output, trimmed, is the token. */
export function runTokenCommand(command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('/bin/sh', ['-c', command], { timeout: TOKEN_COMMAND_TIMEOUT_MS, maxBuffer: 64 * 1024 }, (error, stdout) => {
      // the command's output may hold the token: it never goes into the error text
      if (error) return reject(new CredentialError(`the OAuth token command failed (${error.code ?? error.signal ?? 'error'})`));
      const token = stdout.trim();
      if (token === '' || /\s/.test(token)) return reject(new CredentialError('the OAuth token command printed no single token'));
      resolve(token);
    });
  });
}

/** A bearer token from a command, fetched on first use and again on refresh. */
export function tokenCommandProvider(command: string): CredentialProvider {
  let cached: Promise<string> | undefined;
  return {
    refreshable: true,
    async secret(options = {}) {
      if (options.refresh || cached === undefined) {
        cached = runTokenCommand(command);
        cached.catch(() => (cached = undefined));
      }
      return { kind: 'bearer', token: await cached };
    },
  };
}
