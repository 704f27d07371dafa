// Protocol trace lines for the low-level log (DESIGN log levels): the client's command text with LOGIN and
// AUTHENTICATE arguments masked, literals shown by size, long lines cut.
import type { FramedCommand } from '../codec/index.ts';

const MAX_TRACE = 300;

export function traceCommand(framed: FramedCommand): string {
  const first = framed.parts[0];
  const head = first && first.kind === 'text' ? first.data.toString('latin1', 0, Math.min(first.data.length, MAX_TRACE)) : '';
  const words = head.split(' ');
  const name = (words[1] ?? '').toUpperCase();
  // Nothing after the user name (LOGIN) or the mechanism (AUTHENTICATE) reaches the log: it may be a secret.
  if (name === 'LOGIN') return `${words[0]} LOGIN ${framed.parts.length > 1 ? '{literal}' : (words[2] ?? '')} ***`;
  if (name === 'AUTHENTICATE') return `${words.slice(0, 3).join(' ')}${words.length > 3 ? ' ***' : ''}`;
  const literals = framed.parts.filter((p) => p.kind !== 'text').map((p) => (p.kind === 'streamed' ? p.size : p.data.length));
  return literals.length > 0 ? `${head} [literals: ${literals.join(', ')} bytes]` : head;
}

/** A response line for the trace: its first line only, cut. */
export function traceResponse(data: Buffer): string {
  const end = Math.min(data.indexOf(0x0a) >= 0 ? data.indexOf(0x0a) : data.length, MAX_TRACE);
  return data.toString('latin1', 0, end).replace(/\r$/, '');
}
