// Validation and normal form of the names the administrator types: domains, addresses, folder names, passwords.
import { domainToASCII } from 'node:url';
import { HIERARCHY_SEPARATOR } from '../store/types.ts';
import { AdminError } from './errors.ts';

/** A lower-case ASCII domain (IDNs in their xn-- form); RFC 1035 §2.3.1 labels. */
export function normalizeDomain(input: string): string {
  const trimmed = input.trim().replace(/\.$/, '');
  const ascii = domainToASCII(trimmed).toLowerCase();
  const label = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
  if (!ascii || ascii.length > 253 || !ascii.split('.').every((part) => label.test(part))) {
    throw new AdminError('invalid', `"${input}" is not a valid domain name`);
  }
  return ascii;
}

// RFC 5322 §3.2.3 atext, plus UTF-8 (RFC 6531 §3.3), as a dot-atom: no leading, trailing or double dot.
const localPartAtom = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;

/** local@domain, lower-cased, the domain in normal form. */
export function normalizeAddress(input: string): { address: string; domain: string } {
  const at = input.lastIndexOf('@');
  const local = at > 0 ? input.slice(0, at) : '';
  if (!local || local.length > 64 || !localPartAtom.test(local)) {
    throw new AdminError('invalid', `"${input}" is not a valid mail address (expected local@domain)`);
  }
  const domain = normalizeDomain(input.slice(at + 1));
  return { address: `${local.toLowerCase()}@${domain}`, domain };
}

/** An alias source: a full address, or "@domain" for the domain's catch-all. */
export function normalizeAliasSource(input: string): { address: string; domain: string } {
  if (input.startsWith('@')) {
    const domain = normalizeDomain(input.slice(1));
    return { address: `@${domain}`, domain };
  }
  return normalizeAddress(input);
}

/**
 * A folder path with "/" between levels. INBOX is case-insensitive and always stored as "INBOX"
 * (RFC 3501 §5.1); "*" and "%" are LIST wildcards and cannot be part of a name (RFC 3501 §6.3.8).
 */
export function normalizeFolderName(input: string): string {
  const parts = input.split(HIERARCHY_SEPARATOR);
  const bad =
    input.length === 0 ||
    input.length > 1000 ||
    parts.some((part) => part.length === 0 || part.trim() !== part) ||
    /[\p{Cc}*%]/u.test(input);
  if (bad) {
    throw new AdminError(
      'invalid',
      `"${input}" is not a valid folder name (use "/" between levels; no empty levels, ` +
        'surrounding spaces, control characters, "*" or "%")',
    );
  }
  if (parts[0].toUpperCase() === 'INBOX') parts[0] = 'INBOX';
  return parts.join(HIERARCHY_SEPARATOR);
}

/** Passwords are taken as they are; only what no login could ever send is refused. */
export function checkPassword(password: string): void {
  if (password.length === 0) throw new AdminError('invalid', 'the password is empty');
  if (/[\r\n\0]/.test(password)) throw new AdminError('invalid', 'the password contains a line break or NUL');
  if (password.length > 1024) throw new AdminError('invalid', 'the password is longer than 1024 characters');
}
