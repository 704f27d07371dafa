// What a failed poll means for the schedule: a refused login or a locked mailbox delays the account
// (failedAccountDelayMinutes), a host that refused or did not answer the connection delays every record on
// that host (failedHostDelayMinutes), a broken record (undecryptable password, self-poll) waits for its next
// scheduled run, anything else (a dropped connection, a busy server) is retried after retryDelayMinutes.
import { ImapClientError } from '../imap/client/errors.ts';
import { Pop3Error } from '../pop3/client/errors.ts';
import type { PollFailureKind } from '../store/poll-store.ts';
import { SealedSecretError } from '../crypto/sealed-secret.ts';
import { SelfPollError } from './self-poll.ts';

const HOST_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL']);
/** RFC 2449 §8.1 IN-USE / LOGIN-DELAY: the mailbox is locked or polled too often — an account matter */
const ACCOUNT_CODES = /^(IN-USE|LOGIN-DELAY|AUTH)/;

function codeOf(error: unknown): string | undefined {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** The protocol error behind a wrapper (the engine's TransferSetupError carries it as its cause). */
function protocolError(error: unknown): unknown {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof Pop3Error || cause instanceof ImapClientError || cause instanceof SelfPollError || cause instanceof SealedSecretError) return cause;
  }
  return error;
}

export function classifyFailure(thrown: unknown): PollFailureKind {
  const error = protocolError(thrown);
  if (error instanceof SelfPollError || error instanceof SealedSecretError) return 'config';
  if (error instanceof Pop3Error) {
    if (error.kind === 'auth' || (error.code !== null && ACCOUNT_CODES.test(error.code))) return 'account';
    if (error.kind === 'connect') return 'host';
    if (error.kind === 'tls' || error.kind === 'unsupported') return 'config';
    return 'temporary';
  }
  if (error instanceof ImapClientError) {
    if (error.kind === 'auth' || error.kind === 'token-expired') return 'account';
    if (error.kind === 'connect') return HOST_CODES.has(codeOf(error) ?? '') || !/TLS|certificate/i.test(error.message) ? 'host' : 'config';
    if (error.kind === 'unsupported') return 'config';
    return 'temporary';
  }
  if (HOST_CODES.has(codeOf(error) ?? '')) return 'host';
  return 'temporary';
}

export function describeFailureKind(kind: PollFailureKind): string {
  switch (kind) {
    case 'account': return 'account delayed';
    case 'host': return 'host delayed';
    case 'config': return 'record needs fixing';
    case 'temporary': return 'will retry';
  }
}
