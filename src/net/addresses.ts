// Address tests the servers need: is this peer on the loopback interface (plaintext policy, RFC 2595 §2.2)?
import { isIPv4 } from 'node:net';

/** 127.0.0.0/8, ::1 and IPv4-mapped loopback (::ffff:127.x.y.z). */
export function isLoopbackAddress(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIPv4(v4)) return v4.startsWith('127.');
  return address === '::1';
}
