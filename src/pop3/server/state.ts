// POP3 session states as data (RFC 1939 §3): AUTHORIZATION until a login succeeds, then TRANSACTION with the
// maildrop; QUIT in TRANSACTION passes through UPDATE, where deletions are applied, and the session ends.
import type { Account } from '../../store/types.ts';
import type { Maildrop } from './maildrop.ts';

/** A SASL exchange waiting for the client's next base64 line (RFC 5034 §4). */
export interface SaslExchange {
  mechanism: 'PLAIN';
}

export interface AuthorizationState {
  kind: 'authorization';
  /** the name given by USER, waiting for PASS (RFC 1939 §7) */
  user: string | null;
  sasl: SaslExchange | null;
}

export interface TransactionState {
  kind: 'transaction';
  account: Account;
  maildrop: Maildrop;
}

export interface UpdateState {
  kind: 'update';
}

export type SessionState = AuthorizationState | TransactionState | UpdateState;

export const initialState = (): AuthorizationState => ({ kind: 'authorization', user: null, sasl: null });
