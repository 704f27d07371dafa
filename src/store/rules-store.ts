// Delivery rules per local account: the Sieve script (RFC 5228 subset, src/sieve/) that files incoming mail —
// polled messages now, SMTP deliveries later. The store keeps the text as uploaded; it was checked then.

export interface DeliveryRules {
  accountId: number;
  script: string;
  updatedAt: Date;
}

export interface DeliveryRulesStore {
  get(accountId: number): Promise<DeliveryRules | undefined>;
  set(accountId: number, script: string): Promise<void>;
  /** true when there was a script */
  remove(accountId: number): Promise<boolean>;
}
