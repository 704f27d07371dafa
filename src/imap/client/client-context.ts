// What every command module needs from the client: the connection, the folder-name codec, what the
// server offers and what has been enabled, and the selected mailbox.
import type { ImapConnection } from './connection.ts';
import { ImapClientError } from './errors.ts';
import type { MailboxNameCodec } from './mailbox-names.ts';

export interface SelectedMailbox {
  /** Unicode name */
  name: string;
  readOnly: boolean;
  uidValidity: number;
  exists: number;
  highestModseq?: number;
}

export interface ClientContext {
  readonly connection: ImapConnection;
  readonly names: MailboxNameCodec;
  /** extensions turned on with ENABLE (RFC 5161), upper-case */
  readonly enabled: Set<string>;
  selected: SelectedMailbox | null;
}

export function hasCapability(context: ClientContext, name: string): boolean {
  return context.connection.capabilities.has(name);
}

export function requireCapability(context: ClientContext, name: string, command: string): void {
  if (!hasCapability(context, name)) {
    throw new ImapClientError({ kind: 'unsupported', endpoint: context.connection.endpoint, command, detail: `the server does not offer ${name}` });
  }
}

export function requireSelected(context: ClientContext, command: string): SelectedMailbox {
  if (!context.selected) {
    throw new ImapClientError({ kind: 'unsupported', endpoint: context.connection.endpoint, command, detail: 'no mailbox is selected' });
  }
  return context.selected;
}

/** CONDSTORE is usable once enabled, or implicitly after any CONDSTORE-using command (RFC 7162 §3.1). */
export function condstoreActive(context: ClientContext): boolean {
  return context.enabled.has('CONDSTORE') || context.enabled.has('QRESYNC');
}
