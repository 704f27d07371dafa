// The loop guard (DESIGN: Scheduler): a record whose host resolves to one of this server's own addresses, on a
// port one of its POP3/IMAP listeners uses, would fetch our own mail back into ourselves — refused unless
// poll.allowSelfPoll is set. Wildcard listeners (0.0.0.0, ::) stand for every interface address.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

export interface OwnListener {
  /** the bound address: an IP, a name, or a wildcard */
  host: string;
  port: number;
}

export class SelfPollError extends Error {
  override name = 'SelfPollError';
}

const WILDCARDS = new Set(['0.0.0.0', '::', '', '*']);

function normalize(address: string): string {
  const lower = address.toLowerCase();
  return lower.startsWith('::ffff:') && isIP(lower.slice(7)) === 4 ? lower.slice(7) : lower;
}

function interfaceAddresses(): string[] {
  const addresses = ['127.0.0.1', '::1'];
  for (const list of Object.values(networkInterfaces())) for (const info of list ?? []) addresses.push(info.address);
  return addresses.map(normalize);
}

async function addressesOf(host: string): Promise<string[]> {
  if (isIP(host)) return [normalize(host)];
  try {
    return (await lookup(host, { all: true })).map((entry) => normalize(entry.address));
  } catch {
    return []; // an unresolvable name is not us; the connection attempt will say what is wrong
  }
}

/** Throws SelfPollError when host:port is one of our own listeners. */
export async function checkSelfPoll(host: string, port: number, listeners: readonly OwnListener[]): Promise<void> {
  const onPort = listeners.filter((listener) => listener.port === port && port !== 0);
  if (onPort.length === 0) return;
  const remote = new Set(await addressesOf(host));
  for (const listener of onPort) {
    const own = WILDCARDS.has(listener.host) ? interfaceAddresses() : await addressesOf(listener.host);
    if (own.some((address) => remote.has(address))) {
      throw new SelfPollError(`${host}:${port} is this server's own ${listener.host}:${listener.port} listener: polling it would fetch our own mail into ourselves (set poll.allowSelfPoll to allow)`);
    }
  }
}
