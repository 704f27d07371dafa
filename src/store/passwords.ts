// Password hashes with Node's scrypt, in a self-describing format so the cost can rise later without breaking
// stored hashes: $scrypt$ln=15,r=8,p=1$<salt base64>$<hash base64>. Passwords never reach a log or an error.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { StoreError } from './errors.ts';
import { checkOnce, derivationSlot } from './verified-passwords.ts';

export interface ScryptCost {
  /** log2 of the CPU/memory cost N */
  ln: number;
  r: number;
  p: number;
}

export const DEFAULT_SCRYPT_COST: ScryptCost = { ln: 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const HASH_BYTES = 32;
const FORMAT = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function derive(password: string, salt: Buffer, length: number, cost: ScryptCost): Promise<Buffer> {
  const N = 2 ** cost.ln;
  // scrypt needs 128 * N * r bytes; the default maxmem (32 MiB) is exactly too small for ln=15, r=8.
  const options: ScryptOptions = { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<string> {
  if (password.length === 0) throw new StoreError('invalid', 'password is empty');
  const salt = randomBytes(SALT_BYTES);
  const hash = await derivationSlot(() => derive(password, salt, HASH_BYTES, cost));
  const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');
  return `$scrypt$ln=${cost.ln},r=${cost.r},p=${cost.p}$${b64(salt)}$${b64(hash)}`;
}

/** Constant-time comparison; false for a malformed stored hash (never throws on user input). */
export async function verifyPasswordHash(password: string, stored: string): Promise<boolean> {
  const match = FORMAT.exec(stored);
  if (!match) return false;
  const cost: ScryptCost = { ln: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  if (cost.ln < 1 || cost.ln > 24 || cost.r < 1 || cost.p < 1) return false;
  const salt = Buffer.from(match[4]!, 'base64');
  const expected = Buffer.from(match[5]!, 'base64');
  // bounded and remembered (verified-passwords.ts): scrypt's 32 MiB per check must not multiply with logins
  return checkOnce(password, stored, async () => timingSafeEqual(await derive(password, salt, expected.length, cost), expected));
}

const dummyHashes = new Map<string, Promise<string>>();

/**
 * Spends the same time as a real verification, for unknown accounts, so response time does not tell an
 * attacker which addresses exist.
 */
export async function burnVerifyTime(password: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<void> {
  const key = `${cost.ln},${cost.r},${cost.p}`;
  let dummy = dummyHashes.get(key);
  if (!dummy) {
    dummy = hashPassword('mailferry-dummy-password', cost);
    dummyHashes.set(key, dummy);
  }
  await verifyPasswordHash(password, await dummy);
}
