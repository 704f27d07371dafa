// The one error type of the admin layer. `kind` lets each caller answer in its own terms: the CLI prints one line
// and exits 1, the REST API maps not_found → 404, exists/conflict → 409, invalid → 400.
export type AdminErrorKind = 'invalid' | 'not_found' | 'exists' | 'conflict';

export class AdminError extends Error {
  override name = 'AdminError';
  constructor(
    readonly kind: AdminErrorKind,
    message: string,
    /** what to do about it, e.g. "add it first: mailferry domain add example.org" */
    readonly hint?: string,
  ) {
    super(message);
  }
}
