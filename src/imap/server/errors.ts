// Errors from below (the store, the codec) as tagged replies: a StoreError's code picks the RFC 5530 response
// code; anything unexpected is a server bug, logged once and answered NO [SERVERBUG] — never a crash.
import { codes, ParseError } from '../codec/index.ts';
import type { Logger } from '../../log/logger.ts';
import { isStoreError } from '../../store/errors.ts';
import { bad, no, type CommandResult } from './command.ts';

/** Thrown by a command that must stop with a given reply (e.g. an invalid sequence number deep in a helper). */
export class CommandFailure extends Error {
  override readonly name = 'CommandFailure';
  constructor(readonly result: CommandResult) {
    super(result.text);
  }
}

/** The client went away while a command was still writing. */
export class ConnectionClosed extends Error {
  override readonly name = 'ConnectionClosed';
}

export function resultForError(error: unknown, log: Logger, what: string): CommandResult {
  if (error instanceof CommandFailure) return error.result;
  if (error instanceof ParseError) return bad(error.message);
  if (isStoreError(error)) {
    switch (error.code) {
      case 'not-found':
        return no(error.message, codes.nonExistent());
      case 'exists':
        return no(error.message, codes.alreadyExists());
      case 'not-empty':
        return no(error.message, codes.inUse());
      case 'busy':
        return no(error.message, codes.unavailable());
      case 'invalid':
        return no(error.message, codes.cannot());
    }
  }
  log.problems({ err: error, command: what }, 'IMAP command failed');
  return no('Internal error; the administrator can find it in the log', codes.serverBug());
}
