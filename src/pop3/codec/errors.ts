// The codec's one error type: bytes that are not valid POP3, from either side of the connection.
// Everything the codec throws is a Pop3ProtocolError; anything else escaping it is a bug (the fuzz test checks).

export type Pop3ProtocolErrorKind =
  /** a command keyword this codec does not know */
  | 'unknown-command'
  /** a known command with missing, extra or malformed arguments */
  | 'syntax'
  /** a command line longer than the limit (RFC 2449 §4: 255 octets) */
  | 'line-too-long'
  /** a server response that is not +OK / -ERR / + (client side) */
  | 'response';

export class Pop3ProtocolError extends Error {
  override readonly name = 'Pop3ProtocolError';
  constructor(
    readonly kind: Pop3ProtocolErrorKind,
    message: string,
  ) {
    super(message);
  }
}
