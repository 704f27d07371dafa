// One IMAP poll: the engine's own transfer (runTransfer) from the remote account into the local account, the
// remote folder hierarchy mirrored below a root folder named after the record (or --mailbox), narrowed by the
// record's LIST pattern. Deleting a mirrored folder locally gives it a new UIDVALIDITY, so the engine copies its
// messages again. With --delete, each remote folder's messages the ledger holds (durable here) are expunged
// after the transfer (RFC 4315 UID EXPUNGE) and forgotten.
import type { Endpoint } from '../endpoints/endpoint.ts';
import { LocalEndpoint } from '../endpoints/local/local-endpoint.ts';
import { folderFilter } from '../folders/name-rules.ts';
import { splitFolderName, logicalName } from '../folders/folder-path.ts';
import type { Logger } from '../log/logger.ts';
import type { Store } from '../store/store.ts';
import { runTransfer } from '../transfer/engine.ts';
import type { TransferReport } from '../transfer/report.ts';
import { DEFAULT_RETRY, type TransferSettings } from '../transfer/settings.ts';
import type { Progress } from '../util/progress.ts';

export interface ImapPollInput {
  store: Store;
  source: Endpoint;
  account: string;
  pair: string;
  /** local folder the remote hierarchy is mirrored under */
  root: string;
  /** LIST pattern ("*", "%", "Work/*"); null: every folder */
  folders: string | null;
  deleteRemote: boolean;
  progress: Progress;
  logger: Logger;
  memoryLimit: number;
}

export interface ImapPollResult {
  report: TransferReport;
  deleted: number;
}

function escapeReplacement(text: string): string {
  return text.replace(/\$/g, '$$$$');
}

export async function pollImap(input: ImapPollInput): Promise<ImapPollResult> {
  const include = input.folders ? [input.folders] : [];
  const settings: TransferSettings = {
    pair: input.pair,
    folders: { mode: 'standard', include, exclude: [], maps: [{ pattern: /^(.*)$/u, replacement: `${escapeReplacement(input.root)}/$1`, text: `*=>${input.root}/*` }] },
    twoWay: false, propagateDeletes: false, dryRun: false, verify: false, connections: 1, normalizeNames: true,
    retry: { ...DEFAULT_RETRY, attempts: 2 }, memoryLimit: input.memoryLimit, deliveryBudget: 32 * 1024 * 1024,
  };
  const dest = new LocalEndpoint(input.store, input.account);
  const report = await runTransfer(input.source, dest, settings, { ledger: input.store.transferLedger, logger: input.logger, progress: input.progress });
  const deleted = input.deleteRemote && report.failures.length === 0 ? await expungeCopied(input, include) : 0;
  return { report, deleted };
}

/** Removes at the remote what the ledger says is durable here, folder by folder. */
async function expungeCopied(input: ImapPollInput, include: string[]): Promise<number> {
  const session = await input.source.connect();
  let deleted = 0;
  try {
    const layout = await session.namespace();
    const filter = folderFilter(include, []);
    for (const folder of await session.listFolders()) {
      if (!folder.selectable || !filter.accepts(logicalName(splitFolderName(folder.name, layout)))) continue;
      const entries = await input.store.transferLedger.entries(input.pair, folder.name);
      if (entries.length === 0) continue;
      const handle = await session.openFolder(folder.name, { write: true });
      if (!handle.writer) throw new Error(`${input.source.url}: folder ${folder.name} cannot be written, so nothing can be deleted there`);
      const present = new Set<string>();
      for await (const identity of handle.list()) present.add(identity.id);
      const ids = entries.map((entry) => entry.sourceId).filter((id) => present.has(id));
      if (ids.length > 0) await handle.writer.remove(ids);
      await input.store.transferLedger.remove(input.pair, folder.name, entries.map((entry) => entry.sourceId));
      deleted += ids.length;
    }
  } finally {
    await session.close().catch(() => undefined);
  }
  return deleted;
}
