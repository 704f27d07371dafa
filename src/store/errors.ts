// The one error type of the store. `code` says what kind of failure it is so callers (IMAP, POP3, REST, jobs)
// can answer without parsing text; the message names what and where (DESIGN invariant 7: clear errors).

export type StoreErrorCode =
  /** the thing to create is already there (domain, account, folder, alias, ledger entry) */
  | 'exists'
  /** the thing named does not exist */
  | 'not-found'
  /** the input is malformed (address, folder name, flag, password) */
  | 'invalid'
  /** the operation is refused while something still depends on it (domain with accounts, folder with children) */
  | 'not-empty'
  /** the database is locked by another process for longer than the busy timeout: retry later */
  | 'busy';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  /** true when retrying the same operation later may succeed */
  get temporary(): boolean {
    return this.code === 'busy';
  }
}

export function isStoreError(error: unknown, code?: StoreErrorCode): error is StoreError {
  return error instanceof StoreError && (code === undefined || error.code === code);
}
