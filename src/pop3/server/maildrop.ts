// The maildrop of a POP3 session: the account's INBOX as it was at login (RFC 1939 §8: message numbers stay
// fixed for the session), with the session's deletion marks. Held as compact arrays (UID and size per message)
// so a very large INBOX costs a few bytes per message; the rest is read from the store when a message is sent.
import type { Store } from '../../store/store.ts';
import type { Account, Folder, MessageWithMime } from '../../store/types.ts';

export type MessageLookup = { kind: 'ok'; index: number } | { kind: 'missing' } | { kind: 'deleted' };

export class Maildrop {
  private readonly deleted: Uint8Array;
  private readonly retrieved: Uint8Array;

  private constructor(
    private readonly store: Store,
    readonly folder: Folder,
    private readonly uids: number[],
    private readonly sizes: number[],
  ) {
    this.deleted = new Uint8Array(uids.length);
    this.retrieved = new Uint8Array(uids.length);
  }

  static async open(store: Store, account: Account): Promise<Maildrop> {
    const folder = await store.getFolder(account.id, 'INBOX');
    if (!folder) throw new Error(`account ${account.address} has no INBOX`);
    const uids: number[] = [];
    const sizes: number[] = [];
    for await (const message of store.iterateMessages(folder.id)) {
      uids.push(message.uid);
      sizes.push(message.size);
    }
    return new Maildrop(store, folder, uids, sizes);
  }

  /** every message at login, deleted ones included (message numbers run 1..total) */
  get total(): number {
    return this.uids.length;
  }

  /** RFC 1939 §5 STAT: messages not marked deleted, and their octets */
  stat(): { count: number; size: number } {
    let count = 0;
    let size = 0;
    for (let i = 0; i < this.uids.length; i++) {
      if (this.deleted[i]) continue;
      count += 1;
      size += this.sizes[i];
    }
    return { count, size };
  }

  lookup(message: number): MessageLookup {
    const index = message - 1;
    if (!Number.isInteger(index) || index < 0 || index >= this.uids.length) return { kind: 'missing' };
    return this.deleted[index] ? { kind: 'deleted' } : { kind: 'ok', index };
  }

  /** message numbers of the messages not marked deleted, in order */
  *visible(): Generator<number> {
    for (let i = 0; i < this.uids.length; i++) if (!this.deleted[i]) yield i + 1;
  }

  size(index: number): number {
    return this.sizes[index];
  }

  /** RFC 1939 §7 UIDL: stable across sessions and restarts, from INBOX's UIDVALIDITY and the message's UID */
  uniqueId(index: number): string {
    return `${this.folder.uidValidity}.${this.uids[index]}`;
  }

  /** the stored message (its blob digest); undefined when another session expunged it meanwhile */
  message(index: number): Promise<MessageWithMime | undefined> {
    return this.store.getMessage(this.folder.id, this.uids[index]);
  }

  markDeleted(index: number): void {
    this.deleted[index] = 1;
  }

  markRetrieved(index: number): void {
    this.retrieved[index] = 1;
  }

  /** RFC 1939 §5 RSET: unmark every deletion */
  resetDeletions(): void {
    this.deleted.fill(0);
  }

  deletedUids(): number[] {
    return this.uids.filter((_, i) => this.deleted[i] === 1);
  }

  /** retrieved and not deleted: these get \Seen at QUIT */
  retrievedUids(): number[] {
    return this.uids.filter((_, i) => this.retrieved[i] === 1 && this.deleted[i] === 0);
  }
}
