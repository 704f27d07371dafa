// How the CLI ends on an error: one line on standard error naming what and where, exit 1 for a failure,
// exit 2 for a usage error (commander's own, or one of ours).
import { CommanderError } from 'commander';
import { AdminError } from '../admin/errors.ts';
import { ConfigError } from '../config/errors.ts';
import { log } from '../log/logger.ts';
import { ServerStartError } from '../server/errors.ts';
import { StoreError } from '../store/errors.ts';

export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A command line that cannot be carried out as typed (exit 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A failure the CLI itself detects, with an optional hint (exit 1). */
export class CliError extends Error {
  override name = 'CliError';
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

/** Commander has already printed its message when it throws; this only picks the exit code. */
function commanderExitCode(error: CommanderError): number {
  const done = ['commander.helpDisplayed', 'commander.version', 'commander.executeSubCommandAsync'];
  return done.includes(error.code) ? 0 : EXIT_USAGE;
}

/** Prints the error (when it was not printed yet) and returns the exit code. */
export function reportError(error: unknown, write: (line: string) => void): number {
  if (error instanceof CommanderError) return commanderExitCode(error);
  if (error instanceof UsageError) {
    write(`error: ${error.message} (see --help)`);
    return EXIT_USAGE;
  }
  if (error instanceof AdminError || error instanceof CliError || error instanceof ServerStartError) {
    write(`error: ${error.message}${error.hint ? ` (${error.hint})` : ''}`);
    return EXIT_FAILURE;
  }
  if (error instanceof StoreError) {
    write(`error: ${error.message}${error.temporary ? ' (try again in a moment)' : ''}`);
    return EXIT_FAILURE;
  }
  if (error instanceof ConfigError) {
    write(error.message);
    return EXIT_FAILURE;
  }
  // Unexpected (a disk error, a bug): one line for the person; the stack at low-level for whoever debugs it.
  log.lowlevel({ err: error }, 'command failed');
  write(`error: ${error instanceof Error ? error.message : String(error)}`);
  return EXIT_FAILURE;
}
