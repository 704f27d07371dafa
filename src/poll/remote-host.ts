// "pop.example.com", "pop.example.com:995", "[2001:db8::1]:110": a remote host with the port the protocol and
// TLS mode imply when none is given (RFC 8314 §7: 995 and 993 for implicit TLS; RFC 1939 110, RFC 3501 143).
import type { PollProtocol, PollTls } from '../store/poll-store.ts';

export class RemoteHostError extends Error {
  override name = 'RemoteHostError';
}

export function defaultPort(protocol: PollProtocol, tls: PollTls): number {
  if (protocol === 'pop3') return tls === 'implicit' ? 995 : 110;
  return tls === 'implicit' ? 993 : 143;
}

export function parseRemoteHost(text: string, protocol: PollProtocol, tls: PollTls): { host: string; port: number } {
  const bracketed = /^\[([0-9a-fA-F:.]+)\](?::(\d+))?$/.exec(text.trim());
  const plain = /^([A-Za-z0-9.-]+|[0-9.]+)(?::(\d+))?$/.exec(text.trim());
  const parts = bracketed ?? plain;
  if (!parts) throw new RemoteHostError(`"${text}" is not a host: expected a name or address, optionally with :port`);
  const port = parts[2] === undefined ? defaultPort(protocol, tls) : Number(parts[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RemoteHostError(`port ${parts[2]} of "${text}" is out of range`);
  return { host: parts[1]!.toLowerCase(), port };
}

/** "pop.example.com:995", "[::1]:110" */
export function formatRemoteHost(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}
