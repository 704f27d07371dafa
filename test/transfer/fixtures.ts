// Shared material of the transfer tests: a mailbox with hostile folder names and malformed messages (the MIME
// corpus), flags, custom keywords and INTERNALDATEs; ways to fill a Dovecot account, a Maildir or a local
// account with it; and a reader of what an IMAP account holds, through the IMAP client (not the endpoints).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImapClient } from '../../src/imap/client/client.ts';
import { MaildirTarget } from '../../src/formats/maildir/writer.ts';
import { ingestMessage } from '../../src/store/ingest.ts';
import { openStore, type OpenedStore } from '../../src/store/open.ts';
import { startDovecot, type DovecotInstance } from '../helpers/dovecot.ts';

export const USER = 'alice';
export const PASSWORD = 'pw-alice';
export const ACCOUNT = 'alice@example.org';

export interface SampleMessage {
  folder: string;
  bytes: Buffer;
  flags: string[];
  internalDate: Date;
}

/** Folder names that break naive tools: non-ASCII, "&" (the mUTF-7 shift), dots, 3-deep nesting. */
export const HOSTILE_FOLDERS = ['INBOX', 'Entwürfe & Notizen', 'Q&A', 'v1.2 release', 'Projects/Alpha/2024', '日本語', 'Sent'];
/** Maildir++ cannot hold a "." inside a name part. */
export const MAILDIR_FOLDERS = HOSTILE_FOLDERS.filter((name) => !name.includes('.'));

const CORPUS = fileURLToPath(new URL('../corpus/mime/', import.meta.url));
const FLAG_SETS = [[], ['\\Seen'], ['\\Seen', '\\Answered'], ['\\Flagged', '$Label1'], ['\\Seen', 'Custom_Keyword', '$Forwarded'], ['\\Draft']];

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The corpus spread over the folders, plus two distinct messages that share a Message-ID (both must arrive).
 * `limit` keeps the first n corpus files. The empty message is left out: an IMAP server refuses to store it.
 */
export function sampleMailbox(folders: readonly string[] = HOSTILE_FOLDERS, limit = Infinity): SampleMessage[] {
  const files = readdirSync(CORPUS).filter((name) => name.endsWith('.eml') && readFileSync(join(CORPUS, name)).length > 0).sort().slice(0, limit);
  const messages = files.map((file, index) => ({
    folder: folders[index % folders.length]!,
    bytes: readFileSync(join(CORPUS, file)),
    flags: FLAG_SETS[index % FLAG_SETS.length]!,
    internalDate: new Date(Date.UTC(2020, 0, 1 + index, 10, index % 60, 7)),
  }));
  for (const [n, text] of [[1, 'first'], [2, 'second']] as const) {
    messages.push({
      folder: folders[0]!, flags: ['\\Seen'], internalDate: new Date(Date.UTC(2021, 5, n)),
      bytes: Buffer.from(`Message-ID: <shared@example.org>\r\nSubject: shared id ${text}\r\n\r\n${text} body\r\n`),
    });
  }
  return messages;
}

/**
 * A message as Dovecot serves it in BODY[]: IMAP's CRLF (a bare LF comes back as CRLF) and no NUL byte (RFC 3501
 * forbids it in BODY[]; Dovecot sends 0x80 — only BINARY[] would show it, and Dovecot's BINARY fails on broken
 * base64, so neither the endpoint nor these tests use it).
 */
export function asImapServes(bytes: Buffer): Buffer {
  return Buffer.from(bytes.toString('latin1').replace(/\r?\n/g, '\r\n').replace(/\0/g, '\x80'), 'latin1');
}

export type Layout = 'slash' | 'inbox-dot';

/** A private Dovecot: "/"-separated names in LAYOUT=fs (dots allowed), or Courier-style "INBOX." names. */
export async function startMailServer(layout: Layout = 'slash', users = [{ user: USER, password: PASSWORD }], options: { tls?: boolean } = {}): Promise<DovecotInstance> {
  const namespace = layout === 'slash'
    ? 'namespace inbox {\n  inbox = yes\n  separator = /\n  mailbox Sent {\n    special_use = \\Sent\n    auto = create\n  }\n}\nmail_location = maildir:~/Maildir:LAYOUT=fs\n'
    : 'namespace inbox {\n  inbox = yes\n  prefix = INBOX.\n  separator = .\n  mailbox "Sent Items" {\n    special_use = \\Sent\n    auto = create\n  }\n}\nmail_location = maildir:~/Maildir\n';
  return startDovecot({ users, tls: options.tls, extraConfig: `${namespace}imap_capability = +MOVE\n` });
}

export function imapUrl(server: DovecotInstance, user = USER): string {
  return `imap://${user}@127.0.0.1:${server.imapPort}`;
}

export async function imapClient(server: DovecotInstance, user = USER, password = PASSWORD): Promise<ImapClient> {
  return ImapClient.connect({ host: '127.0.0.1', port: server.imapPort, security: 'none', allowPlaintextAuth: true, auth: { user, password } });
}

/** Appends the messages over IMAP, creating folders; `prefix` for INBOX.-style servers. */
export async function fillImap(server: DovecotInstance, messages: readonly SampleMessage[], options: { delimiter?: string; prefix?: string } = {}): Promise<void> {
  const client = await imapClient(server);
  try {
    const nameOf = (folder: string) => (folder === 'INBOX' ? 'INBOX' : `${options.prefix ?? ''}${folder.split('/').join(options.delimiter ?? '/')}`);
    const existing = new Set((await client.list()).map((entry) => entry.name));
    for (const folder of new Set(messages.map((m) => m.folder))) {
      if (!existing.has(nameOf(folder))) await client.create(nameOf(folder));
    }
    for (const folder of new Set(messages.map((m) => m.folder))) {
      const batch = messages.filter((m) => m.folder === folder);
      const results = await client.append(nameOf(folder), batch.map((m) => ({ content: m.bytes, flags: m.flags, internalDate: m.internalDate })));
      const failed = results.find((result) => !result.ok);
      if (failed && !failed.ok) throw failed.error;
    }
  } finally {
    await client.logout();
  }
}

export interface HeldMessage {
  uid: number;
  sha256: string;
  flags: string[];
  internalDate: string;
}

/** Everything an IMAP account holds: folder → messages as BODY[] shows them. */
export async function readImap(server: DovecotInstance, user = USER, password = PASSWORD): Promise<Map<string, HeldMessage[]>> {
  const client = await imapClient(server, user, password);
  const held = new Map<string, HeldMessage[]>();
  try {
    for (const entry of await client.list()) {
      if (!entry.selectable) continue;
      const selected = await client.select(entry.name, { readOnly: true });
      const list: HeldMessage[] = [];
      if (selected.exists > 0) {
        for await (const message of client.fetchBodies('1:*')) {
          list.push({
            uid: message.uid, sha256: sha256(await message.body.buffer()), internalDate: message.internalDate!.toISOString(),
            flags: message.flags.filter((flag) => flag !== '\\Recent').sort(),
          });
        }
      }
      held.set(entry.name, list);
    }
  } finally {
    await client.logout();
  }
  return held;
}

/** Writes the messages into a Maildir++ tree with the format writer (flags, keywords, mtime). */
export async function fillMaildir(root: string, messages: readonly SampleMessage[]): Promise<void> {
  const target = new MaildirTarget(root);
  for (const message of messages) {
    await target.write({ folder: message.folder, flags: message.flags, internalDate: message.internalDate, size: message.bytes.length, body: (async function* () { yield message.bytes; })() });
  }
  await target.close();
}

export interface TempStore {
  dir: string;
  store: OpenedStore;
  close(): Promise<void>;
}

/** A data directory with one account. */
export async function tempStore(): Promise<TempStore> {
  const dir = await mkdtemp(join(tmpdir(), 'mailferry-sync-'));
  const store = await openStore({ dataDir: join(dir, 'data'), scryptCost: { ln: 4, r: 8, p: 1 }, blobGraceMs: 0 });
  await store.addDomain('example.org');
  await store.addAccount(ACCOUNT, 'pw');
  return {
    dir, store,
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function fillLocal(store: OpenedStore, messages: readonly SampleMessage[]): Promise<void> {
  const account = (await store.getAccount(ACCOUNT))!;
  for (const message of messages) {
    const folder = (await store.getFolder(account.id, message.folder)) ?? (await store.createFolder(account.id, message.folder));
    await ingestMessage(store, folder.id, message.bytes, { flags: message.flags, internalDate: message.internalDate });
  }
}

/** What the local account holds: folder → messages. */
export async function readLocal(store: OpenedStore): Promise<Map<string, HeldMessage[]>> {
  const account = (await store.getAccount(ACCOUNT))!;
  const held = new Map<string, HeldMessage[]>();
  for (const folder of await store.listFolders(account.id)) {
    const list: HeldMessage[] = [];
    for await (const message of store.iterateMessages(folder.id)) {
      list.push({ uid: message.uid, sha256: message.sha256, flags: [...message.flags].sort(), internalDate: message.internalDate.toISOString() });
    }
    held.set(folder.name, list);
  }
  return held;
}

/** The multiset "folder TAB sha256 TAB flags TAB date" of a mailbox, for comparing two sides. */
export function fingerprint(held: Map<string, HeldMessage[]>, rename: (folder: string) => string = (f) => f): string[] {
  const lines: string[] = [];
  for (const [folder, messages] of held) {
    for (const m of messages) lines.push(`${rename(folder)}\t${m.sha256}\t${m.flags.map((f) => f.toLowerCase()).sort().join(',')}\t${m.internalDate}`);
  }
  return lines.sort();
}

/** The same for the sample as a destination must hold it (`transform` for servers that rewrite bytes). */
export function expectedFingerprint(messages: readonly SampleMessage[], rename: (folder: string) => string = (f) => f, transform: (b: Buffer) => Buffer = (b) => b): string[] {
  return messages.map((m) => `${rename(m.folder)}\t${sha256(transform(m.bytes))}\t${[...m.flags].map((f) => f.toLowerCase()).sort().join(',')}\t${m.internalDate.toISOString()}`).sort();
}
