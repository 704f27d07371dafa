// Aliases: an address of a local domain that delivers to one or more other addresses.
import type { Store } from '../store/store.ts';
import type { Alias } from '../store/types.ts';
import { AdminError } from './errors.ts';
import { normalizeAddress, normalizeAliasSource } from './names.ts';
import { requireDomain } from './lookup.ts';

export interface AliasInfo {
  source: string;
  target: string;
}

const infoOf = (alias: Alias): AliasInfo => ({ source: alias.source, target: alias.target });

/**
 * The source must belong to a local domain ("@example.org" is the domain's catch-all); the target may be
 * local or outside.
 */
export async function addAlias(store: Store, source: string, target: string): Promise<AliasInfo> {
  const from = normalizeAliasSource(source);
  const to = normalizeAddress(target).address;
  await requireDomain(store, from.domain);
  if (from.address === to) throw new AdminError('invalid', `alias ${from.address} cannot point to itself`);
  const existing = await store.listAliases(from.domain);
  if (existing.some((a) => a.source === from.address && a.target === to)) {
    throw new AdminError('exists', `alias ${from.address} → ${to} already exists`);
  }
  return infoOf(await store.addAlias(from.address, to));
}

export async function listAliases(store: Store, domain?: string): Promise<AliasInfo[]> {
  const domainName = domain === undefined ? undefined : (await requireDomain(store, domain)).name;
  const aliases = await store.listAliases(domainName);
  return aliases
    .map(infoOf)
    .sort((a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target));
}

/** Removes one target of an alias, or every target when none is named. Returns how many were removed. */
export async function removeAlias(store: Store, source: string, target?: string): Promise<number> {
  const from = normalizeAliasSource(source);
  const to = target === undefined ? undefined : normalizeAddress(target).address;
  const existing = (await store.listAliases(from.domain)).filter(
    (a) => a.source === from.address && (to === undefined || a.target === to),
  );
  if (existing.length === 0) {
    const what = to === undefined ? `alias ${from.address}` : `alias ${from.address} → ${to}`;
    throw new AdminError('not_found', `${what} does not exist`, `see the aliases with: mailferry alias list ${from.domain}`);
  }
  await store.removeAlias(from.address, to);
  return existing.length;
}
