// One POP3 poll is the engine's transfer (runTransfer, DESIGN: a poll is a transfer with a schedule) from the
// engine's POP3 endpoint into the delivery endpoint, its ledger pair being the poll's registry of fetched
// UIDLs (RFC 1939 §7). The source endpoint is watched by a thin wrapper: it remembers what INBOX listed and,
// with --delete, marks with DELE — just before the session's QUIT — every listed message the registry holds,
// i.e. whose delivery committed (DESIGN invariant 1); the server removes them at QUIT (RFC 1939 §6). After the
// run, registry entries whose message has left the server are dropped.
import type { Endpoint, EndpointSession, FolderHandle, MessageIdentity } from '../endpoints/endpoint.ts';
import type { Logger } from '../log/logger.ts';
import type { Store } from '../store/store.ts';
import { runTransfer } from '../transfer/engine.ts';
import type { TransferReport } from '../transfer/report.ts';
import { DEFAULT_RETRY, type TransferSettings } from '../transfer/settings.ts';
import type { Progress } from '../util/progress.ts';
import { DeliveryEndpoint } from './delivery-endpoint.ts';
import type { DeliveryFolder } from './delivery-folder.ts';

export interface Pop3PollInput {
  store: Store;
  source: Endpoint;
  dest: DeliveryFolder;
  pair: string;
  deleteRemote: boolean;
  progress: Progress;
  logger: Logger;
  memoryLimit: number;
}

export interface Pop3PollResult {
  report: TransferReport;
  deleted: number;
}

const INBOX = 'INBOX';

/** The POP3 endpoint as the engine sees it, plus what the poll needs to know and do around the engine. */
class WatchedSource implements Endpoint {
  readonly kind: Endpoint['kind'];
  readonly url: string;
  readonly writable = false;
  readonly maxSessions = 1;
  /** UIDLs of the last listing; undefined until INBOX was listed */
  listed?: Set<string>;
  /** the folder handle that listed them: it knows their message numbers (DELE needs them) */
  private listedBy?: FolderHandle;
  deleted = 0;

  constructor(private readonly inner: Endpoint, private readonly input: Pop3PollInput) {
    this.kind = inner.kind;
    this.url = inner.url;
  }

  async connect(): Promise<EndpointSession> {
    const session = await this.inner.connect();
    this.listed = undefined;
    this.listedBy = undefined;
    return {
      capabilities: session.capabilities,
      namespace: () => session.namespace(),
      listFolders: () => session.listFolders(),
      openFolder: async (name, options) => this.watch(await session.openFolder(name, options)),
      close: async () => {
        if (this.input.deleteRemote) await this.removeDurable();
        await session.close();
      },
    };
  }

  private watch(folder: FolderHandle): FolderHandle {
    const source = this;
    return {
      name: folder.name, status: folder.status,
      async *list(options) {
        const ids = new Set<string>();
        for await (const identity of folder.list(options)) {
          ids.add(identity.id);
          yield identity;
        }
        source.listed = ids;
        source.listedBy = folder;
      },
      read: (ids: readonly MessageIdentity[]) => folder.read(ids),
    };
  }

  /** DELE for every listed message whose delivery committed (the registry holds it), before QUIT. */
  private async removeDurable(): Promise<void> {
    const folder = this.listedBy;
    if (!this.listed || !folder?.removal) return;
    try {
      const durable = (await this.input.store.transferLedger.entries(this.input.pair, INBOX)).map((entry) => entry.sourceId);
      const ids = durable.filter((id) => this.listed!.has(id));
      if (ids.length === 0) return;
      await folder.removal.remove(ids);
      this.deleted += ids.length;
    } catch (error) {
      // nothing is lost: what was not deleted now is deleted by the next poll
      this.input.logger.problems(`${this.url}: deleting fetched messages failed: ${(error as Error).message}`);
    }
  }
}

export async function pollPop3(input: Pop3PollInput): Promise<Pop3PollResult> {
  const source = new WatchedSource(input.source, input);
  const settings: TransferSettings = {
    pair: input.pair, folders: { mode: 'standard', include: [INBOX], exclude: [], maps: [] },
    twoWay: false, propagateDeletes: false, dryRun: false, verify: false, connections: 1, normalizeNames: false,
    retry: { ...DEFAULT_RETRY, attempts: 2 }, memoryLimit: input.memoryLimit, deliveryBudget: 8 * 1024 * 1024,
  };
  const report = await runTransfer(source, new DeliveryEndpoint(input.dest), settings, {
    ledger: input.store.transferLedger, logger: input.logger, progress: input.progress,
  });
  if (source.listed) {
    const listed = source.listed;
    const gone = (await input.store.transferLedger.entries(input.pair, INBOX)).map((entry) => entry.sourceId).filter((id) => !listed.has(id));
    if (gone.length > 0) await input.store.transferLedger.remove(input.pair, INBOX, gone);
  }
  return { report, deleted: source.deleted };
}
