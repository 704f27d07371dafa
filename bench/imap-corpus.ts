// The IMAP benchmark's corpus: 10,000 messages of the realistic size mix (test/import/maildir-corpus.ts) in ONE
// folder, generated once as a Maildir in .bench/ (corpus.json, written last, marks a complete one), then loaded
// into a mailferry store (cached too) and copied into a private Dovecot's INBOX.
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { makeMessage, realisticSize } from '../test/import/maildir-corpus.ts';
import { openStore } from '../src/store/open.ts';
import { IngestBatch } from '../src/store/ingest-batch.ts';

export interface FlatCorpus {
  root: string;
  messages: number;
  bytes: number;
}

export async function flatCorpus(benchDir: string, count: number): Promise<FlatCorpus> {
  const root = join(benchDir, `imap-corpus-${count}`);
  const marker = join(root, 'corpus.json');
  if (existsSync(marker)) return JSON.parse(await readFile(marker, 'utf8')) as FlatCorpus;
  process.stderr.write(`generating ${count} messages in ${root} (once)…\n`);
  await rm(root, { recursive: true, force: true });
  for (const sub of ['cur', 'new', 'tmp']) await mkdir(join(root, sub), { recursive: true });
  let bytes = 0;
  for (let index = 0; index < count; index++) {
    const message = makeMessage(index, realisticSize());
    bytes += message.length;
    await writeFile(join(root, 'cur', `${1_700_000_000 + index}.M${index}P1.bench,S=${message.length}:2,${index % 3 === 0 ? 'S' : ''}`), message);
  }
  const corpus: FlatCorpus = { root, messages: count, bytes };
  await writeFile(marker, JSON.stringify(corpus));
  return corpus;
}

/** Message files in UID order (their names start with an increasing number). */
async function files(corpus: FlatCorpus): Promise<string[]> {
  return (await readdir(join(corpus.root, 'cur'))).sort();
}

/** A store holding the corpus in alice's INBOX, built once and reused (ready.json marks a complete one). */
export async function mailferryStore(benchDir: string, corpus: FlatCorpus, user: string, password: string): Promise<string> {
  const dataDir = join(benchDir, `imap-store-${corpus.messages}`);
  if (existsSync(join(dataDir, 'ready.json'))) return dataDir;
  process.stderr.write(`loading the corpus into a mailferry store in ${dataDir} (once)…\n`);
  await rm(dataDir, { recursive: true, force: true });
  const store = await openStore({ dataDir });
  try {
    await store.addDomain(user.split('@')[1]!);
    const account = await store.addAccount(user, password);
    const inbox = (await store.getFolder(account.id, 'INBOX'))!;
    const batch = new IngestBatch(store);
    for (const name of await files(corpus)) {
      await batch.add(inbox.id, await readFile(join(corpus.root, 'cur', name)), { flags: name.endsWith('S') ? ['\\Seen'] : [] });
      if (batch.full) await batch.flush();
    }
    await batch.flush();
  } finally {
    await store.close();
  }
  await writeFile(join(dataDir, 'ready.json'), '{}');
  return dataDir;
}

/** Copies the corpus into a Dovecot user's INBOX (owned by the mail user, as the harness runs Dovecot). */
export async function fillDovecotInbox(mailDir: string, corpus: FlatCorpus): Promise<void> {
  await mkdir(mailDir, { recursive: true });
  for (const sub of ['cur', 'new', 'tmp']) await cp(join(corpus.root, sub), join(mailDir, sub), { recursive: true });
  execFileSync('chown', ['-R', 'mail:mail', mailDir]);
}
