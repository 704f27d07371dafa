// Where one polled message goes: its recipients (the record's account, or for a domain-wide catch-all the
// local accounts the envelope header or To/Cc/Bcc name, postmaster — the record's account — when none), then
// per recipient the folder: the record's --mailbox, or the account's delivery rules (Sieve), INBOX by default.
import type { Logger } from '../log/logger.ts';
import { runSieve, sieveMessage } from '../sieve/index.ts';
import { parseHeaderBlock, type HeaderBlock } from '../sieve/header-block.ts';
import type { Store } from '../store/store.ts';
import type { Account } from '../store/types.ts';
import { AccountRules } from './account-rules.ts';
import { ALL_ADDRESS_HEADERS, readEnvelope, returnPath } from './envelope.ts';
import { RecipientResolver } from './recipients.ts';

export interface RoutingSettings {
  /** the record's account: the only recipient, or the catch-all's postmaster fallback */
  owner: Account;
  domainWide: boolean;
  envelopeHeader: string | null;
  mailbox: string | null;
}

export interface DeliveryTarget {
  account: Account;
  folder: string;
  flags: string[];
}

export interface RoutedMessage {
  targets: DeliveryTarget[];
  /** header fields to cut out before delivery (the catch-all's envelope header) */
  remove: Array<{ start: number; end: number }>;
  /** the message named no local recipient and went to the owner */
  fallback: boolean;
  /** every recipient's rules discarded it */
  discarded: boolean;
}

const INBOX = 'INBOX';

export class DeliveryRouter {
  private readonly recipients: RecipientResolver;
  private readonly rules: AccountRules;

  constructor(store: Store, private readonly settings: RoutingSettings, logger: Logger) {
    this.recipients = new RecipientResolver(store);
    this.rules = new AccountRules(store, logger);
  }

  async route(head: Buffer, size: number): Promise<RoutedMessage> {
    const block = parseHeaderBlock(head);
    const { owner, domainWide, envelopeHeader } = this.settings;
    let accounts = [owner];
    let remove: RoutedMessage['remove'] = [];
    let fallback = false;
    let sender = returnPath(block);
    if (domainWide) {
      const envelope = readEnvelope(block, envelopeHeader ?? ALL_ADDRESS_HEADERS);
      remove = envelope.remove;
      sender = envelope.sender;
      accounts = await this.recipients.resolve(envelope.recipients);
      if (accounts.length === 0) {
        accounts = [owner];
        fallback = true;
      }
    }
    const removed = remove.reduce((sum, range) => sum + range.end - range.start, 0);
    const seen = remove.length === 0 ? block : withoutFields(block, remove);
    const targets: DeliveryTarget[] = [];
    for (const account of accounts) targets.push(...(await this.folders(account, seen, size - removed, sender)));
    return { targets, remove, fallback, discarded: targets.length === 0 };
  }

  private async folders(account: Account, block: HeaderBlock, size: number, sender: string | null): Promise<DeliveryTarget[]> {
    if (this.settings.mailbox !== null) return [{ account, folder: this.settings.mailbox, flags: [] }];
    const program = await this.rules.program(account);
    if (!program) return [{ account, folder: INBOX, flags: [] }];
    const outcome = runSieve(program, sieveMessage(block, size, { from: sender, to: [account.address] }));
    return outcome.deliveries.map((delivery) => ({ account, folder: delivery.folder ?? INBOX, flags: delivery.flags }));
  }
}

function withoutFields(block: HeaderBlock, remove: ReadonlyArray<{ start: number }>): HeaderBlock {
  const starts = new Set(remove.map((range) => range.start));
  return { ...block, fields: block.fields.filter((field) => !starts.has(field.start)) };
}
