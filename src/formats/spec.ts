// Parses the URL-like names of file sources and targets: `maildir:/path`, `mbox:/file`, `mbox:/dir/`,
// `eml:/dir`. The canonical form (absolute path, no trailing slash except for an mbox directory) names the
// source in ledger keys, so the same directory spelt two ways is still the same import.
import { homedir } from 'node:os';
import { resolve } from 'node:path';

export const FORMAT_KINDS = ['maildir', 'mbox', 'eml'] as const;
export type FormatKind = (typeof FORMAT_KINDS)[number];

export interface FormatSpec {
  kind: FormatKind;
  /** absolute path, without trailing slash */
  path: string;
  /** mbox only: the spec ended with '/', so it names a directory of mbox files (one per folder) */
  directory: boolean;
  /** canonical text of the spec */
  canonical: string;
}

export class FormatSpecError extends Error {
  override name = 'FormatSpecError';
}

function isKind(text: string): text is FormatKind {
  return (FORMAT_KINDS as readonly string[]).includes(text);
}

export function parseFormatSpec(text: string, cwd: string = process.cwd()): FormatSpec {
  const colon = text.indexOf(':');
  const kind = colon > 0 ? text.slice(0, colon).toLowerCase() : '';
  if (!isKind(kind)) {
    throw new FormatSpecError(`"${text}" is not a file source: expected maildir:/path, mbox:/file, mbox:/dir/ or eml:/dir`);
  }
  let rawPath = text.slice(colon + 1);
  // tolerate URL spelling maildir:///srv/mail
  if (rawPath.startsWith('//')) rawPath = rawPath.replace(/^\/\/(localhost)?(?=\/)/, '');
  if (rawPath === '') throw new FormatSpecError(`"${text}" names no path`);
  if (rawPath === '~' || rawPath.startsWith('~/')) rawPath = homedir() + rawPath.slice(1);
  const directory = kind === 'mbox' && /[/\\]$/.test(rawPath);
  const path = resolve(cwd, rawPath);
  const canonical = `${kind}:${path}${directory && path !== '/' ? '/' : ''}`;
  return { kind, path, directory, canonical };
}
