// Credentials kept in the store, sealed with the server key: AES-256-GCM (NIST SP 800-38D) with a fresh 96-bit
// nonce per sealing and the owner of the secret ("poll:alice@example.org/work") as associated data, so a
// sealed value copied onto another record does not open. Text form: "v1.<key id>.<nonce>.<tag>.<ciphertext>"
// (base64url parts). Errors never include the plaintext.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { ServerKey } from './server-key.ts';

const VERSION = 'v1';
const NONCE_BYTES = 12;

export class SealedSecretError extends Error {
  override name = 'SealedSecretError';
}

export function sealSecret(key: ServerKey, plaintext: string, owner: string): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.bytes, nonce);
  cipher.setAAD(Buffer.from(owner, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, key.id, nonce.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join('.');
}

export function openSecret(key: ServerKey, sealed: string, owner: string): string {
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) throw new SealedSecretError(`the stored credential of ${owner} is not a sealed value`);
  const [, keyId, nonce, tag, ciphertext] = parts as [string, string, string, string, string];
  if (keyId !== key.id) {
    throw new SealedSecretError(`the stored credential of ${owner} was sealed with another server key (${keyId}, this one is ${key.id}): set the password again`);
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(nonce, 'base64url'));
    decipher.setAAD(Buffer.from(owner, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SealedSecretError(`the stored credential of ${owner} does not open with the server key (altered or moved): set the password again`);
  }
}
