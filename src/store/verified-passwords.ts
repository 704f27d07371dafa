// Password checks cost 32 MiB and ~100 ms of CPU each (scrypt, ln=15, r=8): fifty clients logging in at once
// would take 1.6 GB and every core. Two measures, as Dovecot's auth cache and auth process limit take:
// - at most DERIVATIONS_AT_ONCE derivations run at a time; the others wait their turn (memory stays bounded);
// - a password that matched a stored hash is remembered for a while, keyed by an HMAC under a key that lives
//   only in this process, so reconnecting clients (mobile clients, sync tools with several connections) do not
//   pay again. The stored hash is part of the key: a changed password never matches an old entry. Failures
//   are never remembered, and checks of the same pair that are under way are shared.
import { createHmac, randomBytes } from 'node:crypto';
import { Limiter } from '../util/limiter.ts';

const DERIVATIONS_AT_ONCE = 2;
const REMEMBER_MS = 10 * 60 * 1000;
const MAX_REMEMBERED = 10_000;

const processKey = randomBytes(32);
const remembered = new Map<string, number>(); // HMAC → expiry time
const underWay = new Map<string, Promise<boolean>>();
const derivations = new Limiter(DERIVATIONS_AT_ONCE);

function keyOf(password: string, stored: string): string {
  return createHmac('sha256', processKey).update(stored).update('\0').update(password, 'utf8').digest('base64');
}

function remember(key: string): void {
  if (remembered.size >= MAX_REMEMBERED) {
    const oldest = remembered.keys().next().value as string;
    remembered.delete(oldest);
  }
  remembered.set(key, Date.now() + REMEMBER_MS);
}

/** Runs `derive` (the real check) unless this pair matched recently; one derivation at a time per pair. */
export function checkOnce(password: string, stored: string, derive: () => Promise<boolean>): Promise<boolean> {
  const key = keyOf(password, stored);
  const expiry = remembered.get(key);
  if (expiry !== undefined) {
    if (expiry > Date.now()) return Promise.resolve(true);
    remembered.delete(key);
  }
  const pending = underWay.get(key);
  if (pending) return pending;
  const check = derivations.run(derive).then((ok) => {
    if (ok) remember(key);
    return ok;
  }).finally(() => underWay.delete(key));
  underWay.set(key, check);
  return check;
}

/** Only the derivation limit, for work that must always run (the decoy check of unknown accounts). */
export function derivationSlot<T>(work: () => Promise<T>): Promise<T> {
  return derivations.run(work);
}
