// The line that ends IDLE (RFC 2177 §3): "DONE", case-insensitive like every IMAP keyword.

export function isIdleDone(line: Buffer): boolean {
  return line.length === 4 && line.toString('latin1').toUpperCase() === 'DONE';
}
