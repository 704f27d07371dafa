// Server responses as bytes (RFC 1939 §3): "+OK text", "-ERR [CODE] text" (RFC 2449 §8), "+ base64"
// continuations (RFC 5034 §4), and small multi-line responses built in memory (CAPA, LIST, UIDL).
// Message bodies are not built here: they stream through the DotStuffer.
import type { Pop3ResponseCode } from './commands.ts';

const CRLF = '\r\n';

/** Text in a status line must not break the line: CR and LF become spaces. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

export function okLine(text = ''): Buffer {
  return Buffer.from(text.length > 0 ? `+OK ${oneLine(text)}${CRLF}` : `+OK${CRLF}`, 'utf8');
}

export function errLine(text: string, code?: Pop3ResponseCode): Buffer {
  const prefix = code ? `[${code}] ` : '';
  return Buffer.from(`-ERR ${prefix}${oneLine(text)}${CRLF}`, 'utf8');
}

/** RFC 5034 §4: a server challenge, base64 encoded; an empty challenge is "+ " alone. */
export function continuationLine(challenge: Buffer): Buffer {
  return Buffer.from(`+ ${challenge.toString('base64')}${CRLF}`, 'latin1');
}

/**
 * "+OK first" followed by the given lines and the terminating "." (RFC 1939 §3). Lines are dot-stuffed; they are
 * protocol text (capabilities, scan listings), never message bytes.
 */
export function multilineResponse(first: string, lines: readonly string[]): Buffer {
  const body = lines.map((line) => (line.startsWith('.') ? `.${oneLine(line)}` : oneLine(line)) + CRLF).join('');
  return Buffer.concat([okLine(first), Buffer.from(`${body}.${CRLF}`, 'utf8')]);
}
