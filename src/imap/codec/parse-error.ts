// The one error the codec throws for bad client input. Its message is written to be sent back in a tagged
// BAD (or NO when `code` says so, e.g. BADCHARSET) and names what is wrong and where.

/** Response codes a ParseError can carry (RFC 5530, RFC 3501 §7.1, RFC 7888 §4). */
export type ParseErrorCode = 'TOOBIG' | 'BADCHARSET' | 'CLIENTBUG' | 'CANNOT';

export interface ParseErrorOptions {
  /** tag of the offending command when it could be read, so the reply can be tagged */
  tag?: string | null;
  /** response code for the reply: `[TOOBIG]` for over-long lines and literals, `[BADCHARSET]` for SEARCH */
  code?: ParseErrorCode;
  /** byte offset inside the command where the problem was found */
  offset?: number;
}

export class ParseError extends Error {
  override readonly name = 'ParseError';
  tag: string | null;
  readonly code: ParseErrorCode | null;
  readonly offset: number | null;

  constructor(message: string, options: ParseErrorOptions = {}) {
    super(message);
    this.tag = options.tag ?? null;
    this.code = options.code ?? null;
    this.offset = options.offset ?? null;
  }
}
