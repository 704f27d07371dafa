// Exports a local account's folders to a Maildir tree, an mbox file or directory, or an EML directory — the
// reverse of import.ts, byte-exact with flags, keywords and INTERNALDATE as far as the format holds them.
// Which folders go where:
//  - maildir:/dir, eml:/dir, mbox:/dir/ — every folder (one Maildir++ folder / sub-directory / mbox file each);
//  - mbox:/file — one folder into one file: INBOX, or the folder named with `folder`.
// A folder the format cannot name is reported once and skipped; a message that cannot be written is reported
// with its reason and the run goes on.
import { openTarget, resolveTargetSpec } from '../formats/open.ts';
import { FormatSpecError } from '../formats/spec.ts';
import type { Store } from '../store/store.ts';
import type { Folder } from '../store/types.ts';
import { SilentProgress, type Progress } from '../util/progress.ts';
import { AdminError } from './errors.ts';
import { requireAccount } from './lookup.ts';
import { describeTransfer, type TransferFailure, type TransferSummary } from './transfer-summary.ts';

export interface ExportOptions {
  /** export only this folder */
  folder?: string;
  progress?: Progress;
}

export type ExportSummary = TransferSummary;

async function chooseFolders(store: Store, accountId: number, address: string, folder: string | undefined, singleFile: boolean): Promise<Folder[]> {
  if (folder !== undefined) {
    const found = await store.getFolder(accountId, folder);
    if (!found) throw new AdminError('not_found', `folder "${folder}" does not exist in ${address}`, `see the folders with: mailferry mailbox list ${address}`);
    return [found];
  }
  const all = await store.listFolders(accountId);
  return singleFile ? all.filter((candidate) => candidate.name === 'INBOX') : all;
}

export async function exportMailbox(store: Store, accountAddress: string, targetSpec: string, options: ExportOptions = {}): Promise<ExportSummary> {
  const account = await requireAccount(store, accountAddress);
  const progress = options.progress ?? new SilentProgress('export');
  let spec;
  try {
    spec = await resolveTargetSpec(targetSpec);
  } catch (error) {
    if (error instanceof FormatSpecError) throw new AdminError('invalid', error.message);
    throw error;
  }
  const singleFile = spec.kind === 'mbox' && !spec.directory;
  const folders = await chooseFolders(store, account.id, account.address, options.folder, singleFile);
  if (singleFile && options.folder === undefined) {
    progress.note(`${spec.canonical} is one mbox file: exporting INBOX only (name a directory, mbox:/dir/, for every folder)`);
  }
  const failures: TransferFailure[] = [];
  const summary: ExportSummary = { from: account.address, to: spec.canonical, messages: 0, failed: 0, bytes: 0, durationMs: 0, failures };
  const target = openTarget(spec, { onProblem: (problem) => progress.note(`${problem.path}: ${problem.message}`, 'problem') });
  const startedAt = Date.now();
  const wanted = new Set(folders.map((folder) => folder.id));
  const totals = (await store.summarizeFolders(account.id)).filter((folder) => wanted.has(folder.id));
  progress.start({ messages: totals.reduce((sum, f) => sum + f.messages, 0), bytes: totals.reduce((sum, f) => sum + f.bytes, 0) });

  try {
    for (const folder of folders) {
      let folderError: string | undefined;
      try {
        await target.createFolder(folder.name);
      } catch (error) {
        folderError = (error as Error).message;
        progress.note(`${folderError}: folder skipped`, 'problem');
      }
      for await (const message of store.iterateMessages(folder.id)) {
        const label = `${folder.name} UID ${message.uid}`;
        if (folderError === undefined) {
          try {
            await target.write({
              folder: folder.name, flags: message.flags, internalDate: message.internalDate, size: message.size,
              body: store.blobs.open(message.sha256) as AsyncIterable<Buffer>,
            });
            summary.messages++;
            summary.bytes += message.size;
            progress.advance(1, message.size);
            continue;
          } catch (error) {
            progress.note(`${label}: ${(error as Error).message}`, 'problem');
            failures.push({ item: label, reason: (error as Error).message });
          }
        } else {
          failures.push({ item: label, reason: folderError });
        }
        summary.failed++;
        progress.advance(1, message.size);
      }
    }
  } finally {
    await target.close();
  }
  summary.durationMs = Date.now() - startedAt;
  progress.finish(describeTransfer('exported', summary));
  return summary;
}
