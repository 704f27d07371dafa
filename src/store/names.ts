// Normalisation and validation of the names the store keeps: domains, addresses, folder names.
// Addresses and domains are compared case-insensitively, so they are stored lower-case.
import { StoreError } from './errors.ts';
import { HIERARCHY_SEPARATOR } from './types.ts';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export function normalizeDomain(name: string): string {
  const domain = name.trim().toLowerCase().replace(/\.$/, '');
  if (domain.length === 0 || domain.length > 253 || CONTROL.test(domain) || /[\s@/\\]/.test(domain)
    || domain.startsWith('.') || domain.includes('..')) {
    throw new StoreError('invalid', `invalid domain name "${name}"`);
  }
  return domain;
}

export function normalizeAddress(address: string): string {
  const trimmed = address.trim();
  const at = trimmed.lastIndexOf('@');
  const local = trimmed.slice(0, at);
  if (at <= 0 || local.length > 64 || CONTROL.test(local) || /\s/.test(local)) {
    throw new StoreError('invalid', `invalid address "${address}": expected local-part@domain`);
  }
  return `${local.toLowerCase()}@${normalizeDomain(trimmed.slice(at + 1))}`;
}

/** An alias source: a full address, or "@domain" for a domain catch-all. */
export function normalizeAliasSource(source: string): string {
  const trimmed = source.trim();
  if (trimmed.startsWith('@')) return `@${normalizeDomain(trimmed.slice(1))}`;
  return normalizeAddress(trimmed);
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

/**
 * Canonical folder name: '/'-separated, non-empty components, INBOX upper-case (RFC 3501 §5.1: INBOX is
 * case-insensitive), no control characters and no IMAP list wildcards (RFC 3501 §6.3.8: '%' and '*').
 */
export function normalizeFolderName(name: string): string {
  const parts = name.split(HIERARCHY_SEPARATOR);
  if (name.length === 0 || name.length > 1000 || parts.some((p) => p.length === 0) || CONTROL.test(name)
    || /[%*]/.test(name)) {
    throw new StoreError('invalid', `invalid folder name "${name}": empty part, control character or wildcard`);
  }
  if (parts[0]!.toUpperCase() === 'INBOX') parts[0] = 'INBOX';
  return parts.join(HIERARCHY_SEPARATOR);
}

/** "a/b/c" → ["a", "a/b"] */
export function parentNames(name: string): string[] {
  const parts = name.split(HIERARCHY_SEPARATOR);
  const parents: string[] = [];
  for (let i = 1; i < parts.length; i++) parents.push(parts.slice(0, i).join(HIERARCHY_SEPARATOR));
  return parents;
}

export function isInside(name: string, parent: string): boolean {
  return name.startsWith(parent + HIERARCHY_SEPARATOR);
}

/** Display order: INBOX first, then by path component, so children follow their parent. */
export function compareFolderNames(a: string, b: string): number {
  const pa = a.split(HIERARCHY_SEPARATOR);
  const pb = b.split(HIERARCHY_SEPARATOR);
  if ((pa[0] === 'INBOX') !== (pb[0] === 'INBOX')) return pa[0] === 'INBOX' ? -1 : 1;
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] !== pb[i]) return pa[i]! < pb[i]! ? -1 : 1;
  }
  return pa.length - pb.length;
}
