// Errors in a rules file name the line and column where the problem is (1-based, columns in characters), so
// `mailferry rules set` can say exactly what to fix.

export interface SourcePosition {
  line: number;
  column: number;
}

export class SieveError extends Error {
  override name = 'SieveError';
  readonly line: number;
  readonly column: number;
  /** the problem without the position */
  readonly reason: string;

  constructor(position: SourcePosition, reason: string) {
    super(`line ${position.line}, column ${position.column}: ${reason}`);
    this.line = position.line;
    this.column = position.column;
    this.reason = reason;
  }
}
