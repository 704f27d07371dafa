// IMAP session states as data (RFC 3501 §3): a command that needs a selected mailbox receives the 'selected'
// state as an argument, so it cannot be written without one.
import type { Account } from '../../store/types.ts';
import type { SelectedMailbox } from './selected-mailbox.ts';

export interface NotAuthenticatedState {
  kind: 'not-authenticated';
}

export interface AuthenticatedState {
  kind: 'authenticated';
  account: Account;
}

export interface SelectedState {
  kind: 'selected';
  account: Account;
  mailbox: SelectedMailbox;
}

/** After LOGOUT or BYE: no command runs any more. */
export interface LogoutState {
  kind: 'logout';
}

export type SessionState = NotAuthenticatedState | AuthenticatedState | SelectedState | LogoutState;
export type StateKind = SessionState['kind'];
export type StateOf<K extends StateKind> = Extract<SessionState, { kind: K }>;
