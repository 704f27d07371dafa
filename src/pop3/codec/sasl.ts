// SASL messages used over POP3 AUTH (RFC 5034): PLAIN (RFC 4616), LOGIN, CRAM-MD5 (RFC 2195), XOAUTH2.
// Encoding for the client, PLAIN decoding for the server; no I/O.
import { createHmac } from 'node:crypto';
import { Pop3ProtocolError } from './errors.ts';

/** RFC 4616 §2: [authzid] NUL authcid NUL passwd */
export function encodePlain(user: string, password: string, authzid = ''): Buffer {
  return Buffer.from(`${authzid}\0${user}\0${password}`, 'utf8');
}

export interface PlainCredentials {
  authzid: string;
  user: string;
  password: string;
}

export function decodePlain(message: Buffer): PlainCredentials {
  const first = message.indexOf(0);
  const second = first < 0 ? -1 : message.indexOf(0, first + 1);
  if (first < 0 || second < 0 || message.indexOf(0, second + 1) >= 0) {
    throw new Pop3ProtocolError('syntax', 'PLAIN expects authzid NUL user NUL password');
  }
  const user = message.subarray(first + 1, second).toString('utf8');
  const password = message.subarray(second + 1).toString('utf8');
  if (user.length === 0 || password.length === 0) throw new Pop3ProtocolError('syntax', 'PLAIN needs a user and a password');
  return { authzid: message.subarray(0, first).toString('utf8'), user, password };
}

/** RFC 2195 §2: user SP hex(HMAC-MD5(password, challenge)) */
export function cramMd5Response(user: string, password: string, challenge: Buffer): Buffer {
  const digest = createHmac('md5', password).update(challenge).digest('hex');
  return Buffer.from(`${user} ${digest}`, 'utf8');
}

/** Google/Microsoft XOAUTH2: "user=" user ^A "auth=Bearer " token ^A ^A */
export function encodeXoauth2(user: string, accessToken: string): Buffer {
  return Buffer.from(`user=${user}\x01auth=Bearer ${accessToken}\x01\x01`, 'utf8');
}

/**
 * A base64 SASL response line (RFC 5034 §4): "*" cancels; "=" in an initial response means empty.
 * Throws Pop3ProtocolError on text that is not base64.
 */
export function decodeSaslResponse(text: string): { cancel: true } | { cancel: false; data: Buffer } {
  if (text === '*') return { cancel: true };
  if (text === '=') return { cancel: false, data: Buffer.alloc(0) };
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) {
    throw new Pop3ProtocolError('syntax', 'SASL response is not base64');
  }
  return { cancel: false, data: Buffer.from(text, 'base64') };
}
