// The Store over SQL (kysely) and a BlobStore: composes the directory, folder and message services.
import type { BlobStore, ChangeNotifier, FolderIndex, MessageQuery, MessageRowOf, RowShape, Store } from '../store.ts';
import type {
  Account, Alias, AppendInput, AppendOutcome, AppendRequest, Domain, FlagOperation, Folder, FolderSummary, LedgerKey,
  MessageMeta, MessageWithMime, SpecialUse,
} from '../types.ts';
import { collectBlobGarbage, collectBlobGarbageAfterCommit } from './blob-gc.ts';
import type { StoreContext } from './context.ts';
import { DirectoryService } from './directory-service.ts';
import { FolderService } from './folder-service.ts';
import { MessageService } from './message-service.ts';
import { recentRange, type RecentRange } from './recent.ts';
import { SqlTransferLedger } from './transfer-ledger-repo.ts';
import type { TransferLedgerStore } from '../transfer-ledger.ts';
import type { PollStore } from '../poll-store.ts';
import { SqlPollStore } from './poll-repo.ts';
import type { DeliveryRulesStore } from '../rules-store.ts';
import { SqlDeliveryRules } from './rules-repo.ts';

export class SqlStore implements Store {
  readonly blobs: BlobStore;
  readonly notifier: ChangeNotifier;
  readonly transferLedger: TransferLedgerStore;
  readonly polls: PollStore;
  readonly rules: DeliveryRulesStore;
  private readonly directory: DirectoryService;
  private readonly folders: FolderService;
  private readonly messages: MessageService;
  private closed = false;

  constructor(private readonly ctx: StoreContext) {
    this.blobs = ctx.blobs;
    this.notifier = ctx.notifier;
    this.transferLedger = new SqlTransferLedger(ctx);
    this.polls = new SqlPollStore(ctx);
    this.rules = new SqlDeliveryRules(ctx);
    this.directory = new DirectoryService(ctx);
    this.folders = new FolderService(ctx);
    this.messages = new MessageService(ctx);
  }

  addDomain(name: string): Promise<Domain> { return this.directory.addDomain(name); }
  getDomain(name: string): Promise<Domain | undefined> { return this.directory.getDomain(name); }
  listDomains(): Promise<Domain[]> { return this.directory.listDomains(); }
  removeDomain(name: string): Promise<void> { return this.directory.removeDomain(name); }

  addAccount(address: string, password: string): Promise<Account> { return this.directory.addAccount(address, password); }
  getAccount(address: string): Promise<Account | undefined> { return this.directory.getAccount(address); }
  getAccountById(id: number): Promise<Account | undefined> { return this.directory.getAccountById(id); }
  listAccounts(domain?: string): Promise<Account[]> { return this.directory.listAccounts(domain); }
  setPassword(address: string, password: string): Promise<void> { return this.directory.setPassword(address, password); }
  verifyPassword(address: string, password: string): Promise<Account | undefined> {
    return this.directory.verifyPassword(address, password);
  }
  async removeAccount(address: string): Promise<void> {
    await this.directory.removeAccount(address);
    await collectBlobGarbageAfterCommit(this.ctx);
  }

  addAlias(source: string, target: string): Promise<Alias> { return this.directory.addAlias(source, target); }
  listAliases(domain?: string): Promise<Alias[]> { return this.directory.listAliases(domain); }
  removeAlias(source: string, target?: string): Promise<void> { return this.directory.removeAlias(source, target); }
  resolveRecipient(address: string): Promise<Account[]> { return this.directory.resolveRecipient(address); }

  createFolder(accountId: number, name: string, options?: { specialUse?: SpecialUse; subscribed?: boolean }): Promise<Folder> {
    return this.folders.createFolder(accountId, name, options);
  }
  getFolder(accountId: number, name: string): Promise<Folder | undefined> { return this.folders.getFolder(accountId, name); }
  getFolderById(folderId: number): Promise<Folder | undefined> { return this.folders.getFolderById(folderId); }
  listFolders(accountId: number): Promise<Folder[]> { return this.folders.listFolders(accountId); }
  summarizeFolders(accountId: number): Promise<FolderSummary[]> { return this.folders.summarizeFolders(accountId); }
  renameFolder(accountId: number, from: string, to: string): Promise<void> { return this.folders.renameFolder(accountId, from, to); }
  deleteFolder(accountId: number, name: string): Promise<void> { return this.folders.deleteFolder(accountId, name); }
  setSubscribed(accountId: number, name: string, subscribed: boolean): Promise<void> {
    return this.folders.setSubscribed(accountId, name, subscribed);
  }
  listDanglingSubscriptions(accountId: number): Promise<string[]> { return this.folders.listDanglingSubscriptions(accountId); }

  appendMessage(folderId: number, input: AppendInput): Promise<MessageMeta> { return this.messages.appendMessage(folderId, input); }
  appendMessages(requests: AppendRequest[]): Promise<AppendOutcome[]> { return this.messages.appendMessages(requests); }
  ledgerHas(key: LedgerKey): Promise<boolean> { return this.messages.ledgerHas(key); }
  listMessages(folderId: number, query?: MessageQuery): Promise<MessageMeta[]> { return this.messages.listMessages(folderId, query); }
  folderIndex(folderId: number): Promise<FolderIndex> {
    return this.messages.folderIndex(folderId);
  }
  messageBatches<S extends RowShape>(folderId: number, shape: S, query?: MessageQuery): AsyncIterable<Array<MessageRowOf<S>>> {
    return this.messages.messageBatches(folderId, shape, query);
  }
  iterateMessages(folderId: number, query?: MessageQuery): AsyncIterable<MessageMeta> {
    return this.messages.iterateMessages(folderId, query);
  }
  iterateMessagesWithMime(folderId: number, query?: MessageQuery): AsyncIterable<MessageWithMime> {
    return this.messages.iterateMessagesWithMime(folderId, query);
  }
  recentRange(folderId: number, options: { claim: boolean }): Promise<RecentRange> { return recentRange(this.ctx, folderId, options); }
  getMessage(folderId: number, uid: number): Promise<MessageWithMime | undefined> { return this.messages.getMessage(folderId, uid); }
  findByDigest(folderId: number, sha256: string): Promise<MessageMeta[]> { return this.messages.findByDigest(folderId, sha256); }
  updateFlags(folderId: number, uids: number[], operation: FlagOperation, flags: string[]): Promise<MessageMeta[]> {
    return this.messages.updateFlags(folderId, uids, operation, flags);
  }
  copyMessages(fromFolderId: number, uids: number[], toFolderId: number): Promise<Array<[number, number]>> {
    return this.messages.copyMessages(fromFolderId, uids, toFolderId);
  }
  moveMessages(fromFolderId: number, uids: number[], toFolderId: number): Promise<Array<[number, number]>> {
    return this.messages.moveMessages(fromFolderId, uids, toFolderId);
  }
  expunge(folderId: number, uids: number[]): Promise<void> { return this.messages.expunge(folderId, uids); }

  /** removes orphan blobs that are due; runs at open and after expunges on its own */
  collectGarbage(): Promise<number> { return collectBlobGarbage(this.ctx); }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.ctx.db.destroy();
  }
}
